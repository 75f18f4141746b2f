// dashboard.mjs: the 工作台 in a browser, as the office reads it: the light tiles, the unit table
// (opened: the ten lead units most behind, with how many there are in all) and its link to the
// units page with every unit, each row there as on the dashboard. Screenshots go to
// $ZG_SCREENSHOTS: the dashboard with the unit table open, and the units page.
// ZG_DASHBOARD_DB=PATH runs it on a copy of another database (e.g. the 10,000-measure city
// ledger of bench/pagecost.sh) whose office logs in with the demo password, unchanged.
//
//   node dashboard.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, DEMO_PASSWORD, NEW_PASSWORD } from '../web/lib.mjs';
import { launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e');

async function login(page, url) {
    await page.goto(url + '/login');
    await page.fill('input[name=login]', 'office');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    if (new URL(page.url()).pathname === '/account') { // the first login changes the password
        await page.fill('input[name=old]', DEMO_PASSWORD);
        await page.fill('input[name=new]', NEW_PASSWORD);
        await page.fill('input[name=again]', NEW_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    }
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const db = process.env.ZG_DASHBOARD_DB || demoDb(tempDir('e2e-dashboard'));
    const server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
        await login(page, server.url);

        await page.goto(server.url + '/dashboard');
        assert.match(await page.title(), /工作台/);
        const tiles = await page.locator('#light-counts a').allInnerTexts();
        assert.equal(tiles.length, 4, 'four light tiles');
        const box = page.locator('details:has(summary:text("各牵头单位整改情况"))');
        await box.locator('summary').click();
        const rows = await box.locator('tbody tr').count();
        const hint = await box.locator('p.hint').innerText();
        const all = Number(/共 (\d+) 个牵头单位/.exec(hint)[1]);
        assert.equal(rows, 10, 'ten units on the dashboard');
        assert.ok(all > rows, `${all} units in all`);
        const firstRow = await box.locator('tbody tr').first().textContent();
        await box.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, 'dashboard-units.png'), fullPage: true });

        await Promise.all([page.waitForNavigation(), box.locator('a:text("查看全部牵头单位")').click()]);
        assert.equal(new URL(page.url()).pathname, '/units');
        const unitRows = page.locator('table.rates tbody tr');
        assert.equal(await unitRows.count(), all, 'the units page lists every unit');
        assert.ok((await unitRows.allTextContents()).includes(firstRow), 'the most behind unit, as on the dashboard');
        await page.screenshot({ path: join(SHOTS, 'units.png'), fullPage: true });
        assert.deepEqual(problems, []);
    } finally {
        await browser.close();
        await server.stop();
    }
}

run(main);
