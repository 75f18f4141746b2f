// screen.mjs: three jobs of issues 9 and 13 done in a real browser, with screenshots to
// $ZG_SCREENSHOTS (each looked at by the engineer who wrote this).
//  1. Four eyes with the demo's own accounts: the unit's liaison (联络员, `unit`) reports with a file
//     and requests close-out, and is not offered the approval; the unit's head (负责人,
//     `unit-head`) approves; the timeline names both. A closed demo measure's history shows the
//     same split.
//  2. A supervision (督办) of the unit: the office issues it from the unit's page with a response
//     deadline; the unit finds it on its own page with the deadline and answers it there.
//  3. The PDF preview: the evidence page shows the file in a frame (a screenshot of the page: the
//     PDF is drawn, which it was not while the frame carried a sandbox attribute, as that forbids
//     the browser's PDF viewer), and the preview URL opened directly answers inline under the CSP
//     sandbox, the reply that sandboxes the file in the frame and alone alike; its bytes are the
//     stored file's.
// Any console error, page error or 5xx fails the test.
//
//   node screen.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, sql, sql1, filesDir } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';
import { makePng } from '../web/evidence_files.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e-screen');

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('e2e-screen');
    const pngPath = join(dir, '整改现场照片.png');
    writeFileSync(pngPath, makePng(320, 200, 5));
    const db = demoDb(dir);
    sql(db, 'UPDATE inspection SET require_signoff = 0');
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    assert.equal(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit-head'"), unitId, 'the demo unit has a head');
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'
                        AND long_term = 0 AND onsite_required = 0 AND kind <> 'long_term'`);
    const server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    const as = (login) => browserSession(browser, server, login, problems);
    const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const click = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
    try {
        // 1. The liaison reports with a photo and requests close-out; no approval offered.
        const liaison = await as('unit');
        await liaison.page.goto(`${server.url}/measures/${m}`);
        const form = liaison.page.locator('form.progress-form');
        await form.locator('textarea[name=comment]').fill('已完成专项排查，相关制度已印发执行。');
        await form.locator('input[name=percent]').fill('95');
        await form.locator('input[type=file]').setInputFiles([pngPath]);
        await click(liaison.page, 'form.progress-form button[value="1"]');
        await click(liaison.page, 'form.action:has(input[value=request_close]) button');
        assert.ok((await liaison.page.locator('.status-line').innerText()).includes('已申请销号'));
        assert.equal(await liaison.page.locator('form.action:has(input[value=lead_approve])').count(), 0,
            'the liaison who asked is not offered the approval');
        await shot(liaison.page, '1-liaison-requested');

        // The head approves.
        const head = await as('unit-head');
        await head.page.goto(`${server.url}/measures/${m}`);
        await click(head.page, 'form.action:has(input[value=lead_approve]) button');
        assert.ok((await head.page.locator('.status-line').innerText()).includes('牵头单位已审核'));
        const timeline = await head.page.locator('main').innerText();
        assert.ok(timeline.includes('区财政局联络员') && timeline.includes('区财政局负责人'),
            'the timeline names the liaison and the head');
        await shot(head.page, '2-head-approved');
        assert.equal(sql1(db, `SELECT count(DISTINCT actor_id) FROM event WHERE measure_id = ${m}
                               AND action IN ('request_close', 'lead_approve')`), '2');

        // A closed demo measure: its history by the liaison, the head and the office.
        const closed = sql1(db, `SELECT min(m.id) FROM measure m WHERE m.state = 'closed' AND m.lead_unit_id = ${unitId}`);
        await head.page.goto(`${server.url}/measures/${closed}`);
        const history = await head.page.locator('main').innerText();
        assert.ok(history.includes('区财政局联络员') && history.includes('区财政局负责人'), 'the demo history has both');
        await shot(head.page, '3-demo-history-four-eyes');

        // 2. The office supervises the unit from its page, with a response deadline.
        const office = await as('office');
        await office.page.goto(`${server.url}/units/${unitId}?inspection=1`);
        const sup = office.page.locator('#supervise form');
        await sup.locator('select[name=kind]').selectOption('written');
        await sup.locator('textarea[name=comment]').fill('请于12月10日前书面报告本单位整改进度滞后的原因及措施。');
        await sup.locator('input[name=respond_by]').fill('2026-12-10');
        await click(office.page, '#supervise form button[type=submit]');
        assert.match(office.page.url(), new RegExp(`/units/${unitId}\\?inspection=1`));
        await shot(office.page, '4-office-supervised-unit');

        // The unit finds it on its own page, with the deadline, and answers it there.
        await liaison.page.goto(`${server.url}/units/${unitId}?inspection=1`);
        const section = liaison.page.locator('#supervisions');
        const listed = await section.innerText();
        assert.ok(listed.includes('书面报告本单位整改进度滞后'), listed);
        assert.ok(listed.includes('12月10日'), 'the response deadline in Chinese');
        assert.ok(listed.includes('本单位'));
        await section.locator('form:has(input[value=supervision_respond]) textarea[name=comment]')
            .fill('滞后原因为项目审批周期较长，已倒排工期，12月底前完成。');
        await shot(liaison.page, '5-unit-answers-supervision');
        await section.screenshot({ path: join(SHOTS, '5b-unit-supervision-section.png') });
        await click(liaison.page, '#supervisions form:has(input[value=supervision_respond]) button');
        const after = await liaison.page.locator('#supervisions').innerText();
        assert.ok(after.includes('已反馈督办事项'), 'the page says what happened');
        assert.ok(after.includes('已倒排工期'), 'the answer is shown');
        assert.ok(after.includes('已回复'), 'the state is responded');
        await shot(liaison.page, '6-unit-answered');
        await liaison.page.locator('#supervisions').screenshot({ path: join(SHOTS, '6b-unit-supervision-answered.png') });
        assert.equal(sql1(db, `SELECT state FROM supervision WHERE unit_id = ${unitId} AND measure_id IS NULL
                               ORDER BY id DESC LIMIT 1`), 'responded');

        // 3. A demo PDF: the page with its frame, then the preview URL itself.
        const [ev, sha] = sql(db, `SELECT e.id, e.sha256 FROM evidence e JOIN measure m ON m.id = e.measure_id
            WHERE e.media_type = 'application/pdf' AND m.lead_unit_id = ${unitId} ORDER BY e.id LIMIT 1`)[0];
        const stored = readFileSync(`${filesDir(db)}/evidence/${sha.slice(0, 2)}/${sha}`);
        await office.page.goto(`${server.url}/evidence/${ev}/view`);
        const frame = office.page.locator('iframe.preview');
        assert.equal(await frame.count(), 1);
        await office.page.waitForTimeout(1500); // the viewer draws after the load event
        assert.ok((await office.page.locator('main').innerText()).includes('区财政局联络员'), 'the demo file has its uploader');
        await shot(office.page, '7-evidence-page-with-frame');
        const direct = await office.context.newPage();
        let res;
        try {
            res = await direct.goto(`${server.url}/evidence/${ev}/preview`);
        } catch (e) {
            // Some Chromium builds hand a PDF to the downloads instead of a viewer.
            assert.match(e.message, /Download is starting/, e.message);
        }
        if (res) {
            assert.equal(res.status(), 200);
            const h = await res.allHeaders();
            assert.equal(h['content-type'], 'application/pdf');
            assert.match(h['content-disposition'], /^inline; filename=/);
            assert.match(h['content-security-policy'], /^sandbox; default-src 'none'/);
            // The body of a navigation the PDF viewer took over is the viewer's, not the file's:
            // its length is checked here, its bytes through the request stack below.
            assert.equal(h['content-length'], String(stored.length));
            await direct.waitForTimeout(1500); // the viewer draws after the load event
            await shot(direct, '8-preview-url-direct');
        }
        // The same URL through the browser's own request stack: headers and bytes, always.
        const r2 = await office.context.request.get(`${server.url}/evidence/${ev}/preview`);
        assert.equal(r2.status(), 200);
        assert.match(r2.headers()['content-security-policy'], /^sandbox/);
        assert.ok(Buffer.from(await r2.body()).equals(stored), 'the preview is the stored file');
        await Promise.all([liaison.context.close(), head.context.close(), office.context.close()]);
    } finally {
        await browser.close();
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
}

run(main);
