// two_servers.mjs ZHENGGAI: two `zhenggai serve` processes on one PostgreSQL database (issue 15),
// as two machines behind a load balancer: one files folder shared by both (evidence, audit key).
// A server without its files folder, or with an empty one while the audit log is signed, does
// not start. A login on A serves the next request on B (sessions are rows); a write on A is read
// on B at once; writes alternate between them, then run concurrently; the same measure closed
// from both at once succeeds on exactly one, the other answering 409; evidence uploaded on A
// downloads from B with the same bytes; failed logins alternated between A and B lock the
// account at the fifth, as on one server (the count is a row, not a server's memory);
// afterwards every acknowledged write is in the database and `audit verify` passes (one chain,
// however the servers interleaved).
// Needs the throwaway cluster (ZG_WEB_PG_URI, set by tests/pg/CMakeLists.txt); SKIP (77) when no
// PostgreSQL server is installed.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
    assert, run, tempDir, demoDb, startServer, setupRoles, Client, cli, sql, sql1, PG_URI, BIN,
} from '../web/lib.mjs';
import { makePng } from '../web/evidence_files.mjs';

if (!PG_URI) {
    console.error('FAIL: run from ctest (ZG_WEB_PG_URI is not set)');
    process.exit(1);
}

const send = (client, method, path, json) =>
    client.req(path, { method, json, headers: { 'x-csrf-token': client.csrf } });

// `zhenggai --db db ARGS` with the environment env: [exit status, stderr].
function cliEnv(db, env, ...args) {
    const r = spawnSync(BIN, ['--db', db, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    return [r.status, r.stderr];
}

// The bytes of a download through client (the text of Client.req would mangle them).
async function download(client, path) {
    const res = await fetch(client.base + path, { headers: { cookie: `zg_sid=${client.cookie}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

// Failed logins alternated between servers lock the account at AUTH_MAX_FAILURES (5), as on one.
async function lockoutAcrossServers(a, b, db) {
    const login = 'discipline';
    const clients = [new Client(a), new Client(b)];
    const wrong = (i) => clients[i % 2].apiLogin(login, `wrong-password-${i}`);
    for (let i = 0; i < 4; i++)
        assert.equal((await wrong(i)).status, 401, `failure ${i + 1}`);
    assert.equal(sql1(db, `SELECT failed_logins FROM users WHERE login = '${login}'`), '4',
        'both servers counted into one row');
    assert.equal(sql1(db, `SELECT locked_until IS NULL FROM users WHERE login = '${login}'`), 't',
        'not locked after four');
    assert.equal((await wrong(4)).status, 401, 'failure 5');
    assert.equal(sql1(db, `SELECT locked_until IS NOT NULL FROM users WHERE login = '${login}'`), 't',
        'the fifth failure, on A, locked the account');
    // The right password now fails on either server.
    for (const c of clients)
        assert.equal((await c.apiLogin(login, 'Zhenggai@2026-new')).status, 401, 'locked on both servers');
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE action = 'login.lockout'
        AND object = (SELECT 'user:' || id FROM users WHERE login = '${login}')`), '1', 'one lockout audited');
}

run(async () => {
    const dir = tempDir('two');
    const db = demoDb(dir); // ZHENGGAI_FILES is dir/pgfiles from here on
    const files = join(dir, 'pgfiles');

    // The files folder is explicit: none, a missing one, or one without the audit key is refused.
    let [status, stderr] = cliEnv(db, { ZHENGGAI_FILES: '' }, 'status');
    assert.notEqual(status, 0);
    assert.match(stderr, /needs its files folder/);
    [status, stderr] = cliEnv(db, { ZHENGGAI_FILES: '' }, '--files', join(dir, 'not-mounted'), 'status');
    assert.notEqual(status, 0);
    assert.match(stderr, /does not exist/);
    const empty = join(dir, 'empty-files');
    mkdirSync(empty, { mode: 0o700 });
    [status, stderr] = cliEnv(db, { ZHENGGAI_FILES: empty }, 'serve', '--listen', '127.0.0.1:0');
    assert.notEqual(status, 0);
    assert.match(stderr, /no audit key/);

    process.env.ZHENGGAI_FILES = files;
    const a = await startServer(db);
    await setupRoles(a); // first passwords, through A
    const b = await startServer(db); // the same folder: the serve lock is shared on PostgreSQL

    // A login on A, the next request on B.
    const unitA = new Client(a);
    assert.equal((await unitA.apiLogin('unit', 'Zhenggai@2026-new')).status, 201);
    const unitB = new Client(b);
    unitB.cookie = unitA.cookie;
    unitB.csrf = unitA.csrf;
    let res = await unitB.req('/api/v1/session');
    assert.equal(res.status, 200, 'B knows the session A made');
    assert.equal(Client.json(res).user.login, 'unit');

    // A session signed out on B is refused on A at once, though A's threads cache the sessions
    // they have served (web/session_cache.c): the sign-out moves the data version on A too.
    const outA = new Client(a);
    assert.equal((await outA.apiLogin('unit', 'Zhenggai@2026-new')).status, 201);
    for (let i = 0; i < 4; i++)
        assert.equal((await outA.req('/api/v1/session')).status, 200, 'A serves the session');
    const outB = new Client(b);
    outB.cookie = outA.cookie;
    outB.csrf = outA.csrf;
    const bye = await send(outB, 'DELETE', '/api/v1/session');
    assert.ok(bye.status >= 200 && bye.status < 300, `sign-out on B: ${bye.status}`);
    for (let i = 0; i < 4; i++)
        assert.equal((await outA.req('/api/v1/session')).status, 401, 'A refuses the signed-out session');

    // Writes alternate between A and B; each is read back on the other server at once.
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const movable = sql(db, `SELECT id FROM measure WHERE lead_unit_id = ${unitId}
        AND state IN ('not_started','in_progress','returned') AND withdrawn_at IS NULL ORDER BY id LIMIT 12`)
        .map((r) => r[0]);
    assert.ok(movable.length >= 8, `only ${movable.length} measures to move`);
    const acknowledged = [];
    for (let i = 0; i < 4; i++) {
        const [writer, reader] = i % 2 ? [unitB, unitA] : [unitA, unitB];
        const id = movable[i];
        // The reader has the measure already: its worker keeps that reply (web/replycache.c),
        // which the write on the other server must make stale.
        const before = await reader.req(`/measures/${id}`);
        assert.equal(before.status, 200);
        assert.doesNotMatch(before.text, new RegExp(`第${i}次，交替写入`));
        assert.equal((await reader.req(`/api/v1/measures/${id}`)).status, 200);
        res = await send(writer, 'POST', `/api/v1/measures/${id}/transitions`, { action: 'report', comment: `第${i}次，交替写入` });
        assert.ok([200, 201].includes(res.status), res.text);
        acknowledged.push(id);
        const seen = await reader.req(`/api/v1/measures/${id}`);
        assert.equal(seen.status, 200);
        assert.equal(Client.json(seen).state, sql1(db, `SELECT state FROM measure WHERE id = ${id}`),
            `the other server shows write ${i} at once`);
        const page = await reader.req(`/measures/${id}`);
        assert.match(page.text, new RegExp(`第${i}次，交替写入`), 'the page on the other server shows the write');
    }

    // Concurrent writes on both servers: every acknowledged one is there afterwards.
    const rest = movable.slice(4);
    const replies = await Promise.all(rest.map((id, i) =>
        send(i % 2 ? unitB : unitA, 'POST', `/api/v1/measures/${id}/transitions`, { action: 'report', comment: '同时写入' })));
    replies.forEach((r, i) => {
        assert.ok([200, 201].includes(r.status), `concurrent write ${i}: ${r.status} ${r.text.slice(0, 200)}`);
        acknowledged.push(rest[i]);
    });
    // Each acknowledged write left its report (the progress row with its text).
    for (const [i, id] of acknowledged.entries()) {
        const text = i < 4 ? `第${i}次，交替写入` : '同时写入';
        assert.equal(sql1(db, `SELECT count(*) FROM progress WHERE measure_id = ${id} AND body = '${text}'`), '1',
            `write ${i} on measure ${id} kept`);
    }

    // The same measure closed from both servers at once: one succeeds, the other gets 409.
    const officeA = new Client(a), officeB = new Client(b);
    assert.equal((await officeA.apiLogin('office', 'Zhenggai@2026-new')).status, 201);
    assert.equal((await officeB.apiLogin('office', 'Zhenggai@2026-new')).status, 201);
    // A measure the leader signed off, waiting for the office to close it.
    const target = sql1(db, "SELECT min(id) FROM measure WHERE state = 'signed_off' AND onsite_required = 0"
        + " AND withdrawn_at IS NULL");
    assert.ok(target, 'a measure waits for the office');
    const both = await Promise.all([officeA, officeB].map((c) =>
        send(c, 'POST', `/api/v1/measures/${target}/transitions`, { action: 'verify', comment: '两台同时核查' })));
    const codes = both.map((r) => r.status).sort();
    assert.equal(codes.filter((c) => c === 200 || c === 201).length, 1, `codes ${codes}: ${both.map((r) => r.text.slice(0, 120))}`);
    assert.equal(codes.filter((c) => c === 409).length, 1, `codes ${codes}`);
    assert.equal(sql1(db, `SELECT state FROM measure WHERE id = ${target}`), 'closed');
    assert.equal(Number(sql1(db, `SELECT count(*) FROM event WHERE measure_id = ${target} AND comment = '两台同时核查'`)), 1,
        'one transition recorded');

    // Evidence uploaded on A downloads from B, the same bytes (one shared folder).
    // (The report keeps the measure's percent: a submit that changes it writes the percent after
    // its audit entry, which `audit verify` then reports as a change outside the application.)
    const percent = Number(sql1(db, `SELECT percent FROM measure WHERE id = ${movable[0]}`));
    const draftRes = await send(unitA, 'POST', `/api/v1/measures/${movable[0]}/progress`, { text: '两台服务器佐证', percent });
    assert.equal(draftRes.status, 201, draftRes.text);
    const png = makePng(40, 30, 7);
    const form = new FormData();
    form.append('files', new Blob([png]), '现场照片.png');
    res = await unitA.req(`/api/v1/progress/${Client.json(draftRes).id}/evidence`,
        { method: 'POST', body: form, headers: { 'x-csrf-token': unitA.csrf } });
    assert.equal(res.status, 201, res.text);
    const evidenceId = Client.json(res).items[0].id;
    const got = await download(unitB, `/api/v1/evidence/${evidenceId}`);
    assert.equal(got.status, 200, 'B serves the file A stored');
    assert.equal(createHash('sha256').update(got.bytes).digest('hex'),
        createHash('sha256').update(png).digest('hex'), 'the same bytes');
    res = await send(unitB, 'POST', `/api/v1/progress/${Client.json(draftRes).id}/submit`);
    assert.equal(res.status, 200, `the report A drafted is submitted on B: ${res.text}`);

    await lockoutAcrossServers(a, b, db);

    await a.stop();
    await b.stop();
    // One chain, whoever wrote.
    assert.match(cli(db, 'audit', 'verify'), /intact/);
});
