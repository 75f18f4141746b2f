// test_unit_supervision.mjs (issue 13): a unit answers in the page the supervisions issued on it
// and on its problems. The office issues a written supervision on one of the unit's problems (with
// a response deadline) and a talk (约谈) on the unit itself; the unit's page lists both with state,
// deadline and issuer, and offers the unit the response form (not the office's lift, not the talk
// record); a unit of another unit is refused the response (403) and the page; the unit answers
// through the page, which says so and shows the answer; the office records the talk and lifts;
// every step is audited and a supervision on a measure is not listed here (it is on its page).

import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, Client } from './lib.mjs';

async function main() {
    const dir = tempDir('unitsup');
    const db = demoDb(dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit', other: 'unit01' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    // A problem whose first measure the unit leads: the unit answers for it.
    const fid = sql1(db, `SELECT f.id FROM finding f WHERE f.level = 'problem' AND (SELECT lead_unit_id
        FROM measure WHERE finding_id = f.id ORDER BY id LIMIT 1) = ${unitId} ORDER BY f.id LIMIT 1`);
    const problem = sql1(db, `SELECT title FROM finding WHERE id = ${fid}`);
    const insp = Number(sql1(db, `SELECT inspection_id FROM measure WHERE id = ${m}`));
    const csrf = { 'x-csrf-token': c.office.csrf };

    let res = await c.office.req(`/api/v1/findings/${fid}/supervisions`,
        { json: { kind: 'written', text: '问题督办：限期书面报告整改情况', respond_by: '2026-12-20' }, headers: csrf });
    assert.equal(res.status, 201, res.text);
    const onProblem = Client.json(res).id;
    assert.equal(Client.json(res).unit_id, Number(unitId), 'the problem\'s lead unit answers');
    res = await c.office.req(`/units/${unitId}/supervisions`,
        { form: { inspection: insp, kind: 'talk', comment: '约谈单位负责人', talk_on: '2026-11-28' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const onUnit = sql1(db, `SELECT max(id) FROM supervision WHERE unit_id = ${unitId} AND finding_id IS NULL AND measure_id IS NULL`);
    res = await c.office.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'remind', comment: '措施催办：本周报送' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));

    // The unit's page lists both (not the measure's), with state, deadline, issuer; the unit may respond.
    const page = `/units/${unitId}?inspection=${insp}`;
    res = await c.unit.req(page);
    assert.equal(res.status, 200);
    const section = /<section id="supervisions">[\s\S]*?<\/section>/.exec(res.text)?.[0];
    assert.ok(section, 'no supervision section on the unit page');
    assert.ok(section.includes(`问题：${problem}`), 'the problem\'s supervision is listed');
    assert.ok(section.includes('问题督办：限期书面报告整改情况'));
    assert.ok(section.includes('约谈单位负责人'));
    assert.ok(!section.includes('措施催办'), 'a measure\'s supervision belongs to its page');
    assert.match(section, /<td data-label="反馈时限">12月20日<\/td>/);
    assert.match(section, /约谈日期 11月28日/);
    assert.match(section, /<span class="tag">待反馈<\/span>|<span class="tag">[^<]+<\/span>/);
    assert.equal((section.match(/action="\/supervisions\/\d+\/actions"/g) || []).length, 2, 'one response form each');
    assert.ok(!section.includes('value="supervision_lift"'), 'the unit may not lift');
    assert.ok(!section.includes('value="supervision_talk"'), 'the unit does not record the talk');

    // Another unit: not its page, and not its answer.
    assert.equal((await c.other.req(page)).status, 403);
    res = await c.other.req(`/supervisions/${onProblem}/actions`, { form: { action: 'supervision_respond', comment: '越权反馈' } });
    assert.equal(res.status, 403, res.text.slice(0, 300));
    assert.equal(sql1(db, `SELECT state FROM supervision WHERE id = ${onProblem}`), 'open');
    // An empty answer is refused, a bad action too.
    res = await c.unit.req(`/supervisions/${onProblem}/actions`, { form: { action: 'supervision_respond', comment: '' } });
    assert.equal(res.status, 422, res.text.slice(0, 300));
    res = await c.unit.req(`/supervisions/${onProblem}/actions`, { form: { action: 'progress_submit', comment: 'x' } });
    assert.equal(res.status, 422);

    // The unit answers through the page.
    res = await c.unit.req(`/supervisions/${onProblem}/actions`, { form: { action: 'supervision_respond', comment: '已书面报告整改情况' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.location, `/units/${unitId}?inspection=${insp}&done=supervision_respond#supervisions`);
    assert.equal(sql1(db, `SELECT state FROM supervision WHERE id = ${onProblem}`), 'responded');
    assert.equal(sql1(db, `SELECT response FROM supervision WHERE id = ${onProblem}`), '已书面报告整改情况');
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'unit' AND object = 'supervision:${onProblem}'`), '1');
    res = await c.unit.req(res.location.replace(/#.*/, ''));
    assert.match(res.text, /role="status"[^>]*>已反馈督办事项。/);
    assert.match(res.text, /反馈（11月21日）：已书面报告整改情况/);

    // The office records the talk and lifts the supervision of the problem from the same page.
    res = await c.office.req(page);
    assert.match(res.text, /value="supervision_talk"/);
    assert.match(res.text, /value="supervision_lift"/);
    res = await c.office.req(`/supervisions/${onUnit}/actions`, { form: { action: 'supervision_talk', comment: '已约谈，单位负责人表态限期整改' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    res = await c.office.req(`/supervisions/${onProblem}/actions`, { form: { action: 'supervision_lift', comment: '已按期反馈' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(sql1(db, `SELECT state FROM supervision WHERE id = ${onProblem}`), 'lifted');
    res = await c.unit.req(page);
    assert.match(res.text, /约谈记录：已约谈，单位负责人表态限期整改/);
    // Without CSRF the post is refused.
    res = await c.unit.req(`/supervisions/${onUnit}/actions`, { form: { action: 'supervision_respond', comment: 'x', csrf: null } });
    assert.equal(res.status, 403);
}

run(main);
