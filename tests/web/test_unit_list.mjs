// test_unit_list.mjs (issue 11): GET /api/v1/units comes a page at a time, so that an observer of
// a province (tens of thousands of units) is not sent every one, and each user's pages hold
// exactly the units access_unit lets them see. A second organisation of 600 units (three levels
// deep) and two units whose parents form a cycle are written behind the server's back. Then: the
// observer's pages (limit 1..500, keyset by id through `next`) are disjoint and together every
// unit in id order; the office's are its organisation's tree and the unit liaison's its own unit;
// each item's org_unit_id is the root of its tree; one unit outside the office's organisation is
// refused (403) and a missing one is 404; the cycle neither hangs a request nor gives its units
// an organisation; bad paging input is refused.

import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql, sql1 } from './lib.mjs';

// Every page of path's items through `next`; each reply's size is checked against its page.
async function walk(client, path, limit) {
    const ids = [], items = [];
    let after = 0;
    for (let guard = 0; guard < 100; guard++) {
        const sep = path.includes('?') ? '&' : '?';
        const res = await client.req(`${path}${sep}limit=${limit}${after ? `&after=${after}` : ''}`);
        assert.equal(res.status, 200, res.text.slice(0, 300));
        const body = Client.json(res);
        assert.ok(body.items.length <= limit, `${body.items.length} items for limit ${limit}`);
        assert.ok(Buffer.byteLength(res.text) < 200 * (limit + 1), `a page of ${limit} costs its page`);
        items.push(...body.items);
        ids.push(...body.items.map((u) => u.id));
        if (body.next === undefined)
            return { ids, items };
        assert.equal(body.next, body.items[body.items.length - 1].id, 'next is the last id');
        after = body.next;
    }
    assert.fail('the walk ends');
}

async function main() {
    const dir = tempDir('unitlist');
    const db = demoDb(dir);
    // A second organisation: a root, 20 departments, 29 offices under each (600 units).
    sql(db, "INSERT INTO unit(name, kind) VALUES('外市委员会', 'party')");
    const other = Number(sql1(db, "SELECT id FROM unit WHERE name = '外市委员会'"));
    for (let d = 1; d <= 20; d++) {
        sql(db, `INSERT INTO unit(name, kind, parent_id) VALUES('外市部门${d}', 'government', ${other})`);
        const dept = Number(sql1(db, `SELECT id FROM unit WHERE name = '外市部门${d}'`));
        const rows = [];
        for (let k = 1; k <= 29; k++)
            rows.push(`('外市部门${d}科室${k}', 'other', ${dept})`);
        sql(db, `INSERT INTO unit(name, kind, parent_id) VALUES ${rows.join(', ')}`);
    }
    // Two units whose parents form a cycle (no application path writes one).
    sql(db, "INSERT INTO unit(name, kind) VALUES('环甲', 'other'), ('环乙', 'other')");
    const a = Number(sql1(db, "SELECT id FROM unit WHERE name = '环甲'"));
    const b = Number(sql1(db, "SELECT id FROM unit WHERE name = '环乙'"));
    sql(db, `UPDATE unit SET parent_id = ${b} WHERE id = ${a}`);
    sql(db, `UPDATE unit SET parent_id = ${a} WHERE id = ${b}`);

    // Each unit's organisation, from SQL: the root its parents lead to (none in the cycle).
    const roots = new Map(sql(db, `WITH RECURSIVE up(start, id, parent_id) AS (
            SELECT id, id, parent_id FROM unit
            UNION SELECT up.start, x.id, x.parent_id FROM unit x JOIN up ON x.id = up.parent_id)
        SELECT start, id FROM up WHERE parent_id IS NULL`).map((r) => [Number(r[0]), Number(r[1])]));
    const all = sql(db, 'SELECT id FROM unit ORDER BY id').map((r) => Number(r[0]));
    assert.ok(all.length > 600, `${all.length} units`);
    const unitId = Number(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'"));
    const officeUnit = Number(sql1(db, "SELECT unit_id FROM users WHERE login = 'office'"));
    const org = roots.get(officeUnit);
    assert.ok(org && org !== other, 'the office belongs to the demo organisation');
    const orgUnits = all.filter((id) => roots.get(id) === org);

    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit', observer: 'observer' });

    // The observer: every unit, in id order, whatever the page size.
    for (const limit of [500, 37]) {
        const { ids, items } = await walk(c.observer, '/api/v1/units', limit);
        assert.deepEqual(ids, all, `the observer's pages of ${limit} are every unit, in order`);
        for (const u of items)
            assert.equal(u.org_unit_id, roots.get(u.id) || 0, `unit ${u.id}'s organisation`);
    }
    const first = Client.json(await c.observer.req('/api/v1/units'));
    assert.equal(first.items.length, 100, 'a page of 100 by default');
    assert.equal(first.next, all[99]);

    // The office: its organisation's tree; the liaison: its own unit.
    const office = await walk(c.office, '/api/v1/units', 7);
    assert.deepEqual(office.ids, orgUnits, "the office's pages are its organisation's units");
    for (const u of office.items)
        assert.equal(u.org_unit_id, org, `unit ${u.id} is in the office's organisation`);
    assert.deepEqual((await walk(c.unit, '/api/v1/units', 5)).ids, [unitId], 'the liaison sees its unit');
    const past = Client.json(await c.unit.req(`/api/v1/units?after=${unitId}`));
    assert.deepEqual(past.items, [], 'nothing after the liaison\'s unit');

    // One unit: the office's own organisation's, not another's; a missing one; the cycle.
    const own = Client.json(await c.office.req(`/api/v1/units/${orgUnits[orgUnits.length - 1]}`));
    assert.equal(own.org_unit_id, org);
    assert.equal((await c.office.req(`/api/v1/units/${other}`)).status, 403);
    assert.equal((await c.office.req(`/api/v1/units/${a}`)).status, 403, 'a unit of no organisation');
    assert.equal((await c.observer.req('/api/v1/units/999999999')).status, 404);
    const loop = Client.json(await c.observer.req(`/api/v1/units/${b}`));
    assert.equal(loop.org_unit_id, 0, 'a cycle has no organisation');

    // Bad paging input is refused.
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'after=-1', 'after=1x'])
        assert.equal((await c.observer.req(`/api/v1/units?${bad}`)).status, 400, bad);
}

run(main);
