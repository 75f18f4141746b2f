// measure_pager.mjs (issue 11): 措施清单 paged in a real browser, with screenshots to
// $ZG_SCREENSHOTS (looked at by the engineer who wrote this). A page's position (第 51–75 条) comes
// with its cursor rather than from a count of the rows before it, so the office pages forward
// twice and back twice and finds the same rows and positions again, then follows 下一页 to the
// last page in two orders (by deadline and by light) and finds the position add up to the total
// there. Any console error, page error or 5xx fails the test.
//
//   node measure_pager.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';
import { backToFirst, click, position } from '../web/pager.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e-measure-pager');

const rows = (page) => page.locator('table.measures tbody tr').allInnerTexts();

// Follow 下一页 from the page open to the last; returns how many pages were opened.
async function toTheEnd(page, total) {
    let pages = 1;
    while (await page.locator('nav.pager a[rel=next]').count()) {
        await click(page, 'nav.pager a[rel=next]');
        pages++;
        const from = 25 * (pages - 1) + 1, to = Math.min(25 * pages, total);
        assert.equal(await position(page), `第 ${from}–${to} 条，共 ${total} 条`, `page ${pages}`);
        assert.equal((await rows(page)).length, to - from + 1);
        assert.ok(pages <= Math.ceil(total / 25), 'no page past the last');
    }
    return pages;
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const db = demoDb(tempDir('e2e-measure-pager'));
    const server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    try {
        const { page } = await browserSession(browser, server, 'office', problems, true);
        const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
        await click(page, 'nav.main a[href="/measures"]');
        const total = Number(await page.locator('p.summary strong').innerText());
        assert.equal(total, 300, 'the county demo\'s measures');
        assert.equal(await position(page), `第 1–25 条，共 ${total} 条`);
        const first = await rows(page);
        await shot('1-measures');

        await click(page, 'nav.pager a[rel=next]');
        assert.equal(await position(page), `第 26–50 条，共 ${total} 条`);
        const second = await rows(page);
        assert.notDeepEqual(second, first, 'another page');
        await click(page, 'nav.pager a[rel=next]');
        assert.equal(await position(page), `第 51–75 条，共 ${total} 条`);
        await shot('2-page-3');
        await backToFirst(page, rows, first, second, total);

        assert.equal(await toTheEnd(page, total), 12, 'by deadline: twelve pages of 25');
        await shot('3-last-by-deadline');
        // The light order reads one light after another; its positions run on across them.
        await Promise.all([page.waitForNavigation(), page.goto(`${server.url}/measures?sort=light`)]);
        assert.equal(await position(page), `第 1–25 条，共 ${total} 条`);
        assert.equal(await toTheEnd(page, total), 12, 'by light: twelve pages of 25');
        await shot('4-last-by-light');
        // Back from the last page: one page before it.
        await click(page, 'nav.pager a[rel=prev]');
        assert.equal(await position(page), `第 251–275 条，共 ${total} 条`);
        assert.deepEqual(problems, [], 'no console errors, page errors or 5xx');
        console.log(`office: ${total} measures paged to the end by deadline and by light`);
    } finally {
        await browser.close();
    }
}

run(main);
