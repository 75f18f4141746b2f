// test_session.mjs: sessions end after the idle timeout and after the absolute timeout (SPEC §9),
// on the server: the row is deleted and the cookie no longer works, for the API (401) and the
// pages (303 to the login page with the path to come back to). The limits are shortened with
// serve --session-idle / --session-max so that the test waits seconds, not minutes.

import { assert, run, tempDir, demoDb, startServer, Client, sql1, DEMO_PASSWORD } from './lib.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sessions = (db, login) =>
    Number(sql1(db, `SELECT count(*) FROM session WHERE user_id = (SELECT id FROM users WHERE login = '${login}')`));

async function main() {
    const dir = tempDir('session');
    const db = demoDb(dir);

    // Idle: 2 seconds without a request.
    let server = await startServer(db, '--session-idle', '2');
    const c = new Client(server);
    assert.equal((await c.apiLogin('leader', DEMO_PASSWORD)).status, 201);
    assert.equal((await c.req('/api/v1/session')).status, 200);
    assert.equal(sessions(db, 'leader'), 1);
    await sleep(3200);
    assert.equal((await c.req('/api/v1/session')).status, 401);
    assert.equal(sessions(db, 'leader'), 0, 'the expired session is deleted');
    const page = new Client(server);
    assert.equal((await page.apiLogin('leader01', DEMO_PASSWORD)).status, 201);
    await sleep(3200);
    const res = await page.req('/account');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login?next=%2Faccount');
    await server.stop();

    // Absolute: 3 seconds in all, however busy the session is.
    server = await startServer(db, '--session-idle', '100', '--session-max', '3');
    const busy = new Client(server);
    assert.equal((await busy.apiLogin('leader', DEMO_PASSWORD)).status, 201);
    for (let i = 0; i < 2; i++) {
        await sleep(1000);
        assert.equal((await busy.req('/api/v1/session')).status, 200, `second ${i + 1}`);
    }
    await sleep(2200);
    assert.equal((await busy.req('/api/v1/session')).status, 401);
}

run(main);
