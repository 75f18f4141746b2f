// test_screen.mjs: what the screen says (issue 9). Four eyes on close-out: the lead unit's user
// who requested it cannot approve it (page and API: 403 with the Chinese reason), another user
// of the same unit can, and the page then says what happened. The audit log in the auditor's
// words for a known set of entries: Chinese action labels, objects by name without links the
// auditor may not open, details as sentences, people by name, local (Beijing) times, a time at
// 23:30 UTC on the next day; its filters (date range, actor, action, object) and its CSV export,
// itself audited. Timelines show people by name, never by login; no page says "UTC".

import {
    assert, run, tempDir, demoDb, startServer, Client, sql1, DEMO_PASSWORD, NEW_PASSWORD, setupRoles,
} from './lib.mjs';

// The local date in Beijing of a JS time.
const beijingDay = (t) => new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);

async function main() {
    const dir = tempDir('screen');
    const db = demoDb(dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { unit: 'unit', auditor: 'auditor', office: 'office' });

    // A measure of the unit's own (lead) unit, in progress, with a report and an evidence file.
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT id FROM measure WHERE state = 'in_progress' AND lead_unit_id = ${unitId}
        AND onsite_required = 0 AND EXISTS (SELECT 1 FROM progress p WHERE p.measure_id = measure.id)
        ORDER BY id LIMIT 1`);
    const title = sql1(db, `SELECT title FROM measure WHERE id = ${m}`);
    sql1(db, `INSERT INTO evidence(measure_id, file_name, media_type, size, sha256, uploaded_at)
        VALUES (${m}, 'a.pdf', 'application/pdf', 1, 'x', '2026-11-20T01:00:00Z') RETURNING id`);

    let res = await c.unit.req(`/measures/${m}/transition`, { form: { action: 'request_close' } });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.match(res.location, new RegExp(`/measures/${m}\\?done=request_close`));
    res = await c.unit.req(res.location.replace(/#.*/, ''));
    assert.match(res.text, /role="status"[^>]*>已申请销号，待牵头单位其他人员审核。/);
    // The submitter is not offered the approval, and is refused it by the page and the API.
    assert.doesNotMatch(res.text, /value="lead_approve"/);
    res = await c.unit.req(`/measures/${m}/transition`, { form: { action: 'lead_approve' } });
    assert.equal(res.status, 403);
    assert.match(res.text, /该销号申请由您提交，提交人不能审核自己的申请/);
    res = await c.unit.req(`/api/v1/measures/${m}/transitions`, {
        json: { action: 'lead_approve' }, headers: { 'x-csrf-token': c.unit.csrf },
    });
    assert.equal(res.status, 403);
    const body = Client.json(res);
    assert.equal(body.error.code, 'forbidden');
    assert.match(body.error.message, /提交人不能审核自己的申请/);
    assert.equal(sql1(db, `SELECT state FROM measure WHERE id = ${m}`), 'submitted');

    // Another user of the same unit (its head, a demo account) may approve, through the API.
    assert.equal(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit-head'"), unitId);
    const head = new Client(server);
    assert.equal((await head.apiLogin('unit-head', DEMO_PASSWORD)).status, 201);
    await head.changePassword(DEMO_PASSWORD, NEW_PASSWORD);
    res = await head.req(`/measures/${m}`);
    assert.match(res.text, /value="lead_approve"/, 'the head is offered the approval');
    res = await head.req(`/api/v1/measures/${m}/transitions`, {
        json: { action: 'lead_approve', comment: '同意' }, headers: { 'x-csrf-token': head.csrf },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(Client.json(res).to, 'lead_approved');

    // The office returns it through the page, and is told what happened.
    res = await c.office.req(`/measures/${m}/transition`, { form: { action: 'return', comment: '佐证材料不全' } });
    assert.equal(res.status, 303);
    res = await c.office.req(res.location.replace(/#.*/, ''));
    assert.match(res.text, /已退回，退回理由已记入办理过程。/);
    // The timeline: people by name, local times, never a login or "UTC".
    const timeline = res.text.slice(res.text.indexOf('id="timeline"'));
    assert.match(timeline, /区财政局联络员/);
    assert.match(timeline, /区财政局负责人/);
    assert.doesNotMatch(timeline, /class="actor">(unit|office|unit-head)</);
    assert.doesNotMatch(res.text, /UTC/);
    assert.match(timeline, /\d+月\d+日 \d\d:\d\d/);

    // A failed login of an unknown account (a known entry of the log).
    await new Client(server).req('/login', { form: { login: 'nobody', password: 'x', next: '/', csrf: null } });

    // The audit page in Chinese.
    res = await c.auditor.req('/audit');
    assert.equal(res.status, 200);
    const page = res.text;
    for (const label of ['申请销号', '牵头单位审核通过', '退回', '登录失败', '登录'])
        assert.match(page, new RegExp(`<td data-label="操作">${label}</td>`), label);
    assert.match(page, new RegExp(`措施“${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
    assert.doesNotMatch(page, /href="\/measures\//, 'the auditor opens no measure: no link');
    assert.match(page, /状态由“牵头单位已审核”变为“已退回”；理由：佐证材料不全。/);
    assert.match(page, /以不存在的账号“nobody”尝试登录/);
    assert.match(page, />区财政局负责人</);
    const table = page.slice(page.indexOf('<tbody>'));
    assert.doesNotMatch(table, /measure\.return|lead_approved -&gt;|measure:\d|user:\d/);
    assert.doesNotMatch(page, /UTC/);
    assert.doesNotMatch(page, /<td data-label="操作人"><a[^>]*>unit</);

    // Times are local: today's entries carry Beijing's date.
    const today = beijingDay(Date.now());
    const [, mm, dd] = today.split('-').map(Number);
    assert.match(page, new RegExp(`>(\\d+年)?${mm}月${dd}日 \\d\\d:\\d\\d</time>`));

    // Filters: actor, action (exact and group), object, date range; the 筛选 button is there.
    assert.match(page, /<button type="submit">筛选<\/button>/);
    res = await c.auditor.req('/audit?actor=unit-head');
    assert.match(res.text, /牵头单位审核通过/);
    assert.doesNotMatch(res.text, /<td data-label="操作">退回<\/td>/);
    res = await c.auditor.req('/audit?action=measure.return');
    assert.match(res.text, /<td data-label="操作">退回<\/td>/);
    assert.doesNotMatch(res.text, /<td data-label="操作">申请销号<\/td>/);
    res = await c.auditor.req('/audit?action=login');
    assert.match(res.text, /登录失败/);
    assert.doesNotMatch(res.text, /<td data-label="操作">退回<\/td>/);
    res = await c.auditor.req(`/audit?kind=measure&id=${m}`);
    const rows = res.text.match(/<tr><td data-label="序号">/g) || [];
    // Request, approval and return, and the two refused self-approvals (audited since issue 10).
    assert.equal(rows.length, 5, 'request, approval, return and two refusals of that measure');
    assert.equal((res.text.match(/<td data-label="操作">拒绝访问（无权限）<\/td>/g) || []).length, 2);
    res = await c.auditor.req(`/audit?from=${today}&to=${today}`);
    assert.match(res.text, /申请销号/);
    res = await c.auditor.req('/audit?from=2020-01-01&to=2020-01-31');
    assert.match(res.text, /没有符合条件的审计记录/);
    for (const bad of ['from=2026-13-01', 'to=2026-01-01&from=2026-02-01', 'kind=planet&id=3', 'action=DROP'])
        assert.equal((await c.auditor.req(`/audit?${bad}`)).status, 400, bad);

    // The API reads with the same filters, and names the actions in Chinese too.
    res = await c.auditor.req(`/api/v1/audit?kind=measure&id=${m}`);
    const items = Client.json(res).items;
    assert.deepEqual(items.map((e) => e.action_label), ['退回', '牵头单位审核通过', '拒绝访问（无权限）', '拒绝访问（无权限）', '申请销号']);

    // The CSV export (a POST with the filters), itself audited.
    const before = Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'export.audit'"));
    res = await c.auditor.req('/audit/export', { form: { action: 'measure.', kind: 'measure', id: String(m) } });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.headers.get('content-type'), /^text\/csv/);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="audit-/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0], /^序号,时间,操作人,账号,单位,操作,对象,详情/);
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.match(lines[1], /"退回"/);
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'export.audit'")), before + 1);
    assert.equal(sql1(db, "SELECT actor FROM audit WHERE action = 'export.audit'"), 'auditor');
    res = await c.auditor.req('/audit?action=export.audit');
    assert.match(res.text, /导出审计日志 3 条。/);
    // Only the auditor exports, with the session's token.
    assert.equal((await c.office.req('/audit/export', { form: {} })).status, 403);
    assert.equal((await c.auditor.req('/audit/export', { form: { csrf: 'x' } })).status, 403);

    // /measures: the position and the previous page.
    res = await c.office.req('/measures');
    const total = Number(sql1(db, 'SELECT count(*) FROM measure'));
    assert.match(res.text, new RegExp(`第 1–25 条，共 ${total} 条`));
    assert.doesNotMatch(res.text, /上一页/);
    const next = /<a rel="next" href="([^"]+)"/.exec(res.text)[1].replace(/&amp;/g, '&');
    res = await c.office.req(next);
    assert.match(res.text, new RegExp(`第 26–50 条，共 ${total} 条`));
    const prev = /<a rel="prev" href="([^"]+)"/.exec(res.text)[1].replace(/&amp;/g, '&');
    const third = /<a rel="next" href="([^"]+)"/.exec(res.text)[1].replace(/&amp;/g, '&');
    res = await c.office.req(prev);
    assert.match(res.text, /第 1–25 条/);
    res = await c.office.req(third);
    assert.match(res.text, /第 51–75 条/);
    const back = /<a rel="prev" href="([^"]+)"/.exec(res.text)[1].replace(/&amp;/g, '&');
    res = await c.office.req(back);
    assert.match(res.text, /第 26–50 条/);
    // The pager keeps "open" (every state but closed) and the page size.
    const open = Number(sql1(db, "SELECT count(*) FROM measure WHERE state <> 'closed'"));
    res = await c.office.req('/measures?state=open&limit=10');
    assert.match(res.text, new RegExp(`第 1–10 条，共 ${open} 条`));
    const openNext = /<a rel="next" href="([^"]+)"/.exec(res.text)[1].replace(/&amp;/g, '&');
    assert.match(openNext, /state=open/);
    assert.match(openNext, /limit=10/);
    res = await c.office.req(openNext);
    assert.match(res.text, new RegExp(`第 11–20 条，共 ${open} 条`));

    // /inspections/N: problems start collapsed, aspects open; everything open on request.
    const insp = sql1(db, 'SELECT min(id) FROM inspection');
    res = await c.office.req(`/inspections/${insp}`);
    assert.match(res.text, /<details class="finding level-problem">/);
    assert.doesNotMatch(res.text, /<details open class="finding level-problem">/);
    assert.match(res.text, /<details open class="finding level-aspect">/);
    assert.match(res.text, /data-details="open" href="\/inspections\/\d+\?open=1">全部展开/);
    res = await c.office.req(`/inspections/${insp}?open=1`);
    assert.doesNotMatch(res.text, /<details class="finding level-problem">/);

    // The 404 page keeps the reader's navigation; the help page explains the work.
    res = await c.office.req('/no-such-page');
    assert.equal(res.status, 404);
    assert.match(res.text, /<nav class="main">.*工作台/);
    res = await c.unit.req('/help');
    assert.equal(res.status, 200);
    for (const w of ['申请销号', '牵头单位审核通过', '红灯', '巡改办', '审计管理员', '提交销号申请的人不能审核自己的申请'])
        assert.ok(res.text.includes(w), `help lacks ${w}`);

    // A time at 23:30 UTC is the next day in Beijing (appended last, as the log appends).
    sql1(db, `INSERT INTO audit(seq, at, actor, action, object, detail, prev_hash, hash) VALUES
        ((SELECT max(seq) + 1 FROM audit), '2099-11-20T23:30:00Z', 'office', 'measure.return', 'measure:${m}',
         'lead_approved -> returned: 测试', '', '') RETURNING seq`);
    res = await c.auditor.req('/audit');
    assert.match(res.text, /<time datetime="2099-11-20T23:30:00Z">2099年11月21日 07:30<\/time>/);
}

run(main);
