// test_routes.mjs: the role × route matrix. Every route of the table (read from
// `zhenggai debug-routes`, so a new route is covered without being listed here) is requested by
// an anonymous client, by an account that has not yet changed its first password, and by the
// demo account of each role; the answer must be what the route's flags and roles say:
//   anonymous on a login route     401 (API, writes) or 303 to /login?next=… (pages)
//   first password not yet changed 403 password_change_required / 303 to /account?first=1,
//                                  except on the routes flagged "fresh"
//   a role the route does not admit 403 (JSON: error.code "forbidden")
//   a role it admits                a GET answers 200 or a redirect that is not to /login;
//                                  a write passes the role check (not 401/403, never 5xx)
// Writes by admitted roles target an object that does not exist (id 999999999) or carry an
// empty body, so they exercise the dispatcher without changing the demo's data.

import {
    assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, ROLE_LOGINS,
    DEMO_PASSWORD, loggedIn, objectIds, concretePath, withFields, cli, sql1,
} from './lib.mjs';

const isWrite = (rt) => rt.method !== 'GET';
const has = (rt, flag) => rt.flags.includes(flag);

async function call(client, rt, ids) {
    const path = concretePath(rt.pattern, ids, isWrite(rt));
    const opts = { method: rt.method };
    if (isWrite(rt)) {
        if (has(rt, 'json'))
            opts.json = {};
        else
            opts.form = {};
        if (client.csrf)
            opts.headers = { 'x-csrf-token': client.csrf };
    }
    let res = await client.req(path, opts);
    // A read that names missing parameters (400 with fields) is asked again with them filled.
    if (!isWrite(rt) && res.status === 400 && has(rt, 'json')) {
        const query = withFields(Client.json(res).error.fields, ids);
        if (query) {
            res = await client.req(path + query, opts);
            return { path: path + query, res };
        }
    }
    return { path, res };
}

function errorCode(res) {
    return Client.json(res).error.code;
}

async function main() {
    const dir = tempDir('routes');
    const db = demoDb(dir);
    // A published 通报, so that the public and report routes with :id have an object.
    cli(db, 'report', 'publish', '--inspection', sql1(db, 'SELECT min(id) FROM inspection'));
    const ids = objectIds(db);
    const table = routes();
    assert.ok(table.length >= 10, 'debug-routes lists the table');
    const server = await startServer(db);
    let checked = 0;

    // Anonymous.
    const anon = new Client(server);
    for (const rt of table) {
        const { path, res } = await call(anon, rt, ids);
        const what = `anonymous ${rt.method} ${path}`;
        assert.ok(res.status < 500, `${what}: ${res.status}`);
        if (!has(rt, 'login')) {
            assert.notEqual(res.status, 403, what);
        } else if (has(rt, 'json') || isWrite(rt)) {
            assert.equal(res.status, 401, what);
            if (has(rt, 'json'))
                assert.equal(errorCode(res), 'unauthorized', what);
        } else {
            assert.equal(res.status, 303, what);
            assert.match(res.location, /^\/login\?next=/, what);
        }
        checked++;
    }

    // An account that must still change its first password.
    const fresh = new Client(server);
    assert.equal((await fresh.apiLogin('office01', DEMO_PASSWORD)).status, 201);
    for (const rt of table) {
        if (!has(rt, 'login') || has(rt, 'fresh'))
            continue;
        const { path, res } = await call(fresh, rt, ids);
        const what = `first-login ${rt.method} ${path}`;
        if (has(rt, 'json') || isWrite(rt)) {
            assert.equal(res.status, 403, what);
            if (has(rt, 'json'))
                assert.equal(errorCode(res), 'password_change_required', what);
        } else {
            assert.equal(res.status, 303, what);
            assert.equal(res.location, '/account?first=1', what);
        }
        checked++;
    }

    // Each role's demo account.
    const clients = await setupRoles(server);
    for (const [role, client] of Object.entries(clients)) {
        for (const rt of table) {
            const { path, res } = await call(client, rt, ids);
            const what = `${role} ${rt.method} ${path} → ${res.status}`;
            assert.ok(res.status < 500, what);
            if (has(rt, 'login') && !rt.roles.includes(role)) {
                assert.equal(res.status, 403, what);
                if (has(rt, 'json'))
                    assert.equal(errorCode(res), 'forbidden', what);
            } else if (!isWrite(rt)) {
                assert.ok([200, 303].includes(res.status), `${what}: ${res.text.slice(0, 300)}`);
                if (res.status === 303)
                    assert.doesNotMatch(res.location, /^\/login/, what);
            } else if (has(rt, 'login')) {
                assert.ok(![401, 403].includes(res.status), `${what}: ${res.text.slice(0, 300)}`);
            } else {
                // A public write (login): its own 401 for a wrong password is no access decision.
                assert.notEqual(res.status, 403, `${what}: ${res.text.slice(0, 300)}`);
            }
            checked++;
            // A write may have ended the session (logout): log in again for the next route.
            if (isWrite(rt) && (await client.req('/api/v1/session')).status !== 200)
                clients[role] = Object.assign(client, await loggedIn(server, ROLE_LOGINS[role]));
        }
    }

    // An API token (Bearer) stands for its user on the API's reads and nowhere else: a page
    // does not take it, and a revoked token is dead.
    const office = clients.office;
    const res = await office.req('/api/v1/tokens', { json: { name: '集成测试' }, headers: { 'x-csrf-token': office.csrf } });
    assert.equal(res.status, 201, res.text);
    const { id: tokenId, token } = Client.json(res);
    const bearer = new Client(server);
    bearer.headers = { authorization: `Bearer ${token}` };
    for (const rt of table.filter((r) => r.method === 'GET' && has(r, 'login'))) {
        const { path, res } = await call(bearer, rt, ids);
        const what = `Bearer GET ${path} → ${res.status}`;
        if (!has(rt, 'json'))
            assert.equal(res.status, 303, what);
        else if (rt.roles.includes('office'))
            assert.equal(res.status, 200, what);
        else
            assert.equal(res.status, 403, what);
        checked++;
    }
    const revoke = await office.req(`/api/v1/tokens/${tokenId}`, { method: 'DELETE', headers: { 'x-csrf-token': office.csrf } });
    assert.ok([200, 204].includes(revoke.status), `revoke: ${revoke.status}`);
    assert.equal((await bearer.req('/api/v1/session')).status, 401);
    console.log(`${table.length} routes, ${checked} role × route checks`);
}

run(main);
