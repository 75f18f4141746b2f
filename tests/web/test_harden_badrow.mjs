// test_harden_badrow.mjs (issue 10, item 10): a measure with an unknown state fails the requests
// that load it with 500 and a log line naming the table and the id; the server keeps serving the
// rest, and after a restart still runs.
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, pick } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-badrow');
    const db = demoDb(dir);
    const id = sql1(db, 'SELECT min(id) FROM measure');
    sql1(db, pick(db, 'PRAGMA ignore_check_constraints = 1;', 'ALTER TABLE measure DROP CONSTRAINT measure_state_check;') +
        ` UPDATE measure SET state = 'bogus' WHERE id = ${id} RETURNING id`);
    for (let round = 0; round < 2; round++) {
        const server = await startServer(db);
        server.proc.stderr.removeAllListeners('data');
        let log = '';
        server.proc.stderr.on('data', (d) => { log += d; });
        const { office } = await setupRoles(server, round === 0 ? { office: 'office' } : {});
        const c = office || (await import('./lib.mjs').then((l) => l.loggedIn(server, 'office')));
        // The list reads only its page: ask for the page that holds the bad row (ledger order).
        let res = await c.req('/api/v1/measures?sort=ledger');
        assert.equal(res.status, 500, `list: ${res.status}`);
        res = await c.req(`/measures/${id}`);
        assert.equal(res.status, 500, `page: ${res.status}`);
        assert.match(res.text, /系统内部错误/);
        assert.match(log, new RegExp(`bad row: table measure, id ${id}: unknown state`));
        // The rest still works.
        assert.equal((await c.req('/api/v1/units')).status, 200);
        assert.equal((await c.req('/account')).status, 200);
        await server.stop();
    }
});
