// a11y.mjs: WCAG 2.1 AA in a real browser (issue 9). playwright-core drives Debian's headless
// Chromium; axe-core (pinned in package.json, injected from node_modules) runs on every page the
// test visits, for every demo role, and any violation of the WCAG 2.0/2.1 A and AA rules fails
// it. The pages: the login page, then for each role the pages reachable from its start page
// (breadth first, at most two of each path shape such as /measures/N, up to 12 a role), the 404
// page and the help page. By hand, as a keyboard user: the first Tab reaches the skip link;
// ArrowDown in a filter drop-down does not reload the page (WCAG 3.2.2); after an action the
// focus is on the message that says what happened. On a phone (390 × 844) the dashboard of the
// office and of a unit is less than three screens tall. Screenshots go to $ZG_SCREENSHOTS.
// tests/pg runs it again on PostgreSQL (ZG_WEB_PG_URI) with ZG_A11Y_PAGES (fewer pages a role):
// the same roles, keyboard and phone checks on pages that PostgreSQL fills.
//
//   node a11y.mjs /path/to/zhenggai

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
    assert, run, tempDir, demoDb, startServer, setupRoles, ROLE_LOGINS, NEW_PASSWORD,
} from '../web/lib.mjs';
import { CHROMIUM, launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e');

// Without Chromium, playwright-core or axe-core the test did not run: say so (exit 77, SKIP).
let chromium, AXE;
try {
    ({ chromium } = await import('playwright-core'));
    AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    if (!existsSync(CHROMIUM))
        throw new Error(`no browser at ${CHROMIUM}`);
} catch (e) {
    console.error(`a11y: skipped: ${e.message}`);
    process.exit(77);
}
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PAGES_PER_ROLE = Number(process.env.ZG_A11Y_PAGES || 12);
assert.ok(PAGES_PER_ROLE >= 1 && PAGES_PER_ROLE <= 12, 'ZG_A11Y_PAGES must be 1..12');
const PHONE = { width: 390, height: 844 };

// axe on the page as it is now; returns the violations as lines.
async function audit(page, what) {
    await page.evaluate(AXE);
    const result = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    }), TAGS);
    return result.violations.map((v) => `${what}: ${v.id} (${v.impact}) ×${v.nodes.length}: ` +
        v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
}

// The shape of a path for sampling: digits become N, the query is dropped.
const shape = (href) => href.replace(/\?.*$/, '').replace(/\d+/g, 'N');

async function login(page, base, name) {
    await page.goto(base + '/login');
    await page.fill('input[name=login]', name);
    await page.fill('input[name=password]', NEW_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

// Visit the role's pages breadth first and audit each; returns the violations.
async function walk(page, base, role) {
    const found = [];
    const seen = new Set(), shapes = new Map();
    const queue = ['/'];
    let visited = 0;
    while (queue.length && visited < PAGES_PER_ROLE) {
        const href = queue.shift();
        const res = await page.goto(base + href);
        assert.equal(res.status(), 200, `${role}: ${href} answers ${res.status()}`);
        if (!(res.headers()['content-type'] || '').startsWith('text/html'))
            continue;
        visited++;
        found.push(...await audit(page, `${role} ${href}`));
        const hrefs = await page.$$eval('a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
        for (const h of hrefs) {
            const clean = h.replace(/#.*$/, '');
            const s = shape(clean);
            if (seen.has(clean) || (shapes.get(s) || 0) >= 2 || clean.startsWith('/assets/'))
                continue;
            seen.add(clean);
            shapes.set(s, (shapes.get(s) || 0) + 1);
            queue.push(clean);
        }
    }
    for (const extra of ['/help', '/no-such-page']) {
        await page.goto(base + extra);
        found.push(...await audit(page, `${role} ${extra}`));
    }
    return { found, visited };
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('a11y');
    const db = demoDb(dir);
    const server = await startServer(db);
    await setupRoles(server); // first passwords changed: the browser logs in with the new one
    const browser = await launchBrowser(chromium);
    const violations = [];
    const problems = [];
    try {
        // The login page, anonymous.
        let context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        let page = await context.newPage();
        await page.goto(server.url + '/login');
        violations.push(...await audit(page, 'anonymous /login'));
        await context.close();

        for (const [role, name] of Object.entries(ROLE_LOGINS)) {
            context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
            page = await context.newPage();
            page.on('pageerror', (e) => problems.push(`${role}: page error: ${e.message}`));
            // The one 404 is the test's own visit to /no-such-page (the walk asserts 200 elsewhere).
            page.on('console', (m) => {
                if (m.type() === 'error' && !/status of 404/.test(m.text()))
                    problems.push(`${role}: console: ${m.text()}`);
            });
            await login(page, server.url, name);
            // The skip link is the first stop of the keyboard, and leads to the content.
            await page.goto(server.url + '/help');
            await page.keyboard.press('Tab');
            assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', role);
            await page.keyboard.press('Enter');
            assert.equal(await page.evaluate(() => document.activeElement.id), 'main', role);
            const { found, visited } = await walk(page, server.url, role);
            console.log(`${role}: ${visited} pages audited, ${found.length} violations`);
            violations.push(...found);
            if (role === 'auditor') {
                await page.goto(server.url + '/audit');
                await page.screenshot({ path: join(SHOTS, 'audit.png'), fullPage: true });
            }
            if (role === 'office' || role === 'unit') {
                // A filter drop-down under the keyboard: ArrowDown changes the choice, not the page.
                await page.goto(server.url + '/measures');
                const before = page.url();
                await page.focus('form.filters select[name=state]');
                await page.keyboard.press('ArrowDown');
                await page.waitForTimeout(700);
                assert.equal(page.url(), before, `${role}: ArrowDown in a filter reloaded the page`);
                assert.notEqual(await page.$eval('select[name=state]', (s) => s.value), '', 'the choice moved');

                // The dashboard on a phone: under three screens, summary first, readable chart.
                await page.setViewportSize(PHONE);
                await page.goto(server.url + '/dashboard');
                const height = await page.evaluate(() => document.documentElement.scrollHeight);
                const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
                await page.screenshot({ path: join(SHOTS, `dashboard-phone-${role}.png`), fullPage: true });
                console.log(`${role}: dashboard at 390 px is ${height} px tall`);
                assert.ok(height < 3 * PHONE.height, `${role}: the phone dashboard is ${height} px tall`);
                assert.ok(overflow <= 0, `${role}: the phone dashboard scrolls sideways by ${overflow} px`);
                const font = await page.$eval('svg.chart text', (t) => t.getBoundingClientRect().height);
                assert.ok(font >= 10, `${role}: the chart's text is ${font} px tall on a phone`);
                violations.push(...await audit(page, `${role} /dashboard (390 px)`));
                await page.setViewportSize({ width: 1280, height: 900 });
            }
            if (role === 'unit') {
                // After an action the focus lands on the message that says what happened.
                await page.goto(server.url + '/measures?sort=deadline&state=in_progress');
                const link = page.locator('main table a[href^="/measures/"]').first();
                await Promise.all([page.waitForNavigation(), link.click()]);
                const report = page.locator('form.progress-form');
                assert.equal(await report.count(), 1, 'the unit may report on its own measure');
                await report.locator('textarea').fill('已完成本月排查。');
                await Promise.all([page.waitForNavigation(), report.locator('button[value="1"]').click()]);
                await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('role') === 'status');
                assert.match(await page.evaluate(() => document.activeElement.textContent), /已报送整改进展/);
                await page.screenshot({ path: join(SHOTS, 'measure-after-report.png'), fullPage: false });
                violations.push(...await audit(page, 'unit after report'));
            }
            await context.close();
        }
    } finally {
        await browser.close();
    }
    assert.deepEqual(problems, [], 'no console or page errors');
    assert.deepEqual(violations, [], `WCAG 2.1 A/AA violations:\n${violations.join('\n')}`);
}

run(main);
