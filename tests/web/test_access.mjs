// test_access.mjs: object-level access (SPEC §5), decided in access.c for every page, API call,
// list, count and search. Marked objects are planted in the demo database before the server
// starts, then every GET route of the table is fetched as each account — with the ids of the
// marked objects and with searches and filters that would find them — and the marks must appear
// exactly where the account may see them:
//   - a unit user never sees a measure whose lead and co-units exclude its unit (page 403/404,
//     API 403/404, absent from lists, counts and searches), and the API's count of its measures
//     equals the database's;
//   - an office user of one organisation (district A) never sees district B's inspection or
//     measures, nor B's office user A's; the observer sees both;
//   - the observer reads but cannot write: a transition is refused with 403;
//   - sysadmin, secadmin and auditor see no ledger content anywhere.

import {
    assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, sql, sql1, cli,
    concretePath, objectIds, DEMO_PASSWORD,
} from './lib.mjs';
import { execFileSync } from 'node:child_process';

const FOREIGN = '外单位保密措施甲';   // a measure of district A outside the unit's reach
const DISTRICT_B = '东湖区专属措施乙'; // a measure of district B's inspection
const INSPECTION_B = '东湖区专属巡察乙';

// Plant district B: its own root unit, a department, an inspection with a finding and a measure,
// and an office account (made with the CLI, as an administrator would).
function plantDistrictB(db, BIN) {
    sql(db, `
      INSERT INTO unit(name, kind) VALUES('东湖区委', 'party');
      INSERT INTO unit(name, kind, parent_id) VALUES('东湖区财政局', 'government', (SELECT id FROM unit WHERE name = '东湖区委'));
      INSERT INTO unit(name, kind, parent_id) VALUES('东湖区巡改办', 'party', (SELECT id FROM unit WHERE name = '东湖区委'));
      INSERT INTO inspection(title, target, created_at, org_unit_id)
        VALUES('${INSPECTION_B}', '东湖区委', '2026-01-05T00:00:00Z', (SELECT id FROM unit WHERE name = '东湖区委'));
      INSERT INTO finding(inspection_id, level, ordinal, label, title)
        VALUES((SELECT max(id) FROM inspection), 'problem', 1, '(一)', '东湖区问题乙');
      INSERT INTO measure(inspection_id, finding_id, ordinal, title, body, deadline, lead_unit_id, state, created_at, updated_at)
        VALUES((SELECT max(id) FROM inspection), (SELECT max(id) FROM finding), 1, '${DISTRICT_B}', '东湖区内容乙',
               '2026-12-31', (SELECT id FROM unit WHERE name = '东湖区财政局'), 'in_progress', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');`);
    execFileSync(BIN, ['--db', db, 'user', 'add', 'office_b', '--name', '东湖区巡改办', '--unit', '东湖区巡改办',
                       '--role', 'office', '--password-stdin'], { input: DEMO_PASSWORD + '\n' });
    return {
        inspection: sql1(db, `SELECT id FROM inspection WHERE title = '${INSPECTION_B}'`),
        measure: sql1(db, `SELECT id FROM measure WHERE title = '${DISTRICT_B}'`),
    };
}

// Fetch every GET route the role is admitted to, with the given ids, plain and with searches
// and filters aimed at the marks; returns [{path, res}].
async function crawl(client, role, table, ids, searches) {
    const out = [];
    for (const rt of table.filter((r) => r.method === 'GET' && r.flags.includes('login') && r.roles.includes(role))) {
        const path = concretePath(rt.pattern, ids, false);
        for (const query of ['', ...searches]) {
            const p = path + query;
            out.push({ path: p, res: await client.req(p) });
        }
    }
    return out;
}

function assertAbsent(replies, mark, who) {
    for (const { path, res } of replies) {
        assert.ok(res.status < 500, `${who} ${path}: ${res.status}`);
        assert.ok(!res.text.includes(mark), `${who} sees '${mark}' at ${path}`);
    }
}

function assertPresent(replies, mark, who) {
    assert.ok(replies.some(({ res }) => res.text.includes(mark)), `${who} never sees '${mark}'`);
}

async function main() {
    const dir = tempDir('access');
    const db = demoDb(dir);
    const ids = objectIds(db);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const foreign = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id <> ${unitId} AND id NOT IN
                              (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId})`);
    const foreignUnit = sql1(db, `SELECT lead_unit_id FROM measure WHERE id = ${foreign}`);
    sql(db, `UPDATE measure SET title = '${FOREIGN}', body = '${FOREIGN}内容' WHERE id = ${foreign}`);
    const b = plantDistrictB(db, process.argv[2]);
    const visible = Number(sql1(db, `SELECT count(*) FROM measure WHERE lead_unit_id = ${unitId} OR id IN
                                     (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId})`));
    const table = routes();
    const server = await startServer(db);
    const clients = await setupRoles(server);
    const c = await setupRoles(server, { office_b: 'office_b' });
    clients.office_b = c.office_b;

    // The unit user and the foreign measure.
    const unit = clients.unit;
    // Search for the middle of a mark, so that a page repeating the search words does not show it.
    const search = (mark) => [`?q=${encodeURIComponent(mark.slice(1, -1))}`, `?unit=${foreignUnit}`,
                              `?inspection=${ids.inspections}`];
    for (const p of [`/measures/${foreign}`, `/api/v1/measures/${foreign}`]) {
        const res = await unit.req(p);
        assert.ok([403, 404].includes(res.status), `unit GET ${p}: ${res.status}`);
    }
    let replies = await crawl(unit, 'unit', table, { ...ids, measures: foreign, units: foreignUnit }, search(FOREIGN));
    assertAbsent(replies, FOREIGN, 'unit');
    assertAbsent(replies, DISTRICT_B, 'unit');
    let res = await unit.req('/api/v1/measures?limit=100');
    assert.equal(res.status, 200);
    assert.equal(Client.json(res).total, visible, 'the API counts exactly the unit\'s measures');
    res = await unit.req(`/api/v1/measures?q=${encodeURIComponent(FOREIGN.slice(1, -1))}`);
    assert.equal(Client.json(res).total, 0, 'a search does not count the foreign measure');
    res = await unit.req(`/api/v1/measures?unit=${foreignUnit}`);
    assert.ok(res.status === 403 || (res.status === 200 && Client.json(res).total === 0), `filter by another unit: ${res.status}`);

    // The office sees the foreign measure (control), but not district B; office_b the reverse.
    replies = await crawl(clients.office, 'office', table, { ...ids, measures: foreign }, search(FOREIGN));
    assertPresent(replies, FOREIGN, 'office');
    assertAbsent(replies, DISTRICT_B, 'office');
    assertAbsent(replies, INSPECTION_B, 'office');
    for (const p of [`/measures/${b.measure}`, `/api/v1/measures/${b.measure}`, `/inspections/${b.inspection}`,
                     `/api/v1/inspections/${b.inspection}`]) {
        res = await clients.office.req(p);
        assert.ok([403, 404].includes(res.status), `office (A) GET ${p}: ${res.status}`);
    }
    replies = await crawl(clients.office_b, 'office', table, { ...ids, measures: b.measure, inspections: b.inspection },
                          [...search(DISTRICT_B), ...search(FOREIGN)]);
    assertPresent(replies, DISTRICT_B, 'office_b');
    assertAbsent(replies, FOREIGN, 'office_b');
    res = await clients.office_b.req(`/measures/${foreign}`);
    assert.ok([403, 404].includes(res.status), `office (B) GET /measures/${foreign}: ${res.status}`);

    // The observer sees both districts but writes nothing.
    const obs = clients.observer;
    for (const [id, mark] of [[foreign, FOREIGN], [b.measure, DISTRICT_B]]) {
        res = await obs.req(`/measures/${id}`);
        assert.equal(res.status, 200);
        assert.ok(res.text.includes(mark));
    }
    const writes = table.filter((rt) => rt.method !== 'GET' && /^\/(api\/v1\/)?measures\/:id\//.test(rt.pattern));
    assert.ok(writes.length >= 1, 'measure transitions are routes');
    const stateBefore = sql1(db, `SELECT state FROM measure WHERE id = ${foreign}`);
    for (const rt of writes) {
        const p = rt.pattern.replace(':id', foreign);
        res = rt.flags.includes('json')
            ? await obs.req(p, { method: rt.method, json: { action: 'report', comment: '观察员' }, headers: { 'x-csrf-token': obs.csrf } })
            : await obs.req(p, { method: rt.method, form: { action: 'report', comment: '观察员' } });
        assert.equal(res.status, 403, `observer ${rt.method} ${p}`);
    }
    assert.equal(sql1(db, `SELECT state FROM measure WHERE id = ${foreign}`), stateBefore);

    // Administrators see no ledger content. The audit log is the one exception, by design: it
    // names the objects of its entries (issue 9: 措施“…” with a link) and only the auditor reads
    // it, so the auditor's audit routes are left out; every other route of every admin is checked.
    const someTitles = sql(db, `SELECT title FROM measure WHERE lead_unit_id = ${unitId} ORDER BY id LIMIT 3`).map((r) => r[0]);
    const auditLog = (p) => p === '/audit' || p.startsWith('/audit?') || p.startsWith('/api/v1/audit');
    for (const role of ['sysadmin', 'secadmin', 'auditor']) {
        const admin = clients[role];
        for (const rt of table.filter((r) => r.method === 'GET' && r.flags.includes('login'))) {
            const p = concretePath(rt.pattern, ids, false);
            if (role === 'auditor' && auditLog(p))
                continue;
            res = await admin.req(p);
            for (const mark of [FOREIGN, DISTRICT_B, ...someTitles])
                assert.ok(!res.text.includes(mark), `${role} sees '${mark}' at ${p}`);
        }
    }
    await server.stop();
    assert.match(cli(db, 'audit', 'verify'), /ok|intact/i);
}

run(main);
