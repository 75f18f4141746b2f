// test_sqli.mjs: SQL-injection strings in every filter and sort parameter are harmless (SPEC §9:
// every statement is prepared with bound values; sort orders are allow-listed). Every GET route
// of the table gets each string in each parameter, as an office user, a unit user, the auditor
// (the audit log's filters) and the sysadmin (administration); the answer is 400 or a normal
// page or JSON, never a 5xx, and a unit never sees more measures than its own. The LIKE wildcards % and _ in a short search match themselves, not everything.
// Afterwards the database is intact: integrity check, row counts, schema and audit chain.

import {
    assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, sql, sql1, cli,
    objectIds, concretePath, pick, isPg,
} from './lib.mjs';

const STRINGS = ["' OR 1=1 --", '1;DROP TABLE measure', '"', '\\', '%', '_', "1' OR '1'='1",
    '1 UNION SELECT login, password_hash FROM users --', "'); DELETE FROM audit; --", '-1', '0',
    '99999999999999999999999', 'deadline; DROP TABLE users', 'deadline DESC', 'id', '%25', '＇ OR 1=1 --'];
// The listing's filters and sort, the audit log's filters, paging, and a few common names.
const PARAMS = ['inspection', 'unit', 'leader', 'state', 'light', 'q', 'sort', 'order', 'dir', 'after', 'limit',
    'page', 'id', 'actor', 'action', 'from', 'to', 'before', 'next', 'done'];

function snapshot(db) {
    return {
        tables: sql(db, pick(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).join(','),
        counts: sql(db, 'SELECT (SELECT count(*) FROM measure), (SELECT count(*) FROM users), ' +
                        '(SELECT count(*) FROM finding), (SELECT count(*) FROM progress), (SELECT count(*) FROM unit)')[0],
    };
}

async function main() {
    const dir = tempDir('sqli');
    const db = demoDb(dir);
    const ids = objectIds(db);
    const before = snapshot(db);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const unitVisible = Number(sql1(db, `SELECT count(*) FROM measure WHERE lead_unit_id = ${unitId} ` +
        `OR id IN (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId})`));
    // Thousands of requests in a burst: the API's rate limit (tested on its own) is off here.
    const server = await startServer(db, '--rate-api', '0');
    const clients = await setupRoles(server, { office: 'office', unit: 'unit', auditor: 'auditor', sysadmin: 'sysadmin' });
    const gets = routes().filter((rt) => rt.method === 'GET' && rt.flags.includes('login'));
    let n = 0;

    for (const [role, client] of Object.entries(clients)) {
        for (const rt of gets.filter((r) => r.roles.includes(role))) {
            const path = concretePath(rt.pattern, ids, false);
            for (const param of PARAMS) {
                for (const s of STRINGS) {
                    const url = `${path}?${param}=${encodeURIComponent(s)}`;
                    const res = await client.req(url);
                    const what = `${role} ${url} → ${res.status}`;
                    assert.ok(res.status < 500, `${what}: ${res.text.slice(0, 300)}`);
                    assert.ok([200, 303, 400, 404].includes(res.status), what);
                    if ((res.headers.get('content-type') || '').startsWith('application/json')) {
                        const body = JSON.parse(res.text);
                        if (role === 'unit' && typeof body.total === 'number')
                            assert.ok(body.total <= unitVisible, `${what}: a unit sees ${body.total} measures`);
                    }
                    n++;
                }
            }
        }
    }

    // Wildcards: a short search for % or _ finds the measures whose text holds that character.
    for (const ch of ['%', '_']) {
        const want = Number(sql1(db, `SELECT count(*) FROM measure WHERE title || body LIKE '%\\${ch}%' ESCAPE '\\'`));
        const res = await clients.office.req(`/api/v1/measures?q=${encodeURIComponent(ch)}`);
        assert.equal(res.status, 200, `search ${ch}: ${res.text}`);
        assert.equal(Client.json(res).total, want, `a search for ${ch} matches only itself`);
    }

    await server.stop();
    assert.deepEqual(snapshot(db), before, 'the database is unchanged');
    if (!isPg(db))
        assert.equal(sql1(db, 'PRAGMA integrity_check'), 'ok');
    cli(db, 'check');
    assert.match(cli(db, 'audit', 'verify'), /ok|intact/i);
    console.log(`${n} injection requests`);
}

run(main);
