// test_harden_audit_rate.mjs (issue 10, items 12 and 13).
// 12: refusals (a wrong role, a wrong CSRF token, a foreign Origin) and the auditor's reads leave
//     audit rows; CR, LF and other control characters in audited strings are escaped.
// 13: logins are rate-limited per address and per account, the API per address and account:
//     429 with Retry-After, while another address is still served.
import http from 'node:http';
import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql1, cli, pick } from './lib.mjs';

function request(url, { method = 'GET', path, body, headers = {}, localAddress }) {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path, method, localAddress, agent: false,
            headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
            let text = '';
            res.on('data', (d) => { text += d; });
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
        });
        req.on('error', reject);
        req.end(body ? JSON.stringify(body) : undefined);
    });
}

run(async () => {
    const dir = tempDir('harden-audit');
    const db = demoDb(dir);
    let server = await startServer(db, '--rate-login', '30');
    const { unit, auditor } = await setupRoles(server, { unit: 'unit', auditor: 'auditor' });
    const count = (where) => Number(sql1(db, `SELECT count(*) FROM audit WHERE ${where}`));

    // 12: refusals and the auditor's reads.
    assert.equal((await unit.req('/admin/users')).status, 403);
    assert.equal(count("action = 'refused.role' AND actor = 'unit' AND object = '/admin/users'"), 1);
    assert.equal((await unit.req('/api/v1/tokens', { json: { name: 'x' }, headers: { 'X-CSRF-Token': 'wrong' } })).status, 403);
    assert.equal(count("action = 'refused.csrf' AND actor = 'unit'"), 1);
    assert.equal((await unit.req('/api/v1/tokens', { json: { name: 'x' },
        headers: { 'X-CSRF-Token': unit.csrf, Origin: 'http://evil.example' } })).status, 403);
    assert.equal(count("action = 'refused.origin'"), 1);
    assert.equal((await auditor.req('/audit?actor=unit')).status, 200);
    assert.equal(count("action = 'read' AND actor = 'auditor' AND detail LIKE '/audit?actor=unit%'"), 1);
    assert.equal((await auditor.req('/api/v1/audit')).status, 200);
    assert.equal(count("action = 'read' AND actor = 'auditor' AND object = '/api/v1/audit'"), 1);

    // Control characters never reach the log raw.
    const forged = 'x\r\n2026-01-01 admin login ok\u001b[2J';
    await new Client(server).apiLogin(forged, 'whatever');
    const holds = (code) => `detail LIKE '%' || ${pick(db, 'char', 'chr')}(${code}) || '%'`;
    assert.equal(count(`${holds(10)} OR ${holds(13)} OR ${holds(27)}`), 0);
    assert.ok(count("detail LIKE '%x\\x0d\\x0a2026-01-01 admin login ok\\x1b[2J%' ESCAPE '|'") >= 1, 'escaped detail');
    await server.stop();
    assert.match(cli(db, 'audit', 'verify'), /ok|intact/i);

    // 13: a login flood from one address gets 429; another address still logs in.
    server = await startServer(db, '--rate-login', '30', '--max-per-address', '100');
    const flood = [];
    for (let i = 0; i < 60; i++)
        flood.push(request(server.url, { method: 'POST', path: '/api/v1/session',
            body: { login: `nobody${i}`, password: 'x' }, localAddress: '127.0.0.1' }));
    const got = await Promise.all(flood);
    const limited = got.filter((r) => r.status === 429);
    assert.ok(limited.length >= 20, `${limited.length} of 60 logins limited`);
    assert.ok(Number(limited[0].headers['retry-after']) >= 1, 'Retry-After');
    assert.equal(JSON.parse(limited[0].text).error.code, 'too_many_requests');
    const other = await request(server.url, { method: 'POST', path: '/api/v1/session',
        body: { login: 'observer', password: 'Zhenggai@2026' }, localAddress: '127.0.0.2' });
    assert.equal(other.status, 201, 'another address logs in');

    // Per account, whatever the address: 30/6 = 5 guesses at once, then 429.
    const perAccount = [];
    for (let i = 0; i < 10; i++)
        perAccount.push((await request(server.url, { method: 'POST', path: '/api/v1/session',
            body: { login: 'leader03', password: `wrong${i}` }, localAddress: `127.0.1.${i + 1}` })).status);
    assert.ok(perAccount.filter((s) => s === 429).length >= 4, `per account: ${perAccount}`);
    await server.stop();

    // The API per address.
    server = await startServer(db, '--rate-api', '20');
    const apiClient = new Client(server);
    assert.equal((await apiClient.apiLogin('observer', 'Zhenggai@2026')).status, 201);
    let n429 = 0, retry = null;
    for (let batch = 0; batch < 4; batch++) {
        const rs = await Promise.all(Array.from({ length: 25 }, () => apiClient.req('/api/v1/inspections')));
        for (const r of rs)
            if (r.status === 429) {
                n429++;
                retry = r.headers.get('retry-after');
            }
    }
    assert.ok(n429 > 0, 'no API request was limited');
    assert.ok(Number(retry) >= 1);
});
