// test_reply_cache.mjs: a kept reply (web/replycache.c) answers only the request it was made for,
// tried from the attacker's side. The server runs one worker thread, so every request below
// meets the one cache: another user, another session of the same user, a logged-out or expired
// session and a read after a write each ask it for a reply that was kept for someone or
// something else.

import { assert, run, tempDir, demoDb, startServer, Client, setupRoles, loggedIn, sql1, DEMO_PASSWORD }
    from './lib.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
    const dir = tempDir('reply_cache');
    const db = demoDb(dir);
    const server = await startServer(db, '--threads', '1');
    const { office, unit } = await setupRoles(server, { office: 'office', unit: 'unit' });
    const list = '/api/v1/measures?inspection=1&limit=100';

    // The same URL as another user: the unit's own scope, never the office's kept list.
    const a1 = await office.req(list);
    const a2 = await office.req(list);
    assert.equal(a1.status, 200);
    assert.equal(a2.text, a1.text, 'the office reads its list twice alike');
    // fetch asks for gzip: the kept reply's compressed copy decompresses to the same bytes, and
    // its plain copy, its ETag and the 304 stay as the first reply's.
    assert.equal(a1.headers.get('content-encoding'), 'gzip');
    assert.equal(a2.headers.get('etag'), a1.headers.get('etag'));
    const plain = await office.req(list, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.text, a1.text);
    assert.equal(plain.headers.get('etag'), a1.headers.get('etag').replace('-gz"', '"'));
    assert.equal((await office.req(list, { headers: { 'if-none-match': a1.headers.get('etag') } })).status,
                 304);
    const u = await unit.req(list);
    assert.equal(u.status, 200);
    assert.notEqual(u.text, a1.text, 'the unit is not answered with the office\'s list');
    const unitId = Number(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'"));
    const items = Client.json(u).items;
    assert.ok(items.length > 0 && items.length < Client.json(a1).items.length);
    for (const m of items)
        assert.ok(m.lead_unit.id === unitId || m.co_units.some((c) => c.id === unitId),
                  `measure ${m.id} is not the unit's`);
    assert.equal((await office.req(list)).text, a1.text, 'the office\'s list again, after the unit\'s');

    // A page for two sessions of one user: each carries its own session's CSRF token.
    const second = await loggedIn(server, 'office');
    const page = '/measures?inspection=1';
    const p1 = await office.req(page);
    const p2 = await second.req(page);
    assert.equal(p1.status, 200);
    assert.equal(p2.status, 200);
    assert.ok(p1.text.includes(office.csrf) && !p1.text.includes(second.csrf));
    assert.ok(p2.text.includes(second.csrf) && !p2.text.includes(office.csrf),
              'the second session is not answered with the first one\'s page');

    // A session logged out: its cookie no longer reads the page it read a moment ago.
    const cookie = second.cookie;
    assert.equal((await second.req('/logout', { form: {} })).status, 303);
    second.cookie = cookie;
    const after = await second.req(page);
    assert.equal(after.status, 303, 'a logged-out cookie is sent to the login page');
    assert.match(after.location, /^\/login/);
    assert.equal((await second.req(list)).status, 401);

    // A write: the next read shows it, on the same thread that kept the read before it.
    const m = items.find((x) => x.state === 'in_progress' && x.lead_unit.id === unitId);
    assert.ok(m, 'the unit leads a measure in progress');
    const item = `/api/v1/measures/${m.id}`;
    const before = await office.req(item);
    const text = `台账核对第${process.pid}次，整改按计划推进。`;
    assert.ok(!before.text.includes(text));
    assert.equal((await office.req(item)).text, before.text);
    const res = await unit.req(`${item}/transitions`, {
        json: { action: 'report', text },
        headers: { 'x-csrf-token': unit.csrf },
    });
    assert.ok(res.status === 200 || res.status === 201, `report: ${res.status} ${res.text}`);
    assert.ok((await office.req(item)).text.includes(text), 'the read after the report shows it');
    await server.stop();

    // A session past its idle time, though nothing was written meanwhile.
    const short = await startServer(db, '--threads', '1', '--session-idle', '2');
    const leader = new Client(short);
    assert.equal((await leader.apiLogin('leader', DEMO_PASSWORD)).status, 201);
    await leader.changePassword(DEMO_PASSWORD, 'Zhenggai@2026-new2');
    assert.equal((await leader.req(list)).status, 200);
    assert.equal((await leader.req(list)).status, 200);
    await sleep(3200);
    assert.equal((await leader.req(list)).status, 401, 'an idle session is refused, kept reply or not');
}

run(main);
