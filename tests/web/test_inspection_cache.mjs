// test_inspection_cache.mjs (issue 11): each worker thread keeps the inspections, and for up to 8
// kinds of users (a unit user is one kind per unit) the ones each sees, which requests borrow.
// With 3,000 inspections and 20 unit users taking turns, every request finds its kind gone and
// lists again: each sees its organisation's issued inspections (its select says 共 N 项), and the
// server does not grow with the turns (a slot's old list was left behind until the next change of
// an inspection: 540 KB a turn, or 12 KB before requests borrowed). An inspection changed between
// turns is seen by the next request.

import { assert, run, tempDir, demoDb, startServer, Client, sql, sql1, procKb, DEMO_PASSWORD } from './lib.mjs';

const USERS = 20;
const MORE = 2999;

const hint = (html) => (html.match(/<span class="hint">([^<]*)<\/span>/) || [])[1];

async function main() {
    const dir = tempDir('inspection-cache');
    const db = demoDb(dir);
    sql(db, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${MORE})
        INSERT INTO inspection (title, group_name, target, feedback_on, created_at, org_unit_id)
        SELECT title || '（第' || k.i || '轮）', group_name, target, feedback_on, created_at, org_unit_id
        FROM inspection, k WHERE inspection.id = 1`);
    const total = Number(sql1(db, 'SELECT count(*) FROM inspection'));
    const org = sql1(db, 'SELECT org_unit_id FROM inspection WHERE id = 1');
    const visible = Number(sql1(db, `SELECT count(*) FROM inspection WHERE plan_state = 'issued'
        AND (org_unit_id IS NULL OR org_unit_id = ${org})`));
    assert.ok(visible >= 3000, `${visible} of ${total} inspections for a unit`);
    // 20 unit users, each of its own unit of the organisation, the demo's password kept.
    const units = sql(db, `SELECT id FROM unit WHERE parent_id IS NOT NULL ORDER BY id LIMIT ${USERS}`);
    assert.equal(units.length, USERS);
    units.forEach(([unit], k) => {
        sql(db, `INSERT INTO users (login, display_name, unit_id, password_hash, must_change_password, created_at)
            SELECT 'turn${k}', '轮换${k}', ${unit}, password_hash, 0, created_at FROM users WHERE login = 'unit'`);
        sql(db, `INSERT INTO user_role (user_id, role) SELECT id, 'unit' FROM users WHERE login = 'turn${k}'`);
    });

    // A small quarantine under ASan, so that freed memory is reused and RSS means what it says.
    if (process.env.ASAN_OPTIONS)
        process.env.ASAN_OPTIONS += ':quarantine_size_mb=1';
    const server = await startServer(db, '--rate-api', '0');
    const clients = [];
    for (let k = 0; k < USERS; k++) {
        const c = new Client(server);
        const res = await c.apiLogin(`turn${k}`, DEMO_PASSWORD);
        assert.equal(res.status, 201, `turn${k}: ${res.status} ${res.text}`);
        clients.push(c);
    }
    let n = 0;
    const turns = async (rounds) => {
        for (let round = 0; round < rounds; round++) {
            const pages = await Promise.all(clients.map((c) => c.req(`/measures?turn=${++n}`)));
            for (const p of pages) {
                assert.equal(p.status, 200, p.text.slice(0, 300));
                assert.equal(hint(p.text), `共 ${visible} 项，列出 30 项`);
            }
        }
    };
    await turns(10);
    const before = procKb(server.proc.pid, 'VmRSS');
    await turns(60);
    const after = procKb(server.proc.pid, 'VmRSS');
    console.log(`VmRSS ${before} kB after 200 turns, ${after} kB after 1,400 (${visible} inspections each)`);
    assert.ok(after - before < 8 * 1024, `the server grew by ${after - before} kB over 1,200 turns`);

    // A change of an inspection reaches the next turn (the cache and its slots refreshed).
    sql(db, `UPDATE inspection SET title = '轮换后改名的整改事项' WHERE id = ${total}`);
    const renamed = await Promise.all(clients.map((c) => c.req(`/measures?turn=${++n}`)));
    for (const p of renamed)
        assert.ok(p.text.includes('轮换后改名的整改事项'), 'the renamed inspection is listed');
    await server.stop();
}

run(main);
