// browser_session.mjs: what the browser walk-throughs (tests/e2e/*.mjs) share. Not a test itself
// (ctest runs tests/web/test_*.mjs and tests/e2e/*.mjs only).

import { DEMO_PASSWORD, NEW_PASSWORD } from './lib.mjs';

// Debian's Chromium (never a browser download), or $ZG_CHROMIUM.
export const CHROMIUM = process.env.ZG_CHROMIUM || '/usr/bin/chromium';
// The Chromium arguments every walk-through launches with.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'];

// The headless browser of a walk-through, from playwright-core's chromium (which resolves from
// tests/e2e, where it is installed).
export function launchBrowser(chromium) {
    return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// A new browser context logged in to server as login through the login form, its first password
// changed when first is true; console errors, page errors and 5xx replies are pushed to problems.
// password, when given, is the account's current one (a copy of a bench dataset): no change.
// Returns { context, page }.
export async function browserSession(browser, server, login, problems, first = true, password = '') {
    if (password)
        first = false;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`${login} console: ${msg.text()}`); });
    page.on('pageerror', (e) => problems.push(`${login} page error: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`); });
    await page.goto(server.url + '/login');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', password || (first ? DEMO_PASSWORD : NEW_PASSWORD));
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    if (first) {
        await page.fill('input[name=old]', DEMO_PASSWORD);
        await page.fill('input[name=new]', NEW_PASSWORD);
        await page.fill('input[name=again]', NEW_PASSWORD);
        await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    }
    return { context, page };
}
