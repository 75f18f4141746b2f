// inbox.mjs (issue 11): 我的待办 paged, in a real browser, with screenshots to $ZG_SCREENSHOTS
// (looked at by the engineer who wrote this). The office and a unit liaison each open 待办 from
// the navigation bar, check that its count is the inbox's total and the position (第 1–25 条，
// 共 N 条), page forward twice (下一页) and back (上一页, 第一页), and find the same rows again.
// The county demo's liaison unit is made to lead the whole ledger, so both have several pages.
// Any console error, page error or 5xx fails the test.
//
//   node inbox.mjs /path/to/zhenggai
// ZG_INBOX_DB=path serves that database instead of a new demo (a copy of a bench dataset, e.g.
// the city's); ZG_INBOX_LOGINS="office:PASSWORD unit" then names the accounts, each with its
// current password, or without one for a demo account that has not changed its first one.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, sql, sql1 } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';
import { backToFirst, click, position } from '../web/pager.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e-inbox');

const rows = (page) => page.locator('table.inbox tbody tr').allInnerTexts();

// One user's walk through the inbox; returns the total.
async function walk(page, who, shot) {
    await click(page, 'nav.main a[href="/inbox"]');
    const nav = (await page.locator('nav.main a[href="/inbox"]').innerText()).trim();
    const total = Number(await page.locator('#inbox-count').innerText());
    assert.equal(nav, total ? `待办 ${total}` : '待办', `${who}: the navigation bar's count is the inbox's total`);
    assert.ok(total > 50, `${who}: several pages (${total})`);
    const chips = await page.locator('ul.chips li strong').allInnerTexts();
    assert.equal(chips.reduce((a, c) => a + Number(c), 0), total, `${who}: the kinds add up`);
    assert.equal(await position(page), `第 1–25 条，共 ${total} 条`);
    const first = await rows(page);
    assert.equal(first.length, 25);
    assert.equal(await page.locator('nav.pager a[rel=prev]').count(), 0, 'no 上一页 on the first page');
    await shot(`${who}-1-inbox`);

    await click(page, 'nav.pager a[rel=next]');
    assert.equal(await position(page), `第 26–50 条，共 ${total} 条`);
    const second = await rows(page);
    assert.equal(second.length, 25);
    assert.notDeepEqual(second, first, 'another page');
    await shot(`${who}-2-page-2`);

    await click(page, 'nav.pager a[rel=next]');
    const end = Math.min(75, total);
    assert.equal(await position(page), `第 51–${end} 条，共 ${total} 条`);
    assert.equal((await rows(page)).length, end - 50);
    await shot(`${who}-3-page-3`);

    await backToFirst(page, rows, first, second, total);

    // A cursor that is not one is refused; one past the end leads back to the first page.
    assert.equal((await page.request.get(page.url().replace(/\?.*$/, '') + '?after=1.2.x')).status(), 400);
    for (const bad of ['-1.0.0.0.0', '1.0.0.0.-5', '99999999999999999999.0.0.0.0', '1.0.10.0.0', '1.0.0.0.0.0'])
        assert.equal((await page.request.get(page.url().replace(/\?.*$/, '') + '?after=' + bad)).status(), 400, bad);
    const past = await page.request.get(page.url().replace(/\?.*$/, '') + '?after=1.0.9.0.999999');
    assert.equal(past.status(), 200);
    assert.ok((await past.text()).includes('>第一页</a>'), 'a way back from past the end');

    // The first item leads to where it is done.
    const link = page.locator('table.inbox tbody tr a').first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    assert.ok(!page.url().endsWith('/inbox'), `${who}: the item opens its page (${page.url()})`);
    await shot(`${who}-4-item`);
    return total;
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    let db = process.env.ZG_INBOX_DB;
    let logins = (process.env.ZG_INBOX_LOGINS || 'office unit').split(/\s+/).filter(Boolean);
    if (!db) {
        db = demoDb(tempDir('e2e-inbox'));
        const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
        sql(db, `UPDATE measure SET lead_unit_id = ${unitId}`);
        logins = ['office', 'unit'];
    }
    const server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    try {
        for (const spec of logins) {
            const [login, password] = spec.split(':');
            const { page } = await browserSession(browser, server, login, problems, true, password);
            const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
            const total = await walk(page, login, shot);
            console.log(`${login}: ${total} duties, paged forward and back`);
        }
        assert.deepEqual(problems, [], 'no console errors, page errors or 5xx');
    } finally {
        await browser.close();
    }
}

run(main);
