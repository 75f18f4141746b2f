// test_csrf.mjs: state changes need the session's own CSRF token and a same Origin (SPEC §9).
// Every route flagged "csrf" in the table is refused without a token, with another session's
// token and from a foreign Origin — for pages and the API alike; the same request with the right
// token and Origin gets past the check (so it is the check that refused). Logins refuse a
// foreign Origin too (no login CSRF), and a logout ends the session on the server.

import http from 'node:http';
import { assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, concretePath, objectIds, NEW_PASSWORD } from './lib.mjs';

const EVIL = 'http://evil.example';

// POST a multipart body (the token a field before the file) on a raw request: the server may
// answer and close before reading it all, which fetch reports as a write error, not a status.
function multipartPost(base, path, headers, token) {
    const boundary = 'zgcsrftest';
    let body = '';
    if (token)
        body += `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n`;
    body += `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n` +
            `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n\r\n--${boundary}--\r\n`;
    return new Promise((resolve, reject) => {
        const req = http.request(base + path, { method: 'POST', headers: { ...headers,
            'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(body) } },
        (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d) => { text += d; });
            res.on('end', () => resolve({ status: res.statusCode, text, headers: new Headers(res.headers) }));
        });
        req.on('error', (e) => { if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e); });
        req.end(body);
    });
}

async function main() {
    const dir = tempDir('csrf');
    const db = demoDb(dir);
    const ids = objectIds(db);
    const server = await startServer(db);
    const { office: a, leader: b } = await setupRoles(server, { office: 'office', leader: 'leader' });
    assert.notEqual(a.csrf, b.csrf);

    // Every CSRF route, as office (whose roles may not even reach some routes: the CSRF check
    // must not be what a role check hides, so routes office may not use are skipped).
    const table = routes().filter((rt) => rt.flags.includes('csrf') && rt.roles.includes('office'));
    assert.ok(table.length >= 3);
    for (const rt of table) {
        const path = concretePath(rt.pattern, ids, true);
        const json = rt.flags.includes('json');
        const send = (headers, token) => rt.flags.includes('upload')
            ? multipartPost(server.url, path, { ...headers, cookie: `zg_sid=${a.cookie}` }, token)
            : a.req(path, { method: rt.method, headers, ...(json ? { json: {} } : { form: { csrf: token } }) });
        const tries = {
            'no token': await send({}, null),
            "another session's token": await send(json ? { 'x-csrf-token': b.csrf } : {}, b.csrf),
            'a foreign Origin': await send({ 'x-csrf-token': a.csrf, origin: EVIL }, a.csrf),
            'Origin null': await send({ 'x-csrf-token': a.csrf, origin: 'null' }, a.csrf),
        };
        for (const [how, res] of Object.entries(tries)) {
            const what = `${rt.method} ${path} with ${how}`;
            assert.equal(res.status, 403, what);
            if (json)
                assert.equal(Client.json(res).error.code, 'csrf', what);
        }
        assert.equal((await a.req('/api/v1/session')).status, 200, `session survives ${path}`);
    }

    // The control: a wrong current password with the right token gets to the handler (422),
    // so the 403s above came from the CSRF check; the password is unchanged.
    const origin = server.url;
    let res = await a.req('/account/password', {
        form: { old: 'wrong-password', new: 'Another@2027', again: 'Another@2027' },
        headers: { origin },
    });
    assert.equal(res.status, 422);
    assert.equal((await new Client(server).apiLogin('office', NEW_PASSWORD)).status, 201);

    // Logins from a foreign Origin are refused before the password is even looked at.
    res = await new Client(server).req('/login', {
        form: { login: 'office', password: NEW_PASSWORD, csrf: null }, headers: { origin: EVIL },
    });
    assert.equal(res.status, 403);
    res = await new Client(server).req('/api/v1/session', {
        method: 'POST', json: { login: 'office', password: NEW_PASSWORD }, headers: { origin: EVIL },
    });
    assert.equal(res.status, 403);
    assert.equal(Client.json(res).error.code, 'csrf');

    // Logout with the right token ends the session on the server: the old cookie is dead.
    const cookie = b.cookie;
    res = await b.req('/api/v1/session', { method: 'DELETE', headers: { 'x-csrf-token': b.csrf, origin } });
    assert.equal(res.status, 204);
    const replay = new Client(server);
    replay.cookie = cookie;
    assert.equal((await replay.req('/api/v1/session')).status, 401);
    res = await replay.req('/account');
    assert.equal(res.status, 303);
    assert.match(res.location, /^\/login/);
}

run(main);
