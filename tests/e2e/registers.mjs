// registers.mjs: the registers, reports and public side in a real browser (issue 14). The
// discipline user enters a clue (its 承办单位 chosen from the picker's suggestions) and its
// outcome; the office enters a mechanism and a meeting, generates the 通报, previews and
// publishes it (confirming any names the check finds); an
// anonymous browser reads it on /public and sends a feedback, without a cookie; the office
// sees the feedback in its register and answers it. Any console error (a CSP violation shows
// as one), page error or 5xx fails the test. Screenshots go to $ZG_SCREENSHOTS.
//
//   node registers.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, DEMO_PASSWORD, NEW_PASSWORD } from '../web/lib.mjs';
import { launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e');
const SUBJECT = '甄士隐';
const FEEDBACK = '建议在通报中公开每项整改措施的完成时间。';

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('e2e-registers');
    const server = await startServer(demoDb(dir));
    const browser = await launchBrowser(chromium);
    const problems = [];
    // A page in a fresh context, watched for errors.
    async function open() {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
        return { context, page };
    }
    const shot = (page, name, fullPage = true) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
    const path = (page) => new URL(page.url()).pathname;
    const submit = (page, form) => Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').first().click()]);
    async function login(page, login) {
        await page.goto(server.url + '/login');
        await page.fill('input[name=login]', login);
        await page.fill('input[name=password]', DEMO_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
        await page.fill('input[name=old]', DEMO_PASSWORD);
        await page.fill('input[name=new]', NEW_PASSWORD);
        await page.fill('input[name=again]', NEW_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    }

    try {
        // The discipline user: a clue and its outcome.
        const d = await open();
        await login(d.page, 'discipline');
        await Promise.all([d.page.waitForNavigation(), d.page.click('nav.main a[href="/clues"]')]);
        const clueForm = d.page.locator('form[action="/clues"]');
        await clueForm.locator('input[name=ref_no]').fill('XS-E2E-01');
        await clueForm.locator('input[name=received_on]').fill('2026-06-01');
        await clueForm.locator('input[name=subject_name]').fill(SUBJECT);
        await clueForm.locator('input[name=subject_post]').fill('某局副局长');
        await clueForm.locator('select[name=subject_rank]').selectOption('county');
        await clueForm.locator('select[name=disposal]').selectOption('preliminary');
        // 承办单位 is a name, chosen from picker.js's suggestions (a select of every unit would
        // be tens of thousands in a province).
        const unit = clueForm.locator('input[name=unit]');
        await unit.click();
        await unit.pressSequentially('财政', { delay: 30 });
        await d.page.locator('ul.suggestions li').first().waitFor({ state: 'visible', timeout: 5000 });
        await d.page.locator('ul.suggestions').scrollIntoViewIfNeeded();
        await shot(d.page, 'clue-unit-picker', false);
        await d.page.locator('ul.suggestions li').first().click();
        const unitName = await unit.inputValue();
        assert.match(unitName, /财政局/);
        await submit(d.page, clueForm);
        assert.match(path(d.page), /^\/clues\/\d+$/);
        assert.equal(await d.page.locator('input[name=unit]').inputValue(), unitName, 'the clue keeps its unit');
        const outcome = d.page.locator('form[action$="/outcomes"]');
        await outcome.locator('select[name=type]').selectOption('party_sanction');
        await outcome.locator('select[name=subtype]').selectOption({ label: '严重警告' });
        await outcome.locator('input[name=persons]').fill('1');
        await submit(d.page, outcome);
        assert.ok(await d.page.locator('table.outcomes td', { hasText: '严重警告' }).count() > 0, 'the outcome is listed');
        assert.ok(await d.page.locator('td', { hasText: '第四种形态' }).count() > 0, 'under its form');
        await shot(d.page, 'clue');
        await d.context.close();

        // The office: a mechanism and a meeting, then the 通报.
        const o = await open();
        await login(o.page, 'office');
        await Promise.all([o.page.waitForNavigation(), o.page.click('nav.main a[href="/registers"]')]);
        const mech = o.page.locator('form[action="/registers/mechanisms"]');
        await mech.locator('input[name=title]').fill('《整改督办工作规则》');
        await mech.locator('input[name=number]').fill('清委办〔2026〕18号');
        await mech.locator('input[name=issued_on]').fill('2026-07-01');
        await mech.locator('select[name=findings] option').first().click();
        await submit(o.page, mech);
        assert.ok(await o.page.locator('#mechanisms td', { hasText: '《整改督办工作规则》' }).count() === 1);
        const meet = o.page.locator('form[action="/registers/meetings"]');
        await meet.locator('select[name=kind]').selectOption('leading_group');
        await meet.locator('input[name=topic]').fill('研究部署巡视整改“回头看”工作');
        await submit(o.page, meet);
        assert.ok(await o.page.locator('#meetings td', { hasText: '研究部署巡视整改“回头看”工作' }).count() === 1);
        await shot(o.page, 'registers');
        // The office sees the clue register's counts, never the subject.
        await o.page.goto(server.url + '/clues');
        assert.ok(!(await o.page.content()).includes(SUBJECT), 'the office does not see the subject');
        await shot(o.page, 'clues-office');

        await Promise.all([o.page.waitForNavigation(), o.page.click('nav.main a[href="/reports"]')]);
        await shot(o.page, 'reports');
        await Promise.all([o.page.waitForNavigation(), o.page.click('form[action="/reports/preview"] button.primary')]);
        const doc = o.page.locator('article.report-doc');
        assert.ok(await doc.count() === 1, 'the preview shows the 通报');
        assert.ok((await doc.innerText()).includes('建立完善制度机制'), 'with the registers\' figures');
        await shot(o.page, 'preview', false);
        await doc.locator('h2').nth(2).scrollIntoViewIfNeeded();
        await shot(o.page, 'preview-clues', false);
        await o.page.goto(server.url + '/reports');
        const publish = o.page.locator('form[action="/reports/publish"]');
        await submit(o.page, publish);
        if (await o.page.locator('ul.hits input[name=confirm]').count()) {
            await shot(o.page, 'publish-names');
            for (const box of await o.page.locator('ul.hits input[name=confirm]').all())
                await box.check();
            await submit(o.page, o.page.locator('form[action="/reports/publish"]'));
        }
        assert.ok(await o.page.locator('.notice', { hasText: '通报已发布' }).count() === 1, 'published');
        await shot(o.page, 'published');

        // Anyone: the published 通报 on /public, and a feedback; no cookie at any point.
        const a = await open();
        await a.page.goto(server.url + '/public');
        await shot(a.page, 'public');
        await Promise.all([a.page.waitForNavigation(), a.page.locator('ul.publications a').first().click()]);
        assert.match(path(a.page), /^\/public\/reports\/\d+$/);
        assert.ok((await a.page.locator('article.report-doc').innerText()).includes('整改进展情况的通报'));
        await shot(a.page, 'public-report', false);
        await Promise.all([a.page.waitForNavigation(), a.page.locator('a', { hasText: '提出意见建议' }).last().click()]);
        await a.page.fill('textarea[name=body]', FEEDBACK);
        await a.page.fill('input[name=name]', '王群众');
        await submit(a.page, a.page.locator('form[action="/public/feedback"]'));
        assert.ok(await a.page.locator('h1', { hasText: '已收到您的意见建议' }).count() === 1);
        await shot(a.page, 'feedback-sent');
        assert.deepEqual(await a.context.cookies(), [], 'the public pages set no cookie');
        await a.context.close();

        // The office answers it.
        await Promise.all([o.page.waitForNavigation(), o.page.click('nav.main a[href="/feedback"]')]);
        const item = o.page.locator('article.feedback', { hasText: FEEDBACK });
        assert.equal(await item.count(), 1, 'the feedback is in the register');
        const answer = item.locator('form[action^="/feedback/"]:not([action$="/clue"])');
        await answer.locator('select[name=state]').selectOption('answered');
        await answer.locator('textarea[name=reply]').fill('感谢您的建议，我们将在下次通报中采纳。');
        await submit(o.page, answer);
        const answered = o.page.locator('article.feedback', { hasText: FEEDBACK });
        assert.ok((await answered.innerText()).includes('已答复'), 'answered');
        await shot(o.page, 'feedback-register');
        await o.context.close();
    } finally {
        await browser.close();
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
}

run(main);
