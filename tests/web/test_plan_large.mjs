// test_plan_large.mjs (issue 11): the plan's edit page and the coverage check cost what they
// show. The county demo's plan doubled to 600 measures (above the tree editor's bound of 500),
// the 300 added without a lead unit or leaders (600 gaps, above the 200 listed): the edit page lists each
// problem's count with a link instead of its measures; ?problem=ID lists exactly that problem's
// measures in ledger order; a move made there comes back to it, the moved measure in its new
// place; the coverage check (page and API) gives the whole count and the first 200 gaps in
// ledger order, as SQL finds them, and so does a refused issue; a malformed ?problem= is
// refused, an unknown one opens nothing, and a unit or a leader gets 403 for both.

import {
    assert, run, tempDir, demoDb, doubleMeasures, startServer, setupRoles, sql, sql1,
} from './lib.mjs';

// The ids of the tree editor's measure lines, in page order.
const lines = (html) => [...html.matchAll(/<li class="measure"><a href="\/measures\/(\d+)\/edit"/g)].map((m) => Number(m[1]));

async function main() {
    const dir = tempDir('planlarge');
    const db = demoDb(dir);
    const insp = Number(sql1(db, 'SELECT min(id) FROM inspection'));
    // Added before the server starts: its caches follow the audit trail, which SQL bypasses.
    doubleMeasures(db, insp, 'NULL');
    const problems = sql(db, `SELECT finding_id, count(*) FROM measure WHERE inspection_id = ${insp}
             AND withdrawn_at IS NULL GROUP BY finding_id ORDER BY finding_id`).map((r) => [Number(r[0]), Number(r[1])]);
    assert.equal(problems.reduce((a, p) => a + p[1], 0), 600);
    const server = await startServer(db);
    const { office, unit, leader } = await setupRoles(server, { office: 'office', unit: 'unit', leader: 'leader' });

    // The whole plan: counts and links, no measure lines.
    let res = await office.req(`/inspections/${insp}/edit`);
    assert.equal(res.status, 200);
    assert.deepEqual(lines(res.text), [], 'no measure lines on a large plan');
    assert.ok(res.text.includes('本方案共有 600 项整改措施'));
    for (const [id, n] of problems)
        assert.ok(res.text.includes(`href="?problem=${id}#f${id}">展开本问题的 ${n} 项措施</a>`), `link of ${id}`);
    const bytes = Buffer.byteLength(res.text);
    assert.ok(bytes < 150000, `edit page ${bytes} B`);

    // The coverage check: the whole count, the first 200 in ledger order (the findings are
    // complete; each added measure lacks its lead unit and its leaders), as SQL finds them.
    const want = [];
    for (const [id, lead, leader, deadline] of sql(db, `SELECT m.id, m.lead_unit_id IS NULL,
             NOT EXISTS (SELECT 1 FROM measure_leader l WHERE l.measure_id = m.id),
             m.deadline IS NULL AND m.long_term = 0 AND m.kind <> 'long_term'
             FROM measure m WHERE m.inspection_id = ${insp} AND m.withdrawn_at IS NULL
             ORDER BY m.finding_id, m.ordinal, m.id`)) {
        const yes = (v) => v === '1' || v === 't';
        if (yes(lead))
            want.push(`no_lead_unit:${id}`);
        if (yes(leader))
            want.push(`no_leader:${id}`);
        if (yes(deadline))
            want.push(`no_deadline:${id}`);
    }
    assert.ok(want.length >= 600, `gaps ${want.length}`);
    const covText = res.text.slice(res.text.indexOf('<section id="coverage"'), res.text.indexOf('<section id="tree"'));
    assert.ok(covText.includes(`尚有 <strong>${want.length}</strong> 处需要完善`), covText.slice(0, 300));
    assert.ok(covText.includes('仅列出前 200 处'));
    assert.equal([...covText.matchAll(/<li><a href=/g)].length, 200);
    const cov = JSON.parse((await office.req(`/api/v1/inspections/${insp}/coverage`)).text);
    assert.equal(cov.complete, false);
    assert.equal(cov.total, want.length);
    assert.deepEqual(cov.gaps.map((g) => `${g.kind}:${g.measure_id}`), want.slice(0, 200));
    // Issuing is refused with the same count and list (the plan is a draft again for this).
    sql(db, `UPDATE inspection SET plan_state = 'draft' WHERE id = ${insp}`);
    res = await office.req(`/api/v1/inspections/${insp}/issue`, { method: 'POST', json: {}, headers: { 'x-csrf-token': office.csrf } });
    assert.equal(res.status, 422, res.text.slice(0, 200));
    const refused = JSON.parse(res.text).error;
    assert.equal(refused.total, want.length);
    assert.deepEqual(refused.gaps.map((g) => `${g.kind}:${g.measure_id}`), want.slice(0, 200));

    // One problem at a time: exactly its measures, in ledger order.
    for (const [id] of problems.slice(0, 5)) {
        res = await office.req(`/inspections/${insp}/edit?problem=${id}`);
        assert.equal(res.status, 200);
        const want = sql(db, `SELECT id FROM measure WHERE finding_id = ${id} AND withdrawn_at IS NULL
                 ORDER BY ordinal, id`).map((r) => Number(r[0]));
        assert.deepEqual(lines(res.text), want, `problem ${id}`);
        assert.ok(!res.text.includes(`href="?problem=${id}#`), 'no link to the problem open');
    }

    // A move comes back to its problem, opened, the measure one place down.
    const [pid] = problems[0];
    const before = lines((await office.req(`/inspections/${insp}/edit?problem=${pid}`)).text);
    res = await office.req(`/measures/${before[0]}/move`, { form: { dir: 'down' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.location, `/inspections/${insp}/edit?done=moved&problem=${pid}#f${pid}`);
    const after = lines((await office.req(res.location.replace(/#.*/, ''))).text);
    assert.deepEqual(after, [before[1], before[0], ...before.slice(2)]);

    assert.equal((await office.req(`/inspections/${insp}/edit?problem=x`)).status, 400);
    assert.equal((await office.req(`/inspections/${insp}/edit?problem=99999999999999999999999`)).status, 400);
    // A finding that is not the plan's opens nothing.
    assert.deepEqual(lines((await office.req(`/inspections/${insp}/edit?problem=999999`)).text), []);
    // Other roles neither see the editor nor the check, opened problem or not.
    for (const c of [unit, leader]) {
        for (const path of [`/inspections/${insp}/edit?problem=${pid}`, `/api/v1/inspections/${insp}/coverage`])
            assert.equal((await c.req(path)).status, 403, `${c.login} ${path}`);
    }
}

run(main);
