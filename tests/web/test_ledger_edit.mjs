// test_ledger_edit.mjs: the office builds and keeps a ledger through a real server (issue 12).
// The office creates an inspection, builds a tree (labels renumbered as it reorders and moves),
// adds measures with owners, runs the coverage check (issue refused with the gaps, then
// accepted), issues the plan, changes a deadline with a reason (the timeline, the events table
// and the audit log show old → new and why); a unit sees the measures only after issue; a unit,
// a leader and an observer are refused every edit and change nothing; two concurrent edits of
// one measure give exactly one 409; deleting after issue is refused, withdrawing needs a reason.

import {
    assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql, sql1, NEW_PASSWORD,
} from './lib.mjs';

const J = (res) => Client.json(res);

// A JSON write with the session's CSRF header.
function send(c, method, path, json, headers = {}) {
    return c.req(path, { method, json, headers: { 'x-csrf-token': c.csrf, ...headers } });
}

function expect(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text.slice(0, 400)}`);
    return res.text && res.headers.get('content-type')?.startsWith('application/json') ? J(res) : null;
}

// The findings of the tree reply in document order: [{id, label, title, level}].
function flatTree(tree) {
    const out = [];
    const walk = (fs, depth) => {
        for (const f of fs) {
            out.push({ id: f.id, label: f.label, title: f.title, depth, measures: (f.measures || []).map((m) => m.id) });
            walk(f.children || [], depth + 1);
        }
    };
    walk(tree.findings, 0);
    return out;
}

async function main() {
    const dir = tempDir('ledger-edit');
    const db = demoDb(dir);
    const server = await startServer(db);
    const { office, unit, leader, observer } = await setupRoles(server, {
        office: 'office', unit: 'unit', leader: 'leader', observer: 'observer',
    });
    const unitId = Number(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'"));
    const otherUnit = Number(sql1(db, `SELECT min(id) FROM unit WHERE id <> ${unitId} AND parent_id IS NOT NULL`));
    const [person1, person2] = sql(db, 'SELECT id FROM person ORDER BY id LIMIT 2').map((r) => Number(r[0]));

    // Invalid input: 422 naming the fields.
    let body = expect(await send(office, 'POST', '/api/v1/inspections', {}), 422, 'empty inspection');
    assert.deepEqual(body.error.fields, ['title']);
    body = expect(await send(office, 'POST', '/api/v1/inspections', { title: '测试', feedback_on: '2026-13-01', warn_days: 500 }), 422, 'bad date');
    assert.ok(body.error.fields.includes('feedback_on') && body.error.fields.includes('warn_days'), JSON.stringify(body));

    // Create: a draft in the office's organisation.
    const ins = expect(await send(office, 'POST', '/api/v1/inspections', {
        title: '市委第三巡察组巡察反馈意见整改', kind: 'xuncha', superior: '市委', group_name: '市委第三巡察组',
        target: '清源区委', onsite_start: '2026-03-01', onsite_end: '2026-04-15', feedback_on: '2026-05-20',
        concentrated_end: '2026-08-20', report_cycle: 'semimonthly', report_due_day: 10, warn_days: 5,
        require_signoff: true, require_onsite: true, contact_phone: '0592-1234567',
    }), 201, 'create inspection');
    assert.equal(ins.plan_state, 'draft');
    assert.equal(ins.group, '市委第三巡察组');
    assert.equal(ins.report_cycle, 'semimonthly');
    assert.equal(ins.require_signoff, true);
    assert.equal(ins.require_onsite, true);
    const I = ins.id;
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE action = 'inspection.create' AND object = 'inspection:${I}'`), '1');

    // PATCH needs a version; a stale one is a conflict.
    expect(await send(office, 'PATCH', `/api/v1/inspections/${I}`, { warn_days: 3 }), 428, 'patch without version');
    const got = await office.req(`/api/v1/inspections/${I}`);
    const etag = got.headers.get('etag');
    assert.match(etag, /^"v\d+-/, 'the ETag names the version');
    body = expect(await send(office, 'PATCH', `/api/v1/inspections/${I}`, { warn_days: 3 }, { 'if-match': etag }), 200, 'patch with If-Match');
    assert.equal(body.warn_days, 3);
    expect(await send(office, 'PATCH', `/api/v1/inspections/${I}`, { warn_days: 4 }, { 'if-match': etag }), 409, 'stale If-Match');

    // The revisit interval (回头看): 1..36 months, 6 by default; a bad value is a 422 that writes nothing.
    let cur = await office.req(`/api/v1/inspections/${I}`);
    assert.equal(Client.json(cur).inspection.revisit_months, 6, 'the default revisit interval');
    for (const bad of [0, 37, 'x']) {
        body = expect(await send(office, 'PATCH', `/api/v1/inspections/${I}`, { revisit_months: bad }, { 'if-match': cur.headers.get('etag') }), 422, `revisit_months ${bad}`);
        assert.deepEqual(body.error.fields, ['revisit_months']);
    }
    body = expect(await send(office, 'PATCH', `/api/v1/inspections/${I}`, { revisit_months: 12 }, { 'if-match': cur.headers.get('etag') }), 200, 'set revisit_months');
    assert.equal(body.revisit_months, 12);
    assert.equal(sql1(db, `SELECT revisit_months FROM inspection WHERE id = ${I}`), '12');
    cur = await office.req(`/inspections/${I}/edit`);
    assert.match(cur.text, /name="revisit_months"[^>]*value="12"/, 'the edit form shows the interval');

    // The tree: an aspect, an item, three problems.
    const add = async (parent, level, title) => expect(await send(office, 'POST', `/api/v1/inspections/${I}/findings`,
        parent ? { parent_id: parent, level, title } : { level, title }), 201, `add ${title}`);
    const aspect = await add(null, 'aspect', '政治建设方面');
    const item = await add(aspect.id, 'item', '贯彻落实党中央决策部署不够到位');
    const p1 = await add(item.id, 'problem', '学习贯彻不深入');
    const p2 = await add(item.id, 'problem', '推动落实有差距');
    const p3 = await add(item.id, 'problem', '临时问题');
    assert.deepEqual([aspect.label, item.label, p1.label, p2.label, p3.label], ['一、', '（一）', '1.', '2.', '3.']);
    expect(await send(office, 'POST', `/api/v1/inspections/${I}/findings`, { parent_id: p1.id, level: 'item', title: '层级倒置' }), 422, 'item under a problem');

    // Reorder: problem 2 up; labels follow. Finding ids follow the tree order, so a moved
    // finding answers with its (possibly new) id and the client reads the tree again.
    body = expect(await send(office, 'PATCH', `/api/v1/findings/${p2.id}`, { move: 'up', version: p2.version }), 200, 'move up');
    assert.equal(body.title, '推动落实有差距');
    assert.equal(body.label, '1.');
    let tree = flatTree(J(await office.req(`/api/v1/inspections/${I}/tree`)));
    assert.deepEqual(tree.map((f) => `${f.label}${f.title}`), ['一、政治建设方面', '（一）贯彻落实党中央决策部署不够到位',
        '1.推动落实有差距', '2.学习贯彻不深入', '3.临时问题']);
    p1.id = tree.find((f) => f.title === '学习贯彻不深入').id;
    p2.id = tree.find((f) => f.title === '推动落实有差距').id;
    assert.equal(body.id, p2.id);

    // Measures with owners.
    const m1 = expect(await send(office, 'POST', `/api/v1/findings/${p1.id}/measures`, {
        title: '建立理论学习中心组学习制度', body: '制定年度学习计划，每季度专题学习不少于一次。', kind: 'dated',
        deadline: '2026-09-30', lead_unit_id: unitId, co_unit_ids: [otherUnit], leader_ids: [person1],
    }), 201, 'add measure 1');
    assert.equal(m1.label, '一是');
    assert.equal(m1.lead_unit.id, unitId);
    assert.deepEqual(m1.leaders.map((l) => l.id), [person1]);
    const m2 = expect(await send(office, 'POST', `/api/v1/findings/${p2.id}/measures`, {
        title: '开展专项督查', kind: 'dated', lead_unit_id: otherUnit,
    }), 201, 'add measure 2');
    body = expect(await send(office, 'POST', `/api/v1/findings/${p2.id}/measures`, { title: '', lead_unit_id: 999999, co_unit_ids: 'x' }), 422, 'bad measure');
    for (const f of ['title', 'lead_unit_id', 'co_unit_ids'])
        assert.ok(body.error.fields.includes(f), `${f} in ${body.error.fields}`);

    // Coverage: gaps for p3 (no measure) and m2 (no leader, no deadline); issue refused with them.
    let cov = expect(await office.req(`/api/v1/inspections/${I}/coverage`), 200, 'coverage');
    assert.equal(cov.complete, false);
    const kinds = cov.gaps.map((g) => `${g.kind}:${g.measure_id || g.finding_id}`).sort();
    assert.deepEqual(kinds, [`no_deadline:${m2.id}`, `no_leader:${m2.id}`, `no_measure:${p3.id}`].sort());
    body = expect(await send(office, 'POST', `/api/v1/inspections/${I}/issue`, {}), 422, 'issue with gaps');
    assert.equal(body.error.code, 'coverage');
    assert.equal(body.error.gaps.length, 3);
    // The page shows the gaps as links.
    let page = await office.req(`/inspections/${I}/edit`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`href="/measures/${m2.id}/edit"`) && page.text.includes(`href="/findings/${p3.id}/edit"`), 'gap links');
    assert.ok(page.text.includes('未明确责任领导'));

    // A unit does not see the draft plan, not even its own measure.
    expect(await unit.req(`/api/v1/measures/${m1.id}`), 403, 'unit reads a draft measure');
    expect(await unit.req(`/api/v1/inspections/${I}`), 403, 'unit reads a draft inspection');
    assert.ok(!J(await unit.req(`/api/v1/measures?limit=100&q=${encodeURIComponent('理论学习中心组')}`)).items.some((m) => m.id === m1.id));
    assert.equal((await unit.req(`/measures/${m1.id}`)).status, 403);

    // Mend the gaps: a leader and a deadline for m2, p3 deleted (it has no measure).
    const m2v = J(await office.req(`/api/v1/measures/${m2.id}`)).version;
    expect(await send(office, 'PATCH', `/api/v1/measures/${m2.id}`, { leader_ids: [person2], deadline: '2026-10-31', version: m2v }), 200, 'mend m2');
    expect(await send(office, 'DELETE', `/api/v1/findings/${p3.id}`), 204, 'delete p3');
    expect(await send(office, 'DELETE', `/api/v1/findings/${p1.id}`), 409, 'delete a finding with measures');
    cov = expect(await office.req(`/api/v1/inspections/${I}/coverage`), 200, 'coverage again');
    assert.equal(cov.complete, true, JSON.stringify(cov.gaps));
    body = expect(await send(office, 'POST', `/api/v1/inspections/${I}/issue`, {}), 200, 'issue');
    assert.equal(body.plan_state, 'issued');
    expect(await send(office, 'POST', `/api/v1/inspections/${I}/issue`, {}), 409, 'issue twice');
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE action = 'plan.issue' AND object = 'inspection:${I}'`), '1');

    // Now the unit sees its measure (lead unit), not the other one.
    const seen = expect(await unit.req(`/api/v1/measures/${m1.id}`), 200, 'unit reads the issued measure');
    assert.equal(seen.title, '建立理论学习中心组学习制度');
    expect(await unit.req(`/api/v1/measures/${m2.id}`), 403, 'unit reads a measure not its own');

    // After issue: a deadline change needs a reason; with one it is on the timeline and audited.
    let v = J(await office.req(`/api/v1/measures/${m1.id}`)).version;
    body = expect(await send(office, 'PATCH', `/api/v1/measures/${m1.id}`, { deadline: '2026-12-31', version: v }), 422, 'deadline change without reason');
    assert.deepEqual(body.error.fields, ['reason']);
    expect(await send(office, 'PATCH', `/api/v1/measures/${m1.id}`, { deadline: '2026-12-31', version: v, reason: '需与年度考核衔接' }), 200, 'deadline change');
    const after = J(await office.req(`/api/v1/measures/${m1.id}`));
    assert.equal(after.deadline, '2026-12-31');
    const ev = after.events.find((e) => e.action === 'deadline_change');
    assert.ok(ev, `timeline: ${JSON.stringify(after.events)}`);
    assert.equal(ev.from, '2026-09-30');
    assert.equal(ev.to, '2026-12-31');
    assert.ok(JSON.stringify(ev).includes('需与年度考核衔接'), JSON.stringify(ev));
    const audit = sql(db, `SELECT detail FROM audit WHERE action = 'measure.edit' AND object = 'measure:${m1.id}'`);
    assert.ok(audit.some((r) => r[0].includes('2026-09-30 -> 2026-12-31') && r[0].includes('需与年度考核衔接')), JSON.stringify(audit));
    // The measure page's timeline says it in Chinese.
    page = await office.req(`/measures/${m1.id}`);
    assert.ok(page.text.includes('调整整改时限') && page.text.includes('需与年度考核衔接'), 'timeline on the page');
    // A lead unit change leaves its own event; history is kept, not overwritten.
    v = after.version;
    expect(await send(office, 'PATCH', `/api/v1/measures/${m1.id}`, { co_unit_ids: [], version: v, reason: '职责调整' }), 200, 'co-unit change');
    assert.equal(sql1(db, `SELECT count(*) FROM event WHERE measure_id = ${m1.id} AND action IN ('deadline_change','owner_change')`), '2');

    // Two clerks edit the same measure at once: exactly one wins, the other gets 409.
    v = J(await office.req(`/api/v1/measures/${m1.id}`)).version;
    const office2 = new Client(server);
    assert.equal((await office2.apiLogin('office', NEW_PASSWORD)).status, 201);
    const both = await Promise.all([
        send(office, 'PATCH', `/api/v1/measures/${m1.id}`, { title: '甲的修改', version: v }),
        send(office2, 'PATCH', `/api/v1/measures/${m1.id}`, { title: '乙的修改', version: v }),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], both.map((r) => r.text).join('\n'));
    const winner = both.find((r) => r.status === 200);
    assert.equal(J(await office.req(`/api/v1/measures/${m1.id}`)).title, J(winner).title);
    // A form with a stale version is refused the same way.
    page = await office.req(`/measures/${m1.id}/edit`, { form: { version: String(v), title: '丙的修改', kind: 'dated', deadline: '2026-12-31', lead_unit: '', co_units: '', leaders: '' } });
    assert.equal(page.status, 409, page.text.slice(0, 300));
    assert.ok(page.text.includes('已被他人修改'));

    // After issue: delete refused, withdraw needs a reason and takes the measure out of the lists.
    expect(await send(office, 'DELETE', `/api/v1/measures/${m2.id}`), 409, 'delete after issue');
    v = J(await office.req(`/api/v1/measures/${m2.id}`)).version;
    body = expect(await send(office, 'POST', `/api/v1/measures/${m2.id}/withdraw`, { version: v }), 422, 'withdraw without reason');
    body = expect(await send(office, 'POST', `/api/v1/measures/${m2.id}/withdraw`, { version: v, reason: '与第一项措施合并' }), 200, 'withdraw');
    assert.equal(body.withdrawn_reason, '与第一项措施合并');
    tree = flatTree(J(await office.req(`/api/v1/inspections/${I}/tree`)));
    assert.ok(!tree.some((f) => f.measures.includes(m2.id)), 'withdrawn measure not in the tree');
    assert.equal(sql1(db, `SELECT count(*) FROM measure WHERE id = ${m2.id}`), '1', 'history kept');

    // Move a problem under another item: labels follow, ids stay in tree order.
    const item2 = await add(aspect.id, 'item', '全面从严治党责任落实不够到位');
    const p1now = J(await office.req(`/api/v1/inspections/${I}/tree`));
    const p1row = flatTree(p1now).find((f) => f.title === '学习贯彻不深入');
    const p1v = Number(sql1(db, `SELECT version FROM finding WHERE id = ${p1row.id}`));
    body = expect(await send(office, 'PATCH', `/api/v1/findings/${p1row.id}`, { parent_id: item2.id, version: p1v }), 200, 'move under item 2');
    assert.equal(body.label, '1.');
    tree = flatTree(J(await office.req(`/api/v1/inspections/${I}/tree`)));
    assert.deepEqual(tree.map((f) => `${f.label}${f.title}`), ['一、政治建设方面', '（一）贯彻落实党中央决策部署不够到位',
        '1.推动落实有差距', '（二）全面从严治党责任落实不够到位', '1.学习贯彻不深入']);
    const ids = sql(db, `SELECT id FROM finding WHERE inspection_id = ${I} ORDER BY id`).map((r) => Number(r[0]));
    assert.deepEqual(tree.map((f) => f.id), ids, 'finding ids follow the tree order');
    assert.ok(tree[4].measures.includes(m1.id), `the measure moved with its problem: ${JSON.stringify(tree)} ${JSON.stringify(sql(db, 'SELECT id, finding_id FROM measure WHERE inspection_id = ' + I))}`);

    // Every edit by a unit, a leader or an observer: 403, nothing changed.
    const before = sql1(db, 'SELECT count(*) FROM audit');
    const fid = tree[2].id;
    const edits = [
        ['POST', '/api/v1/inspections', { title: '越权' }],
        ['PATCH', `/api/v1/inspections/${I}`, { title: '越权', version: 1 }],
        ['POST', `/api/v1/inspections/${I}/issue`, {}],
        ['POST', `/api/v1/inspections/${I}/findings`, { title: '越权', level: 'aspect' }],
        ['PATCH', `/api/v1/findings/${fid}`, { title: '越权', version: 1 }],
        ['DELETE', `/api/v1/findings/${fid}`, undefined],
        ['POST', `/api/v1/findings/${fid}/measures`, { title: '越权' }],
        ['PATCH', `/api/v1/measures/${m1.id}`, { title: '越权', version: 1 }],
        ['DELETE', `/api/v1/measures/${m1.id}`, undefined],
        ['POST', `/api/v1/measures/${m1.id}/withdraw`, { reason: '越权', version: 1 }],
    ];
    const forms = [
        ['/inspections/new', { title: '越权' }], [`/inspections/${I}/edit`, { title: '越权', version: '1' }],
        [`/inspections/${I}/issue`, {}], [`/inspections/${I}/findings`, { title: '越权', level: 'aspect' }],
        [`/findings/${fid}/edit`, { title: '越权', version: '1' }], [`/findings/${fid}/move`, { dir: 'up' }],
        [`/findings/${fid}/delete`, {}], [`/findings/${fid}/measures`, { title: '越权' }],
        [`/measures/${m1.id}/edit`, { title: '越权', version: '1' }], [`/measures/${m1.id}/move`, { dir: 'up' }],
        [`/measures/${m1.id}/delete`, {}], [`/measures/${m1.id}/withdraw`, { reason: '越权', version: '1' }],
    ];
    for (const [role, c] of Object.entries({ unit, leader, observer })) {
        for (const [method, path, json] of edits) {
            const res = await send(c, method, path, json);
            assert.equal(res.status, 403, `${role} ${method} ${path}: ${res.status}`);
        }
        for (const [path, form] of forms) {
            const res = await c.req(path, { form });
            assert.equal(res.status, 403, `${role} POST ${path}: ${res.status}`);
        }
        for (const path of ['/inspections/new', `/inspections/${I}/edit`, `/measures/${m1.id}/edit`, `/findings/${fid}/edit`])
            assert.equal((await c.req(path)).status, 403, `${role} GET ${path}`);
    }
    // Refusals are audited by others' code (or not at all); no edit happened.
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE seq > 0 AND action LIKE 'measure.%' AND detail LIKE '%越权%'`), '0');
    assert.equal(sql1(db, `SELECT count(*) FROM finding WHERE title = '越权'`), '0');
    assert.equal(sql1(db, `SELECT count(*) FROM inspection WHERE title = '越权'`), '0');
    assert.ok(Number(sql1(db, 'SELECT count(*) FROM audit')) >= Number(before));

    // The pickers' searches are bounded and find by part of a name.
    const units = J(await office.req(`/api/v1/units?q=${encodeURIComponent('财政')}`));
    assert.ok(units.items.some((u) => u.id === unitId), JSON.stringify(units));
    const persons = J(await office.req('/api/v1/persons?q=%E5%8C%BA'));
    assert.ok(persons.items.length > 0 && persons.items.length <= 20);
    // The form moves a measure to another problem; it is renumbered there.
    page = await office.req(`/measures/${m1.id}/move`, { form: { finding_id: String(fid) } });
    assert.equal(page.status, 303, page.text.slice(0, 300));
    assert.equal(sql1(db, `SELECT finding_id FROM measure WHERE id = ${m1.id}`), String(fid));
    assert.equal(sql1(db, `SELECT label FROM measure WHERE id = ${m1.id}`), '一是');
    // Back to the tree at that problem: a small plan shows every measure in force, in ledger
    // order, the problem named or not.
    assert.match(page.location, new RegExp(`^/inspections/${I}/edit\\?done=moved&problem=${fid}#f${fid}$`));
    page = await office.req(page.location.replace(/#.*/, ''));
    assert.equal(page.status, 200);
    const lines = [...page.text.matchAll(/<li class="measure"><a href="\/measures\/(\d+)\/edit"/g)].map((m) => m[1]);
    assert.deepEqual(lines, sql(db, `SELECT id FROM measure WHERE inspection_id = ${I} AND withdrawn_at IS NULL
        ORDER BY finding_id, ordinal, id`).map((r) => r[0]));
    // The same SQL wildcard is text, not a pattern.
    assert.equal(J(await office.req('/api/v1/persons?q=%25')).items.length, 0);
}

run(main);
