// test_inspection_list.mjs (issue 11): 整改台账, the list of inspections, counts each one's measures
// by SQL rather than by loading them. Each row's figures, for the office and for a unit liaison
// (who sees only the measures it leads or shares), must agree with the table itself (measures in
// force, closed ones) and with the measure list API's totals per light, which count through the
// same light predicates on another path; the lights add up to the measures. Two days are read:
// the demo's and a later one on which more deadlines have passed.
import { assert, run, tempDir, demoDb, startServer, setupRoles, loggedIn, Client, sql1, TODAY } from './lib.mjs';

// The rows of the table: inspection id and its nine cells' numbers by data-label.
function rows(html) {
    const out = [];
    for (const tr of html.matchAll(/<tr><td data-label="整改事项"><a href="\/inspections\/(\d+)">.*?<\/tr>/g)) {
        const cells = {};
        for (const td of tr[0].matchAll(/<td data-label="([^"]+)">([^<]*)<\/td>/g))
            cells[td[1]] = td[2];
        out.push({ id: Number(tr[1]), cells });
    }
    return out;
}

async function check(db, client, scope, label) {
    const res = await client.req('/inspections');
    assert.equal(res.status, 200, res.text.slice(0, 200));
    const list = rows(res.text);
    assert.ok(list.length > 0, `${label}: the list shows an inspection`);
    for (const { id, cells } of list) {
        const total = Number(cells['措施']);
        const inForce = `inspection_id = ${id} AND withdrawn_at IS NULL AND ${scope}`;
        assert.equal(total, Number(sql1(db, `SELECT count(*) FROM measure WHERE ${inForce}`)), `${label}: measures of ${id}`);
        assert.ok(total > 0, `${label}: inspection ${id} has measures to count`);
        const closed = Number(sql1(db, `SELECT count(*) FROM measure WHERE ${inForce} AND state = 'closed'`));
        assert.equal(Number(cells['已销号']), closed, `${label}: closed of ${id}`);
        const done = Number(sql1(db, `SELECT count(*) FROM measure WHERE ${inForce} AND state IN ('closed','phase_complete')`));
        const rate = `${(100 * done / total).toFixed(1)}%`;
        assert.equal(cells['完成率'], rate, `${label}: completion of ${id}`);
        let sum = 0;
        for (const [light, word] of [['red', '红灯'], ['yellow', '黄灯'], ['green', '绿灯'], ['closed', '已销号']]) {
            const api = await client.req(`/api/v1/measures?inspection=${id}&light=${light}&limit=1`);
            assert.equal(api.status, 200, api.text);
            assert.equal(Number(cells[word]), Client.json(api).total, `${label}: ${light} of ${id} as the list counts it`);
            sum += Number(cells[word]);
        }
        assert.equal(sum, total, `${label}: the lights of ${id} add up to its measures`);
    }
    return list;
}

async function main() {
    const dir = tempDir('inspection-list');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const unitScope = `(lead_unit_id = ${unitId} OR id IN (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId}))`;
    for (const day of [TODAY, '2027-03-15']) {
        const server = await startServer(db, '--today', day);
        try {
            const c = day === TODAY ? await setupRoles(server, { office: 'office', unit: 'unit' })
                : { office: await loggedIn(server, 'office'), unit: await loggedIn(server, 'unit') };
            const office = await check(db, c.office, '1 = 1', `office on ${day}`);
            const red = office.reduce((n, r) => n + Number(r.cells['红灯']), 0);
            assert.ok(red > 0, `office on ${day}: some measure is red, so the lights were counted`);
            await check(db, c.unit, unitScope, `unit on ${day}`);
        } finally {
            await server.stop();
        }
    }
}

run(main);
