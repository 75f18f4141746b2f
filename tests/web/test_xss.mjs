// test_xss.mjs: user text is escaped by construction (SPEC §9). XSS payloads — ASCII ones,
// full-width ＜script＞ (which must stay full-width: no normalisation may turn it into markup)
// and Chinese ones — are stored in every text field the application shows: those the web cannot
// write (measure, finding, inspection, unit and person text) straight into the database before the
// server starts; progress text through the transition form; a user's display name, a new unit's
// names and a refused login through the administration pages; an API token's name. Then every GET route of the table is fetched as every role, with
// the payloads in every query parameter too, and
//   - no HTML reply contains a payload's markup unescaped;
//   - the escaped payloads do appear (so the test did look at the fields);
//   - every API reply is JSON (never HTML) and gives each stored payload back byte for byte.

import {
    assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, sql, sql1, objectIds,
    concretePath, MISSING,
} from './lib.mjs';

// Payload parts: raw markup that must never come back, and its escaped form that must.
const SHORT = `<img src=x onerror=alert('整改')>`; // for fields of at most 100 bytes
const PAYLOAD = `${SHORT}＜script＞alert('全角')＜/script＞` +
    `"><svg onload=alert(1)>' onmouseover='alert(2)<script>alert("整改")</script>`;
const RAW = ['<img src=x', '<svg onload', '<script>alert', "' onmouseover='", '"><svg'];
const ESCAPED = ['&lt;img src=x onerror=alert(&#39;整改&#39;)&gt;', '＜script＞alert(&#39;全角&#39;)＜/script＞',
    '&quot;&gt;&lt;svg onload=alert(1)&gt;', '&lt;script&gt;alert(&quot;整改&quot;)&lt;/script&gt;'];

// Store a marked payload in each field that only the database (import, demo) can write.
function poison(db, ids) {
    const m = ids.measures;
    for (const [table, col, where, tag] of [
        ['measure', 'title', `id = ${m}`, '措施标题'],
        ['measure', 'body', `id = ${m}`, '措施内容'],
        ['measure', 'target', `id = ${m}`, '目标要求'],
        ['finding', 'title', `id = (SELECT finding_id FROM measure WHERE id = ${m})`, '问题标题'],
        ['finding', 'body', `id = (SELECT finding_id FROM measure WHERE id = ${m})`, '问题内容'],
        ['inspection', 'title', `id = ${ids.inspections}`, '巡察标题'],
        ['inspection', 'group_name', `id = ${ids.inspections}`, '巡察组'],
        ['unit', 'name', `id = ${ids.units}`, '单位名称'],
        ['person', 'name', `id = (SELECT min(person_id) FROM measure_leader WHERE measure_id = ${m})`, '领导姓名'],
        ['users', 'display_name', "login = 'unit'", '联络员'],
    ]) {
        const value = `${tag}${PAYLOAD}`.replaceAll("'", "''");
        sql(db, `UPDATE ${table} SET ${col} = '${value}' WHERE ${where}`);
    }
}

// Every string inside a parsed JSON value.
function strings(v, out = []) {
    if (typeof v === 'string')
        out.push(v);
    else if (v && typeof v === 'object')
        for (const x of Object.values(v))
            strings(x, out);
    return out;
}

function checkReply(what, res, seen) {
    assert.ok(res.status < 500, `${what}: ${res.status}`);
    const type = res.headers.get('content-type') || '';
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
    if (type.startsWith('application/json')) {
        for (const s of strings(JSON.parse(res.text)))
            if (s.includes('onerror=alert')) {
                assert.ok(s.includes(PAYLOAD) || s.includes(`令牌${SHORT}`), `${what}: mangled payload ${s}`);
                seen.json++;
            }
        return;
    }
    if (!type.startsWith('text/html'))
        return; // assets
    for (const raw of RAW)
        assert.ok(!res.text.includes(raw), `${what}: unescaped ${raw}\n${res.text.slice(res.text.indexOf(raw) - 200, res.text.indexOf(raw) + 100)}`);
    for (const esc of ESCAPED)
        if (res.text.includes(esc))
            seen.html++;
}

async function main() {
    const dir = tempDir('xss');
    const db = demoDb(dir);
    const ids = objectIds(db);
    poison(db, ids);
    const table = routes();
    const server = await startServer(db);
    const clients = await setupRoles(server);
    const seen = { html: 0, json: 0 };

    // Text written through the web: progress through the transition form (as the unit), a
    // display name through administration (as sysadmin).
    const transition = table.find((rt) => rt.method === 'POST' && /^\/measures\/:id\/\w+$/.test(rt.pattern) && !rt.flags.includes('json'));
    assert.ok(transition, 'a page route posts measure transitions');
    let res = await clients.unit.req(concretePath(transition.pattern, ids, false), {
        form: { action: 'report', comment: `进展${PAYLOAD}`, text: `进展${PAYLOAD}`, percent: '30' },
    });
    assert.ok(res.status === 303 || res.status === 200, `progress report: ${res.status} ${res.text.slice(0, 300)}`);
    assert.ok(Number(sql1(db, `SELECT count(*) FROM progress WHERE body LIKE '进展%onerror%'`)) >= 1,
              'the progress text was stored');

    const rename = table.find((rt) => rt.method === 'POST' && /^\/admin\/users\/:id$/.test(rt.pattern));
    assert.ok(rename, 'a page route edits a user');
    const office01 = sql1(db, "SELECT id FROM users WHERE login = 'office01'");
    const form = { display_name: `姓名${PAYLOAD}`, unit: sql1(db, `SELECT unit_id FROM users WHERE id = ${office01}`) };
    res = await clients.sysadmin.req(rename.pattern.replace(':id', office01), { form });
    assert.ok(res.status === 303 || res.status === 200, `rename: ${res.status} ${res.text.slice(0, 300)}`);
    assert.equal(sql1(db, `SELECT display_name FROM users WHERE id = ${office01}`), `姓名${PAYLOAD}`);

    // A unit made through administration, a refused login name (its form comes back filled in),
    // an API token's name.
    res = await clients.sysadmin.req('/admin/units', {
        form: { name: `单位${PAYLOAD}`, short_name: `简称${PAYLOAD}`, kind: 'other', parent: '' },
    });
    assert.equal(res.status, 303, `unit create: ${res.status} ${res.text.slice(0, 300)}`);
    res = await clients.sysadmin.req('/admin/users/new', {
        form: { login: `登录${PAYLOAD}`, display_name: `新用户${PAYLOAD}`, unit: '', password: 'Zhenggai@2027' },
    });
    checkReply('refused user form', res, seen);
    res = await clients.office.req('/api/v1/tokens', {
        json: { name: `令牌${SHORT}` }, headers: { 'x-csrf-token': clients.office.csrf },
    });
    assert.equal(res.status, 201, `token: ${res.status} ${res.text}`);

    // Every GET route as every role, plain and with the payload in every parameter.
    const params = ['q', 'unit', 'leader', 'state', 'light', 'sort', 'after', 'inspection', 'next', 'limit'];
    const evil = '?' + params.map((p) => `${p}=${encodeURIComponent(PAYLOAD)}`).join('&');
    let n = 0;
    for (const [role, client] of Object.entries(clients)) {
        for (const rt of table.filter((r) => r.method === 'GET')) {
            const path = concretePath(rt.pattern, ids, false);
            for (const p of [path, path + evil]) {
                checkReply(`${role} GET ${p}`, await client.req(p), seen);
                n++;
            }
        }
    }
    checkReply('404 page', await clients.office.req(`/${encodeURIComponent(PAYLOAD)}`), seen);
    checkReply('missing measure', await clients.office.req(`/measures/${MISSING}`), seen);
    checkReply('login next', await new Client(server).req(`/login?next=${encodeURIComponent('/' + PAYLOAD)}`), seen);
    console.log(`${n} replies; escaped payloads seen ${seen.html} times in HTML, ${seen.json} in JSON`);
    assert.ok(seen.html >= 20, 'the payloads were shown escaped on the pages');
    assert.ok(seen.json >= 5, 'the API gave the payloads back');
}

run(main);
