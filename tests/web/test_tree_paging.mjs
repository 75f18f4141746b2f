// test_tree_paging.mjs (issue 11): the inspection tree costs the problems it shows. The county
// demo doubled to 600 measures (above the tree's inline bound; the 300-measure tree, every row
// on the page and 全部展开 in place, is test_screen's and the browser tests'): a
// collapsed problem holds a link instead of its rows, 全部展开 (?open=1) shows each problem's
// first 10 with a link to the rest, and ?problem=ID shows that problem's measures in full: the
// rows of every problem, opened one at a time, are exactly the problem's measures from SQL, and
// no reply grows with the ledger beyond the rows it shows. The API's tree names every measure's
// units and leaders as SQL does.

import {
    assert, run, tempDir, demoDb, doubleMeasures, startServer, setupRoles, sql, sql1,
} from './lib.mjs';

// The measure ids in the <details> of finding id (its own table, not its children's).
function rowsOf(html, id) {
    const at = html.indexOf(`<details open id="finding-${id}"`);
    if (at < 0)
        return null;
    const end = html.indexOf('<details', at + 10);
    const part = html.slice(at, end < 0 ? undefined : end);
    return [...part.matchAll(/<a href="\/measures\/(\d+)">/g)].map((m) => Number(m[1]));
}

async function main() {
    const dir = tempDir('treepaging');
    const db = demoDb(dir);
    const insp = Number(sql1(db, 'SELECT min(id) FROM inspection'));
    // 300 measures (the county's own tree, every row on the page and 全部展开 in place, is
    // test_screen's); the server's ledger cache follows the audit trail, so the measures are
    // added before it starts.
    // Twice as many: the same findings, each measure again.
    doubleMeasures(db, insp);
    const problems = sql(db, `SELECT f.id, count(m.id) FROM finding f JOIN measure m ON m.finding_id = f.id
             WHERE f.inspection_id = ${insp} AND m.withdrawn_at IS NULL GROUP BY f.id ORDER BY f.id`)
        .map((r) => [Number(r[0]), Number(r[1])]);
    const total = problems.reduce((a, p) => a + p[1], 0);
    assert.equal(total, 600);
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office' });

    let res = await c.office.req(`/inspections/${insp}`);
    assert.equal(res.status, 200);
    const collapsed = res.text;
    assert.ok(!/data-details="open"/.test(collapsed), '全部展开 reloads instead of opening rows that are not there');
    assert.equal([...collapsed.matchAll(/<a href="\/measures\/\d+">/g)].length, 0, 'collapsed problems carry no rows');
    for (const [id, n] of problems)
        assert.ok(collapsed.includes(`problem=${id}#finding-${id}">展开本问题的 ${n} 项措施</a>`), `link of problem ${id}`);
    assert.ok(Buffer.byteLength(collapsed) < 40000, `collapsed tree ${Buffer.byteLength(collapsed)} B`);

    // 全部展开: ten rows a problem at most, and a link to the rest.
    res = await c.office.req(`/inspections/${insp}?open=1`);
    const opened = res.text;
    for (const [id, n] of problems) {
        const rows = rowsOf(opened, id);
        assert.equal(rows.length, Math.min(n, 10), `problem ${id} opened`);
        if (n > 10)
            assert.ok(opened.includes(`problem=${id}#finding-${id}">查看本问题全部 ${n} 项措施</a>`));
    }

    // One problem at a time: exactly its measures, in ledger order.
    for (const [id] of problems.slice(0, 6)) {
        res = await c.office.req(`/inspections/${insp}?problem=${id}`);
        assert.equal(res.status, 200);
        const want = sql(db, `SELECT id FROM measure WHERE finding_id = ${id} AND withdrawn_at IS NULL
                 ORDER BY ordinal, id`).map((r) => Number(r[0]));
        assert.deepEqual(rowsOf(res.text, id), want, `problem ${id} in full`);
        const others = [...res.text.matchAll(/<a href="\/measures\/\d+">/g)].length;
        assert.equal(others, want.length, 'no other problem\'s rows');
    }
    assert.equal((await c.office.req(`/inspections/${insp}?problem=x`)).status, 400);

    // The API's tree names each measure's units and leaders (the ledger's names are read for
    // the ids its measures hold, not for every unit and person): as SQL names them.
    const tree = JSON.parse((await c.office.req(`/api/v1/inspections/${insp}/tree`)).text);
    const named = [];
    const walkTree = (fs) => fs.forEach((f) => { named.push(...f.measures); walkTree(f.children); });
    walkTree(tree.findings);
    assert.equal(named.length, 600);
    const unitName = new Map(sql(db, 'SELECT id, name FROM unit').map((r) => [Number(r[0]), r[1]]));
    const personName = new Map(sql(db, `SELECT id, CASE WHEN post <> '' THEN name || '（' || post || '）'
             ELSE name END FROM person`).map((r) => [Number(r[0]), r[1]]));
    const leadOf = new Map(sql(db, `SELECT id, lead_unit_id FROM measure WHERE inspection_id = ${insp}`)
        .map((r) => [Number(r[0]), Number(r[1])]));
    const leadersOf = new Map();
    for (const [m, p] of sql(db, `SELECT l.measure_id, l.person_id FROM measure_leader l JOIN measure m
             ON m.id = l.measure_id WHERE m.inspection_id = ${insp} ORDER BY l.person_id`))
        leadersOf.set(Number(m), [...(leadersOf.get(Number(m)) || []), Number(p)]);
    for (const m of named) {
        const lead = leadOf.get(m.id);
        assert.deepEqual(m.lead_unit, { id: lead, name: unitName.get(lead) }, `measure ${m.id}'s lead unit`);
        for (const u of m.co_units)
            assert.equal(u.name, unitName.get(u.id), `measure ${m.id}'s co-unit ${u.id}`);
        assert.deepEqual(m.leaders.map((l) => l.id).sort((a, b) => a - b), leadersOf.get(m.id) || [],
            `measure ${m.id}'s leaders`);
        for (const l of m.leaders)
            assert.equal(l.name, personName.get(l.id), `leader ${l.id}`);
    }
}

run(main);
