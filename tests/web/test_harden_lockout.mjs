// test_harden_lockout.mjs (issue 10, item 4): failures are counted atomically in the database.
// 8 wrong passwords sent in parallel: the counter ends at 8, at most 5 of them are checked
// (audited login.failed) and the others refused as locked (login.refused), and the account is
// locked, so the right password is refused too.
import { assert, run, tempDir, demoDb, startServer, Client, sql1, DEMO_PASSWORD } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-lockout');
    const db = demoDb(dir);
    const server = await startServer(db);
    const login = 'leader02';
    const tries = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        new Client(server).apiLogin(login, `wrong-guess-${i}`)));
    for (const t of tries)
        assert.equal(t.status, 401);
    const count = (action) => Number(sql1(db,
        `SELECT count(*) FROM audit WHERE actor = '${login}' AND action = '${action}'`));
    assert.equal(Number(sql1(db, `SELECT failed_logins FROM users WHERE login = '${login}'`)), 8);
    assert.ok(count('login.failed') <= 5, `${count('login.failed')} guesses were checked`);
    assert.equal(count('login.failed') + count('login.refused'), 8);
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'login.lockout'")), 1);
    assert.ok(sql1(db, `SELECT locked_until FROM users WHERE login = '${login}'`));
    assert.equal((await new Client(server).apiLogin(login, DEMO_PASSWORD)).status, 401);
});
