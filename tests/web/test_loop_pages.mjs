// test_loop_pages.mjs (issue 13): supervision, instructions, spot checks and the API's side of
// the loop through a real server. The office issues a written supervision with a deadline; past
// it (serve --today) the measure is red with the reason 督办逾期未反馈 on the page and
// supervision_overdue in the API, and the unit's inbox lists it; once the unit answers, the
// reason is gone. A leader's instruction sits at the top of the page until the lead unit
// acknowledges it. Refusals: a unit may not supervise, an observer may not act at all, a
// co-unit's report is not accepted by its author. Spot checks drawn twice from one seed draw
// the same measures. Through the API: a file refused by content is a JSON 415, another unit's
// file a 403.
import { assert, run, tempDir, demoDb, startServer, setupRoles, loggedIn, Client, sql, sql1, TODAY } from './lib.mjs';
import { makeElf, makePng } from './evidence_files.mjs';

async function main() {
    const dir = tempDir('loop');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'
                        AND (deadline IS NULL OR deadline > '2026-12-31')`);
    const leaderLogin = sql1(db, `SELECT u.login FROM users u JOIN measure_leader l ON l.person_id = u.person_id
                                  WHERE l.measure_id = ${m} LIMIT 1`);
    let server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit', observer: 'observer', other: 'unit01',
                                         leader: leaderLogin });

    // Refusals first: nothing is written.
    const before = sql1(db, 'SELECT count(*) FROM supervision');
    let res = await c.unit.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'remind', comment: '自己催自己' } });
    assert.equal(res.status, 403, 'a unit supervises');
    res = await c.observer.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'remind', comment: '观察员' } });
    assert.equal(res.status, 403, 'an observer supervises');
    res = await c.office.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'written', comment: '无时限' } });
    assert.equal(res.status, 422, 'a written supervision without its deadline');
    assert.match(res.text, new RegExp('<section class="error" role="alert" tabindex="-1"><h1>操作未完成：[^<]+</h1>' +
                                      `<p>[^<]+</p><p><a href="/measures/${m}">返回整改措施</a></p></section>`),
                 'the refusal says what was not done and why, as an alert, with the way back');
    assert.equal(sql1(db, 'SELECT count(*) FROM supervision'), before);

    // A written supervision, due 2026-11-25.
    res = await c.office.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'written',
        comment: '请于11月25日前书面报告整改进展', respond_by: '2026-11-25' } });
    assert.equal(res.status, 303, res.text.slice(0, 200));
    const sup = sql1(db, `SELECT max(id) FROM supervision WHERE measure_id = ${m}`);
    // A leader's instruction.
    res = await c.leader.req(`/measures/${m}/loop`, { form: { action: 'instruction_give', comment: '要求本月底前全部整改到位' } });
    assert.equal(res.status, 303, res.text.slice(0, 200));
    res = await c.unit.req(`/measures/${m}`);
    assert.match(res.text, /<aside class="instruction"[^>]*>.*要求本月底前全部整改到位/s);
    await server.stop();

    // Past the deadline: red, with the reason, on the page and in the API; in the unit's inbox.
    server = await startServer(db, '--today', '2026-11-27');
    const unit = await loggedIn(server, 'unit');
    res = await unit.req(`/measures/${m}`);
    assert.match(res.text, /红灯/);
    assert.match(res.text, /督办逾期未反馈/);
    res = await unit.req(`/api/v1/measures/${m}`);
    assert.ok(Client.json(res).light_reasons.includes('supervision_overdue'), res.text.slice(0, 300));
    res = await unit.req('/inbox');
    assert.match(res.text, new RegExp(`/measures/${m}#supervision`));
    // The unit answers; the acknowledgement clears the instruction.
    res = await unit.req(`/measures/${m}/loop`, { form: { action: 'supervision_respond', object: sup, comment: '已书面报告' } });
    assert.equal(res.status, 303);
    res = await unit.req(`/api/v1/measures/${m}`);
    assert.ok(!Client.json(res).light_reasons.includes('supervision_overdue'));
    const ins = sql1(db, `SELECT max(id) FROM instruction WHERE measure_id = ${m}`);
    const other = await loggedIn(server, 'unit01');
    res = await other.req(`/measures/${m}/loop`, { form: { action: 'instruction_ack', object: ins } });
    assert.ok([403, 404].includes(res.status), `another unit acknowledges: ${res.status}`);
    res = await unit.req(`/measures/${m}/loop`, { form: { action: 'instruction_ack', object: ins } });
    assert.equal(res.status, 303);
    res = await unit.req(`/measures/${m}`);
    assert.doesNotMatch(res.text, /<aside class="instruction"/);

    // Spot checks: the same seed draws the same measures.
    const office = await loggedIn(server, 'office');
    for (let i = 0; i < 2; i++) {
        res = await office.req(`/inspections/1/spot-checks`, { form: { mode: 'percent', amount: 10, per_unit: 1, seed: 77 } });
        assert.equal(res.status, 303, res.text.slice(0, 200));
    }
    const drawn = {};
    for (const [check, measure] of sql(db, 'SELECT check_id, measure_id FROM spot_check_item ORDER BY check_id, measure_id'))
        (drawn[check] ||= []).push(measure);
    const draws = Object.values(drawn).map((ms) => ms.join(','));
    assert.equal(draws.length, 2);
    assert.equal(draws[0], draws[1], 'one seed, two different samples');
    res = await unit.req('/inspections/1/spot-checks');
    assert.equal(res.status, 403, 'a unit draws spot checks');

    // The API: supervision of a problem and of a unit; a unit may not issue one.
    const fid = sql1(db, `SELECT finding_id FROM measure WHERE id = ${m}`);
    const insp = Number(sql1(db, `SELECT inspection_id FROM measure WHERE id = ${m}`));
    const csrf = { 'x-csrf-token': office.csrf };
    res = await unit.req(`/api/v1/units/${unitId}/supervisions`, { json: { kind: 'remind', text: '自己督办自己', inspection_id: insp }, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 403, res.text);
    res = await unit.req(`/api/v1/findings/${fid}/supervisions`, { json: { kind: 'remind', text: '单位督办问题' }, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 403, res.text);
    res = await office.req(`/api/v1/units/${unitId}/supervisions`, { json: { kind: 'remind', text: '无检查' }, headers: csrf });
    assert.equal(res.status, 422, res.text);
    res = await office.req(`/api/v1/findings/${fid}/supervisions`, { json: { kind: 'written', text: '问题督办：限期书面报告', respond_by: '2026-12-20' }, headers: csrf });
    assert.equal(res.status, 201, res.text);
    const onProblem = Client.json(res);
    assert.equal(onProblem.finding_id, Number(fid));
    assert.equal(onProblem.measure_id, 0);
    assert.ok(onProblem.unit_id > 0);
    res = await office.req(`/api/v1/units/${unitId}/supervisions`, { json: { kind: 'remind', text: '单位督办：加快整改进度', inspection_id: insp }, headers: csrf });
    assert.equal(res.status, 201, res.text);
    const onUnit = Client.json(res);
    assert.equal(onUnit.unit_id, Number(unitId));
    assert.equal(sql1(db, `SELECT count(*) FROM supervision WHERE id = ${onUnit.id} AND unit_id = ${unitId} AND measure_id IS NULL AND finding_id IS NULL`), "1");
    assert.equal(sql1(db, `SELECT count(*) FROM supervision WHERE id = ${onProblem.id} AND finding_id = ${fid}`), "1");
    res = await unit.req('/inbox');
    const unitName = sql1(db, `SELECT name FROM unit WHERE id = ${unitId}`);
    assert.ok(res.text.includes(`<td data-label="事项">反馈督办</td><td data-label="整改措施"><a href="/units/${unitId}?inspection=${insp}#supervisions">${unitName}</a>`),
              'the unit\'s inbox lists the supervision of the unit, linked to where it is answered');
    res = await unit.req(`/api/v1/supervisions/${onUnit.id}/actions`, { json: { action: 'supervision_respond', text: '已加快进度' }, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 200, res.text);
    assert.equal(sql1(db, `SELECT state FROM supervision WHERE id = ${onUnit.id}`), 'responded');
    // The same from the unit's page: the office's form; a unit sees none and is refused.
    res = await office.req(`/units/${unitId}?inspection=${insp}`);
    assert.match(res.text, new RegExp(`<form method="post" action="/units/${unitId}/supervisions">`));
    res = await office.req(`/units/${unitId}/supervisions`, { form: { inspection: insp, kind: 'written', comment: '页面督办：限期报告', respond_by: '2026-12-30' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(sql1(db, `SELECT count(*) FROM supervision WHERE unit_id = ${unitId} AND inspection_id = ${insp} AND kind = 'written' AND body = '页面督办：限期报告'`), '1');
    res = await office.req(`/units/${unitId}/supervisions`, { form: { inspection: insp, kind: 'written', comment: '无时限' } });
    assert.equal(res.status, 422, 'a written supervision without its deadline');
    res = await unit.req(`/units/${unitId}?inspection=${insp}`);
    assert.doesNotMatch(res.text, /\/supervisions">/);
    res = await unit.req(`/units/${unitId}/supervisions`, { form: { inspection: insp, kind: 'remind', comment: '单位自督' } });
    assert.equal(res.status, 403);

    // The API: progress with a refused file, another unit's file.
    res = await unit.req(`/api/v1/measures/${m}/progress`, { json: { text: '通过接口报送', percent: 70 }, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 201, res.text);
    const draft = Client.json(res).id;
    const form = new FormData();
    form.append('files', new Blob([makeElf(process.argv[2])]), '报告.pdf');
    res = await unit.req(`/api/v1/progress/${draft}/evidence`, { method: 'POST', body: form, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 415);
    assert.equal(Client.json(res).error.code, 'unsupported_media_type');
    const ok = new FormData();
    ok.append('files', new Blob([makePng(16, 16, 9)]), '照片.png');
    res = await unit.req(`/api/v1/progress/${draft}/evidence`, { method: 'POST', body: ok, headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 201, res.text);
    const ev = Client.json(res).items[0];
    assert.equal(ev.type_label, '图片');
    res = await other.req(`/api/v1/evidence/${ev.id}`);
    assert.equal(res.status, 403);
    assert.equal(Client.json(res).error.code, 'forbidden');
    res = await other.req(`/api/v1/measures/${m}/evidence`);
    assert.equal(res.status, 403);
    res = await unit.req(`/api/v1/progress/${draft}/submit`, { method: 'POST', headers: { 'x-csrf-token': unit.csrf } });
    assert.equal(res.status, 200, res.text);
    assert.equal(Client.json(res).state, 'accepted');
    void TODAY;
}

run(main);
