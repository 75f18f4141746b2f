// test_tree_paging.mjs (issue 11): the inspection tree costs the problems it shows. On the
// county demo (300 measures) the tree holds every row and 全部展开 opens them in place, as
// before. Doubled behind the server's back to 600 measures (above the tree's inline bound), a
// collapsed problem holds a link instead of its rows, 全部展开 (?open=1) shows each problem's
// first 10 with a link to the rest, and ?problem=ID shows that problem's measures in full: the
// rows of every problem, opened one at a time, are exactly the problem's measures from SQL, and
// no reply grows with the ledger beyond the rows it shows.

import { assert, run, tempDir, demoDb, startServer, setupRoles, sql, sql1 } from './lib.mjs';

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
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office' });

    // 300 measures: every row on the page, 全部展开 in place.
    let res = await c.office.req(`/inspections/${insp}`);
    assert.equal(res.status, 200);
    const small = res.text;
    assert.match(small, /data-details="open"/);
    assert.equal([...small.matchAll(/<a href="\/measures\/\d+">/g)].length, 300, 'every row of 300');

    // Twice as many: the same findings, each measure again.
    sql(db, `INSERT INTO measure(inspection_id, finding_id, ordinal, label, title, body, kind, target,
             deadline, long_term, lead_unit_id, state, percent, return_count, onsite_required,
             created_at, updated_at)
             SELECT inspection_id, finding_id, ordinal + 1000, label, title || '（续）', body, kind,
             target, deadline, long_term, lead_unit_id, state, percent, return_count, onsite_required,
             created_at, updated_at FROM measure WHERE inspection_id = ${insp}`);
    const problems = sql(db, `SELECT f.id, count(m.id) FROM finding f JOIN measure m ON m.finding_id = f.id
             WHERE f.inspection_id = ${insp} AND m.withdrawn_at IS NULL GROUP BY f.id ORDER BY f.id`)
        .map((r) => [Number(r[0]), Number(r[1])]);
    const total = problems.reduce((a, p) => a + p[1], 0);
    assert.equal(total, 600);

    res = await c.office.req(`/inspections/${insp}`);
    assert.equal(res.status, 200);
    const collapsed = res.text;
    assert.ok(!/data-details="open"/.test(collapsed), '全部展开 reloads instead of opening rows that are not there');
    assert.equal([...collapsed.matchAll(/<a href="\/measures\/\d+">/g)].length, 0, 'collapsed problems carry no rows');
    for (const [id, n] of problems)
        assert.ok(collapsed.includes(`problem=${id}#finding-${id}">展开本问题的 ${n} 项措施</a>`), `link of problem ${id}`);
    assert.ok(Buffer.byteLength(collapsed) < Buffer.byteLength(small), `collapsed tree ${Buffer.byteLength(collapsed)} B`);

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
}

run(main);
