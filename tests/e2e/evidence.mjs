// evidence.mjs: the daily loop in a real browser (issue 13). The unit attaches two files (a PDF
// made by LibreOffice and a PNG) to a progress report and requests close-out; another user of
// the lead unit opens the PDF's preview and approves (the submitter never approves); the office
// verifies and closes; months later (serve --today) the revisit is due in the office's to-do
// and is recorded as held; the office draws a spot-check sample from a seed. Screenshots of
// each step go to $ZG_SCREENSHOTS; any console error, page error or 5xx fails the test.
//
//   node evidence.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, sql, sql1, BIN, DEMO_PASSWORD } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';
import { makePdf, makePng } from '../web/evidence_files.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e-evidence');

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('e2e-evidence');
    const pdf = makePdf(dir, '专项排查报告：已完成全部整改事项的排查，形成问题清单和整改台账。');
    if (!pdf) {
        console.log('SKIP: LibreOffice is not installed');
        process.exit(77);
    }
    const pdfPath = join(dir, '专项排查报告.pdf');
    const pngPath = join(dir, '整改现场照片.png');
    writeFileSync(pdfPath, pdf);
    writeFileSync(pngPath, makePng(320, 200, 3));
    const db = demoDb(dir);
    execFileSync(BIN, ['--db', db, 'user', 'add', 'caizheng2', '--name', '李四（区财政局）', '--unit', '清源区财政局',
        '--role', 'unit', '--password-stdin'], { input: DEMO_PASSWORD + '\n' });
    // No leader sign-off stage in this walk-through: unit → lead unit → office.
    sql(db, 'UPDATE inspection SET require_signoff = 0');
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'
                        AND long_term = 0 AND onsite_required = 0 AND kind <> 'long_term'`);

    let server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    // A browser context logged in as login (first password changed when first is true).
    const as = (login, first = true) => browserSession(browser, server, login, problems, first);
    const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const click = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
    try {
        // The unit: a report with two files, submitted, then the close-out request.
        const unit = await as('unit');
        await unit.page.goto(`${server.url}/measures/${m}`);
        const form = unit.page.locator('form.progress-form');
        await form.locator('textarea[name=comment]').fill('已完成专项排查，建立整改台账，相关制度已印发。');
        await form.locator('input[name=percent]').fill('90');
        await form.locator('input[type=file]').setInputFiles([pdfPath, pngPath]);
        await shot(unit.page, '1-unit-report-form');
        await click(unit.page, 'form.progress-form button[value="1"]');
        const rows = unit.page.locator('#progress table.evidence tbody tr');
        assert.equal(await rows.count(), 2, 'two files on the report');
        const table = await unit.page.locator('#progress table.evidence').first().innerText();
        for (const text of ['专项排查报告.pdf', '整改现场照片.png', 'PDF 文件', '图片', '区财政局'])
            assert.ok(table.includes(text), `evidence table lacks ${text}: ${table}`);
        await click(unit.page, 'form.action:has(input[value=request_close]) button');
        assert.ok((await unit.page.locator('.status-line').innerText()).includes('已申请销号'));
        await shot(unit.page, '2-unit-close-requested');

        // Another user of the lead unit: the PDF's preview, then the approval.
        const lead = await as('caizheng2');
        await lead.page.goto(`${server.url}/measures/${m}`);
        await click(lead.page, '#progress table.evidence a[href$="/view"] >> nth=0');
        assert.match(new URL(lead.page.url()).pathname, /^\/evidence\/\d+\/view$/);
        const frame = lead.page.locator('iframe.preview');
        assert.equal(await frame.count(), 1, 'the PDF is shown in a frame');
        // The framed file is sandboxed by its own reply (CSP sandbox, checked below): a sandbox
        // attribute on the frame would also stop Chromium's PDF viewer from drawing it.
        const src = await frame.getAttribute('src');
        const res = await lead.context.request.get(server.url + src);
        assert.equal(res.status(), 200);
        assert.equal(res.headers()['content-type'], 'application/pdf');
        assert.match(res.headers()['content-security-policy'], /^sandbox/);
        assert.ok(Buffer.from(await res.body()).equals(pdf), 'the preview is the file');
        await shot(lead.page, '3-lead-pdf-preview');
        await lead.page.goto(`${server.url}/measures/${m}`);
        await click(lead.page, 'form.action:has(input[value=lead_approve]) button');
        assert.ok((await lead.page.locator('.status-line').innerText()).includes('牵头单位已审核'));
        await shot(lead.page, '4-lead-approved');

        // The office verifies: closed, with a revisit due six months later.
        const office = await as('office');
        await office.page.goto(`${server.url}/inbox`);
        assert.ok((await office.page.locator('main').innerText()).includes('巡改办核查'), 'the office\'s to-do');
        await office.page.goto(`${server.url}/measures/${m}`);
        await click(office.page, 'form.action:has(input[value=verify]) button');
        assert.ok((await office.page.locator('.status-line').innerText()).includes('已销号'));
        await shot(office.page, '5-office-closed');
        const due = sql1(db, `SELECT revisit_due FROM measure WHERE id = ${m}`);
        assert.equal(due, '2027-05-21', 'revisit due six months after closing');
        await Promise.all([unit.context.close(), lead.context.close(), office.context.close()]);

        // Six months later: the revisit is in the office's to-do and is recorded as held.
        await server.stop();
        server = await startServer(db, '--today', due);
        const later = await as('office', false);
        await later.page.goto(`${server.url}/inbox`);
        const nav = await later.page.locator('nav.main a[href="/inbox"]').innerText();
        assert.match(nav, /待办 \d+/, 'the count in the navigation bar');
        const item = later.page.locator(`table.inbox a[href="/measures/${m}#revisit"]`);
        assert.equal(await item.count(), 1, 'the revisit is due in the to-do');
        await shot(later.page, '6-office-inbox-revisit-due');
        await click(later.page, `table.inbox a[href="/measures/${m}#revisit"]`);
        await later.page.locator('form.revisit select[name=result]').selectOption('held');
        await later.page.locator('form.revisit input[name=comment]').fill('实地回访，整改成效巩固，未发现反弹。');
        await click(later.page, 'form.revisit button');
        assert.ok((await later.page.locator('#revisit').innerText()).includes('巩固'));
        assert.equal(sql1(db, `SELECT result FROM revisit WHERE measure_id = ${m}`), 'held');
        await shot(later.page, '7-office-revisit-held');

        // A spot check of the closed measures, from a recorded seed.
        await later.page.goto(`${server.url}/inspections/1/spot-checks`);
        await later.page.locator('form.spot-draw select[name=mode]').selectOption('count');
        await later.page.locator('form.spot-draw input[name=amount]').fill('5');
        await later.page.locator('form.spot-draw input[name=seed]').fill('20261121');
        await click(later.page, 'form.spot-draw button');
        assert.equal(await later.page.locator('table.spot-items tbody tr').count(), 5);
        assert.ok((await later.page.locator('main').innerText()).includes('20261121'));
        await shot(later.page, '8-office-spot-check');
        await later.context.close();
    } finally {
        await browser.close();
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
}

run(main);
