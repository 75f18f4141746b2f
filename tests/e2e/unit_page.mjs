// unit_page.mjs (issue 11): the unit liaison's day on a large unit, in a real browser, with
// screenshots to $ZG_SCREENSHOTS (looked at by the engineer who wrote this). The county demo's
// liaison unit is made to lead half the ledger and the ledger doubled to 600 measures, so the
// pages must page and collapse. The liaison goes 责任单位 → its unit, reads the counts, pages
// through its unfinished measures (下一页, 上一页), opens the red ones from the count, switches
// the filter to every state in ledger order, and opens the first duty of 当前应办事项; the office
// opens the inspection tree, whose problems are collapsed without their rows, and expands one,
// then 责任单位 with every lead unit's rates.
// Any console error, page error or 5xx fails the test.
//
//   node unit_page.mjs /path/to/zhenggai

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, doubleMeasures, startServer, sql, sql1 } from '../web/lib.mjs';
import { browserSession, launchBrowser } from '../web/browser_session.mjs';

const SHOTS = process.env.ZG_SCREENSHOTS || join(process.cwd(), 'e2e-unit-page');

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tempDir('e2e-unitpage');
    const db = demoDb(dir);
    const insp = sql1(db, 'SELECT min(id) FROM inspection');
    doubleMeasures(db, insp);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    sql(db, `UPDATE measure SET lead_unit_id = ${unitId} WHERE id % 2 = 0`);
    const mine = `inspection_id = ${insp} AND withdrawn_at IS NULL AND (lead_unit_id = ${unitId}
        OR id IN (SELECT measure_id FROM measure_co_unit WHERE unit_id = ${unitId}))`;
    const all = Number(sql1(db, `SELECT count(*) FROM measure WHERE ${mine}`));
    const open = Number(sql1(db, `SELECT count(*) FROM measure WHERE ${mine} AND state <> 'closed'`));
    assert.ok(all > 300, `a large unit (${all})`);

    const server = await startServer(db);
    const browser = await launchBrowser(chromium);
    const problems = [];
    const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const click = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
    const position = async (page) => (await page.locator('#measures .position').innerText()).trim();
    try {
        const { page } = await browserSession(browser, server, 'unit', problems);
        // 责任单位 → the liaison's own unit.
        await click(page, 'nav.main a[href="/units"]');
        await click(page, `main a[href^="/units/${unitId}?"]`);
        const counts = await page.locator('#counts').innerText();
        assert.ok(counts.includes(`承担整改措施 ${all} 项`), counts);
        assert.equal(await position(page), `第 1–25 条，共 ${open} 条`, 'unfinished measures by default');
        assert.equal(await page.locator('#measures tbody tr').count(), 25);
        assert.ok(await page.locator('#owes li').count() > 0, 'the duties are listed');
        const bytes = (await page.content()).length;
        assert.ok(bytes < 60000, `the unit page is small (${bytes} characters)`);
        await shot(page, '1-unit-page');

        // 下一页 and back.
        const first = await page.locator('#measures tbody tr').first().innerText();
        await click(page, '#measures a[rel=next]');
        assert.equal(await position(page), `第 26–50 条，共 ${open} 条`);
        await shot(page, '2-unit-page-2');
        await click(page, '#measures a[rel=prev]');
        assert.equal(await page.locator('#measures tbody tr').first().innerText(), first, '上一页 is the first page');

        // The red count opens the red measures.
        const red = Number((await page.locator('#counts a[href*="light=red"] strong').innerText()).trim());
        await click(page, '#counts a[href*="light=red"]');
        const lights = await page.locator('#measures tbody td[data-label="亮灯"]').allInnerTexts();
        assert.ok(lights.length > 0 && lights.every((l) => l.includes('红灯')), 'only red rows');
        assert.ok((await position(page)).endsWith(`共 ${red} 条`), 'as many as the count says');
        await shot(page, '3-unit-red');

        // Every state, in ledger order, through the filter form.
        await page.selectOption('#measures select[name=state]', '');
        await page.selectOption('#measures select[name=light]', '');
        await page.selectOption('#measures select[name=sort]', 'ledger');
        await click(page, '#measures form.filters button[type=submit]');
        assert.equal(await position(page), `第 1–25 条，共 ${all} 条`, 'all states');
        await shot(page, '4-unit-all-ledger');

        // The first duty leads to its measure.
        const duty = page.locator('#owes li a').first();
        const title = (await duty.innerText()).trim();
        await Promise.all([page.waitForNavigation(), duty.click()]);
        assert.ok((await page.locator('h1').innerText()).includes(title), `the duty's measure (${title})`);
        await shot(page, '5-duty-measure');

        // The office's tree: collapsed problems carry no rows; one expands on demand.
        const office = await browserSession(browser, server, 'office', problems);
        await office.page.goto(`${server.url}/inspections/${insp}`);
        assert.equal(await office.page.locator('.tree table').count(), 0, 'no rows in collapsed problems');
        const problem = office.page.locator('details.level-problem').first();
        await problem.locator('summary').click();
        const link = problem.locator('p.more-rows a');
        assert.ok((await link.innerText()).startsWith('展开本问题的'));
        await shot(office.page, '6-tree-collapsed');
        await Promise.all([office.page.waitForNavigation(), link.click()]);
        assert.ok(await office.page.locator('details[open].level-problem table tbody tr').count() > 0, 'the problem\'s rows');
        await shot(office.page, '7-tree-problem');

        // 责任单位 as the office: every lead unit's rates, the liaison's unit with the measures
        // it leads, its name linking to its page.
        await office.page.goto(`${server.url}/units?inspection=${insp}`);
        await office.page.locator('details.more summary').click();
        const led = sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${insp}
            AND withdrawn_at IS NULL AND lead_unit_id = ${unitId}`);
        const row = office.page.locator(`table.rates tr:has(a[href^="/units/${unitId}?"])`);
        assert.equal((await row.locator('td[data-label="措施"]').innerText()).trim(), String(led),
            'the unit\'s measures in the rates table');
        assert.ok(await office.page.locator('table.rates tbody tr').count() > 1, 'every lead unit');
        await shot(office.page, '8-units-office');
        assert.deepEqual(problems, [], 'no console errors, page errors or 5xx');
    } finally {
        await browser.close();
    }
}

run(main);
