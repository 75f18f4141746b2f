// test_harden_refusals.mjs (issue 10, item 12), from the attacker's side: a unit user asks for
// another unit's measure, evidence and a clue, and forges CSRF tokens (a form, an upload); each
// refusal leaves an audit row naming the actor, the route and the object. A flood of refusals
// from one account is capped at REFUSAL_BURST rows a minute (web/refusal.h) and logged; the
// auditor's reads are audited; the chain still verifies.
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, cli } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-refusals');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const notMine = `lead_unit_id <> ${unitId} AND id NOT IN
                     (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId})`;
    const measure = sql1(db, `SELECT min(id) FROM measure WHERE ${notMine}`);
    const own = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId}`);
    const evidence = sql1(db, `SELECT min(id) FROM evidence WHERE measure_id IN (SELECT id FROM measure WHERE ${notMine})`);
    assert.ok(measure && own && evidence, `objects: ${measure} ${own} ${evidence}`);
    sql1(db, `INSERT INTO clue(inspection_id, kind, subject_name, subject_rank, state, created_at, updated_at)
              VALUES((SELECT min(id) FROM inspection), 'clue', '王某某', 'other', 'open', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z') RETURNING id`);
    const clue = sql1(db, 'SELECT max(id) FROM clue');

    const server = await startServer(db, '--log');
    const { unit, auditor } = await setupRoles(server, { unit: 'unit', auditor: 'auditor' });
    const rows = (where) => Number(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'unit' AND ${where}`));

    // Another unit's measure (page and API), its evidence file, a clue: refused, and audited.
    for (const path of [`/measures/${measure}`, `/api/v1/measures/${measure}`]) {
        const res = await unit.req(path);
        assert.ok([403, 404].includes(res.status), `${path}: ${res.status}`);
    }
    assert.equal(rows(`action LIKE 'refused.%' AND object = 'measure:${measure}'`), 2);
    assert.equal(rows(`object = 'measure:${measure}' AND detail LIKE '% /measures/${measure} (route /measures/:id) from %'`), 1);
    const ev = await unit.req(`/evidence/${evidence}`);
    assert.ok([403, 404].includes(ev.status), `evidence: ${ev.status}`);
    assert.ok(!ev.text.includes('%PDF'), 'no file bytes in a refusal');
    assert.equal(rows(`action LIKE 'refused.%' AND object = 'evidence:${evidence}'`), 1);
    assert.equal((await unit.req(`/api/v1/clues/${clue}`)).status, 403);
    assert.equal(rows(`action = 'refused.role' AND object = 'clue:${clue}'`), 1);

    // Forged CSRF tokens: a form, and an upload refused before its first file.
    const forged = 'f'.repeat(64);
    assert.equal((await unit.req(`/measures/${own}/transition`, { form: { action: 'report', csrf: forged } })).status, 403);
    const fd = new FormData();
    fd.append('csrf', forged);
    fd.append('file', new Blob(['%PDF-1.4 x']), 'a.pdf');
    const up = await fetch(`${server.url}/measures/${own}/files`, { method: 'POST', body: fd,
        headers: { cookie: `zg_sid=${unit.cookie}` }, redirect: 'manual' });
    assert.equal(up.status, 403);
    assert.equal(rows(`action = 'refused.csrf' AND object = 'measure:${own}'`), 2);

    // A flood of refusals: at most REFUSAL_BURST (20) rows this minute, the rest counted and logged.
    const before = rows("action LIKE 'refused.%'");
    for (let i = 0; i < 60; i++)
        await unit.req(`/api/v1/measures/${measure}`);
    const total = rows("action LIKE 'refused.%'");
    assert.equal(total, 20, `${total - before} rows for 60 refusals after ${before}`);
    await new Promise((r) => setTimeout(r, 200));
    assert.match(server.stderr, /more than 20 refusals a minute for unit/);

    // The auditor's reads are audited, and the log tells refusals and reads in sentences.
    const page = await auditor.req('/audit?actor=unit');
    assert.equal(page.status, 200);
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'read' AND actor = 'auditor'")), 1);
    assert.match(page.text, new RegExp(`请求(无权访问|不存在或不可见)的 /measures/${measure}（来自 127\\.0\\.0\\.1）。`));
    assert.doesNotMatch(page.text, /\(route |\d from 127/, 'no machine detail on the page');
    const reads = await auditor.req('/audit?actor=auditor');
    assert.match(reads.text, /查阅 \/audit\?actor=unit（来自 127\.0\.0\.1）。/);
    await server.stop();
    assert.match(cli(db, 'audit', 'verify'), /ok|intact/i);
});
