// pager.mjs: the list pager (nav.pager: 第一页, 上一页, 第 N–M 条，共 T 条, 下一页) as the browser
// tests walk it (tests/e2e/inbox.mjs, measure_pager.mjs).

import { assert } from './lib.mjs';

export const click = (page, sel) => Promise.all([page.waitForNavigation(), page.click(sel)]);
export const position = async (page) => (await page.locator('nav.pager .position').innerText()).trim();

// From the third page back to the first with 上一页, finding pages 2 and 1 (rows `second` and
// `first`, as rows(page) reads them) and their positions again.
export async function backToFirst(page, rows, first, second, total) {
    await click(page, 'nav.pager a[rel=prev]');
    assert.equal(await position(page), `第 26–50 条，共 ${total} 条`);
    assert.deepEqual(await rows(page), second, '上一页 gives page 2 again');
    await click(page, 'nav.pager a[rel=prev]');
    assert.equal(await position(page), `第 1–25 条，共 ${total} 条`);
    assert.deepEqual(await rows(page), first, '上一页 gives page 1 again');
}
