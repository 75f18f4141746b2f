// after_write.mjs: what the office reads right after its own write, in a browser. The office
// opens 整改台账, the inspection's tree and the 工作台 (each worker keeps their figures and brings
// them up to date from the log of touched measures, db/dash_store.c), then closes a signed-off
// measure (核查销号) on its page and reads all three again: 整改台账's row moves the measure from
// its light to 已销号 and its completion rate up, the 工作台's four tiles say the same, and the tree
// still shows every measure with its filter form's choices. Screenshots go to $ZG_SCREENSHOTS:
// 整改台账 and the 工作台 after the write.
//
//   node after_write.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e');
const LIGHTS = ['红灯', '黄灯', '绿灯', '已销号'];

// 整改台账's first row: measures, red, yellow, green, closed, and the completion rate.
async function ledgerRow(page, url) {
    await page.goto(url + '/inspections');
    const cells = await page.locator('main table tbody tr').first().locator('td').allInnerTexts();
    const n = cells.slice(3, 8).map(Number);
    return { measures: n[0], lights: n.slice(1), rate: parseFloat(cells[8]), href:
        await page.locator('main table tbody tr a').first().getAttribute('href') };
}

// The 工作台's four light tiles: red, yellow, green, closed.
async function tiles(page, url, id) {
    await page.goto(`${url}/dashboard?inspection=${id}`);
    const text = await page.locator('#light-counts a').allInnerTexts();
    assert.equal(text.length, 4, 'four light tiles');
    return text.map((t) => Number(/\d+/.exec(t)[0]));
}

// The tree's summary (measures shown, measures in all) and how many units its form offers.
async function tree(page, url, href) {
    await page.goto(url + href);
    const summary = await page.locator('p.summary').innerText();
    const [, shown, all] = /显示 (\d+) 项整改措施（共 (\d+) 项）/.exec(summary).map(Number);
    return { shown, all, units: await page.locator('form.filters select[name=unit] option').count() };
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const server = await startServer(demoDb(tempDir('e2e-after-write')));
    const browser = await launchBrowser(chromium);
    const problems = [];
    try {
        const { context, page } = await browserSession(browser, server, 'office', problems);

        const before = await ledgerRow(page, server.url);
        const id = Number(/\/inspections\/(\d+)/.exec(before.href)[1]);
        assert.deepEqual(await tiles(page, server.url, id), before.lights, '工作台 and 整改台账 agree');
        const treeBefore = await tree(page, server.url, before.href);
        assert.equal(treeBefore.shown, before.measures, 'the tree shows every measure');

        // A signed-off measure of the inspection, closed by the office on its page.
        await page.goto(`${server.url}/measures?inspection=${id}&state=signed_off`);
        const link = page.locator('main a[href^="/measures/"]').first();
        await Promise.all([page.waitForNavigation(), link.click()]);
        const lamp = await page.locator('p.status-line .lamp').innerText();
        const was = LIGHTS.indexOf(lamp.trim());
        assert.ok(was >= 0 && was < 3, `a signed-off measure is lit, not closed: ${lamp}`);
        const verify = page.locator('form.action:has(input[name=action][value=verify])');
        await Promise.all([page.waitForNavigation(), verify.locator('button[type=submit]').click()]);
        assert.equal((await page.locator('p.status-line .lamp').innerText()).trim(), '已销号');

        const after = await ledgerRow(page, server.url);
        await page.screenshot({ path: join(SHOTS, 'after-write-ledger.png'), fullPage: true });
        const want = before.lights.slice();
        want[was] -= 1;
        want[3] += 1;
        assert.deepEqual(after.lights, want, `整改台账 moves the measure from ${LIGHTS[was]} to 已销号`);
        assert.equal(after.measures, before.measures);
        assert.ok(after.rate > before.rate, `the completion rate goes up: ${before.rate} → ${after.rate}`);
        assert.deepEqual(await tiles(page, server.url, id), want, 'the 工作台 says the same');
        await page.screenshot({ path: join(SHOTS, 'after-write-dashboard.png'), fullPage: true });
        assert.deepEqual(await tree(page, server.url, before.href), treeBefore,
                         'the tree still shows every measure and every unit to choose');
        await context.close();
    } finally {
        await browser.close();
        await server.stop();
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
}

run(main);
