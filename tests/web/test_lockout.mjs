// test_lockout.mjs: five wrong passwords in a row lock an account for 15 minutes (SPEC §9).
// While locked, even the right password is refused, through the form and the API alike, and a
// session the account already had ends. Each failure, the lockout and each refusal are audit rows
// (read behind the server's back with sql()), and the hash chain still verifies.

import { assert, run, tempDir, demoDb, startServer, Client, sql, sql1, cli, DEMO_PASSWORD } from './lib.mjs';

const count = (db, actor, action) =>
    Number(sql1(db, `SELECT count(*) FROM audit WHERE actor = '${actor}' AND action = '${action}'`));

async function main() {
    const dir = tempDir('lockout');
    const db = demoDb(dir);
    const server = await startServer(db);
    const login = 'leader01';

    // A session opened before the attack.
    const victim = new Client(server);
    assert.equal((await victim.apiLogin(login, DEMO_PASSWORD)).status, 201);
    assert.equal((await victim.req('/api/v1/session')).status, 200);

    const attacker = new Client(server);
    for (let i = 1; i <= 5; i++) {
        const res = await attacker.req('/login', { form: { login, password: `wrong-${i}`, next: '/', csrf: null } });
        assert.equal(res.status, 401, `failure ${i}`);
        // The fifth failure locks the account, and says so with the local time it ends.
        assert.match(res.text, i < 5 ? /账号或密码错误/ : /该账号因连续输错密码已被暂时锁定，请于(\d+年)?\d+月\d+日 \d\d:\d\d后再试/);
    }
    assert.equal(count(db, login, 'login.failed'), 5);
    assert.equal(count(db, 'system', 'login.lockout'), 1);
    const object = `user:${sql1(db, `SELECT id FROM users WHERE login = '${login}'`)}`;
    assert.equal(sql1(db, "SELECT object FROM audit WHERE action = 'login.lockout'"), object);
    assert.ok(sql1(db, `SELECT locked_until FROM users WHERE login = '${login}'`), 'locked_until set');

    // The right password no longer helps, through the form or the API, and says nothing more.
    let res = await attacker.req('/login', { form: { login, password: DEMO_PASSWORD, next: '/', csrf: null } });
    assert.equal(res.status, 401);
    assert.match(res.text, /已被暂时锁定，请于.*后再试/);
    // ... and a wrong one reads the same: the lock is told for the login, whatever the password.
    res = await attacker.req('/login', { form: { login, password: 'wrong-6', next: '/', csrf: null } });
    assert.equal(res.status, 401);
    assert.match(res.text, /已被暂时锁定，请于.*后再试/);
    res = await new Client(server).apiLogin(login, DEMO_PASSWORD);
    assert.equal(res.status, 401);
    assert.equal(Client.json(res).error.code, 'unauthorized');
    assert.equal(count(db, login, 'login.refused'), 3);
    assert.equal(count(db, login, 'login.failed'), 5, 'refusals are not counted as new failures');

    // The session from before the lockout is over.
    assert.equal((await victim.req('/api/v1/session')).status, 401);

    // Another account is untouched; unknown logins are audited as anonymous failures.
    assert.equal((await new Client(server).apiLogin('leader02', DEMO_PASSWORD)).status, 201);
    res = await new Client(server).apiLogin('nobody-here', 'x');
    assert.equal(res.status, 401);
    assert.equal(count(db, 'anonymous', 'login.failed'), 1);
    assert.deepEqual(sql(db, "SELECT detail FROM audit WHERE actor = 'anonymous'")[0][0].includes('nobody-here'), true);

    // An unknown login reads exactly as a known one: the same text for a wrong password, and
    // after five failures in a row the same lock, so the lock tells nothing about existence.
    const strip = (t) => t.replace(/name="csrf" value="[0-9a-f]*"/g, '').replace(/\d+月\d+日 \d\d:\d\d/g, 'T');
    const known = [], unknown = [];
    for (let i = 1; i <= 6; i++) {
        for (const [who, out] of [['leader03', known], ['nobody-at-all', unknown]]) {
            const r = await new Client(server).req('/login', { form: { login: who, password: `bad-${i}`, next: '/', csrf: null } });
            assert.equal(r.status, 401);
            out.push(strip(r.text));
        }
    }
    assert.deepEqual(unknown, known);
    assert.match(unknown[4], /已被暂时锁定/);
    assert.match(unknown[5], /已被暂时锁定/);
    assert.doesNotMatch(unknown[3], /锁定，请于/);

    await server.stop();
    assert.match(cli(db, 'audit', 'verify'), /ok|intact/i);
}

run(main);
