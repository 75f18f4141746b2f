// browser.mjs: the end-to-end test in a real browser. playwright-core drives Debian's headless
// Chromium (/usr/bin/chromium; no browser is downloaded) against a server started on a county
// demo database, through what an office clerk does on the first day: log in, change the first
// password, open the dashboard, filter the inspection tree by a state and a light, open a
// measure and its timeline, log out. Any console error (a CSP violation shows as one) or page
// error fails the test. Screenshots go to $ZG_SCREENSHOTS (build/e2e/ under ctest):
// login, dashboard, tree, measure, and the dashboard at a phone's width of 390 px (the
// screen, and the whole page).
//
//   node browser.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, DEMO_PASSWORD, NEW_PASSWORD } from '../web/lib.mjs';
import { launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e');

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('e2e');
    const server = await startServer(demoDb(dir));
    const browser = await launchBrowser(chromium);
    const problems = [];
    try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
        const shot = (name, fullPage = true) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
        const path = () => new URL(page.url()).pathname;

        // Login: / sends an anonymous visitor to the login form.
        await page.goto(server.url + '/');
        assert.equal(path(), '/login');
        await shot('login');
        await page.fill('input[name=login]', 'office');
        await page.fill('input[name=password]', DEMO_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);

        // The first login lands on the password change and nowhere else.
        assert.equal(path(), '/account');
        await page.goto(server.url + '/dashboard');
        assert.equal(path(), '/account', 'no dashboard before the first password is changed');
        await page.fill('input[name=old]', DEMO_PASSWORD);
        await page.fill('input[name=new]', NEW_PASSWORD);
        await page.fill('input[name=again]', NEW_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);

        // The dashboard.
        assert.equal(path(), '/dashboard');
        assert.match(await page.title(), /工作台/);
        await shot('dashboard');

        // The inspection tree, filtered by a state and a light through its form.
        await page.click('nav.main a[href="/inspections"]');
        await page.waitForLoadState();
        const first = page.locator('main a[href^="/inspections/"]:not([href="/inspections/new"])').first();
        await Promise.all([page.waitForNavigation(), first.click()]);
        assert.match(path(), /^\/inspections\/\d+$/);
        const form = page.locator('form.filters');
        await form.locator('select[name=state]').selectOption('in_progress');
        await form.locator('select[name=light]').selectOption('red');
        await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
        const query = new URL(page.url()).searchParams;
        assert.equal(query.get('state'), 'in_progress');
        assert.equal(query.get('light'), 'red');
        const measures = page.locator('main a[href^="/measures/"]');
        assert.ok(await measures.count() > 0, 'the demo has red measures in progress');
        await shot('tree');

        // A measure and its timeline.
        await Promise.all([page.waitForNavigation(), measures.first().click()]);
        assert.match(path(), /^\/measures\/\d+$/);
        assert.ok(await page.locator('#timeline').count() === 1, 'the measure page has its timeline');
        await shot('measure');

        // The dashboard on a phone.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(server.url + '/dashboard');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await shot('dashboard-phone', false); // what the phone's screen shows
        await shot('dashboard-phone-full');
        assert.ok(overflow <= 0, `the dashboard scrolls sideways on a phone by ${overflow} px`);
        const header = await page.locator('header.top').boundingBox();
        assert.ok(header.height < 160, `the header takes ${header.height} px of the phone's screen`);

        // Log out: the session is gone, the dashboard asks for a login again.
        await page.setViewportSize({ width: 1280, height: 900 });
        await Promise.all([page.waitForNavigation(), page.click('header form[action="/logout"] button')]);
        assert.equal(path(), '/login');
        await page.goto(server.url + '/dashboard');
        assert.equal(path(), '/login');
        await context.close();
    } finally {
        await browser.close();
    }
    assert.deepEqual(problems, [], 'no console errors, page errors or server errors');
}

run(main);
