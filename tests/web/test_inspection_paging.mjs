// test_inspection_paging.mjs (issue 11): 整改台账 and GET /api/v1/inspections come a page at a
// time, so that a reader who sees thousands of inspections (an observer of a province) is not
// sent every one with its counts. With 120 inspections: the page shows 50, its pager walks
// forwards (下一页) and back (上一页, 第一页) through pages that are disjoint and together are every
// inspection in id order, and says where it is (第 51–100 条，共 120 条); the API's pages of
// limit=37 do the same through `next`, and bad parameters are refused with 400. The selectors of
// inspections (the dashboard's 切换, the measure list's filter) list every inspection while there
// are few, and past 30 the current one and 30 others (the newest, or those whose titles hold the
// find text 查找), so that such a reader's every page is not a select of the whole ledger.

import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql } from './lib.mjs';

const PAGE = 50;

// The inspection ids of a page of the table, in order.
const rowIds = (html) =>
    [...html.matchAll(/<tr><td data-label="整改事项"><a href="\/inspections\/(\d+)">/g)].map((m) => Number(m[1]));

// The href of the pager link with this text, unescaped.
function link(html, text) {
    const m = html.match(new RegExp(`<a(?: rel="\\w+")? href="([^"]*)">${text}</a>`));
    return m ? m[1].replace(/&amp;/g, '&') : null;
}

// The options of the inspection select of html: [value, selected] in order, and the hint after it.
function selectOf(html) {
    const at = html.indexOf('<select name="inspection">');
    assert.ok(at >= 0, 'the page has its inspection select');
    const sel = html.slice(at, html.indexOf('</select>', at));
    const options = [...sel.matchAll(/<option value="(\d*)"( selected)?>/g)].map((m) => [m[1], !!m[2]]);
    const hint = html.slice(at).match(/<span class="hint">([^<]*)<\/span>/);
    return { options, find: html.includes('name="inspection_q"'), hint: hint ? hint[1] : null };
}

async function main() {
    const dir = tempDir('inspection-paging');
    const db = demoDb(dir);
    const server = await startServer(db);
    const { office, unit } = await setupRoles(server, { office: 'office', unit: 'unit' });
    const few = sql(db, 'SELECT id FROM inspection ORDER BY id').map((r) => r[0]);
    let sel = selectOf((await office.req('/measures')).text);
    assert.deepEqual(sel.options.map((o) => o[0]), ['', ...few], 'a few inspections: every one');
    assert.ok(!sel.find, 'and no find field');
    for (let i = 1; i < 120; i++) {
        const res = await office.req('/api/v1/inspections', {
            method: 'POST', headers: { 'x-csrf-token': office.csrf },
            json: { title: `分页测试整改事项${i}`, group_name: '市委第三巡察组', feedback_on: '2026-05-20' },
        });
        assert.equal(res.status, 201, res.text.slice(0, 300));
    }
    const all = sql(db, 'SELECT id FROM inspection ORDER BY id').map((r) => Number(r[0]));
    assert.equal(all.length, 120);

    // Forwards through the pages, then back from the last.
    const pages = [];
    let path = '/inspections';
    while (path) {
        const res = await office.req(path);
        assert.equal(res.status, 200, `${path}: ${res.status}`);
        const ids = rowIds(res.text);
        assert.ok(ids.length > 0 && ids.length <= PAGE, `${path}: ${ids.length} rows`);
        const first = pages.reduce((n, p) => n + p.ids.length, 0) + 1;
        assert.ok(res.text.includes(`第 ${first}–${first + ids.length - 1} 条，共 120 条`), `${path}: position`);
        pages.push({ path, ids, html: res.text });
        path = link(res.text, '下一页');
        assert.ok(pages.length <= 3, 'the walk ends');
    }
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.flatMap((p) => p.ids), all, 'the pages together are every inspection, in order');
    assert.equal(link(pages[0].html, '上一页'), null, 'the first page has no page before it');
    for (let k = 1; k < pages.length; k++) {
        const prev = await office.req(link(pages[k].html, '上一页'));
        assert.deepEqual(rowIds(prev.text), pages[k - 1].ids, `上一页 of page ${k + 1}`);
        const first = await office.req(link(pages[k].html, '第一页'));
        assert.deepEqual(rowIds(first.text), pages[0].ids, `第一页 of page ${k + 1}`);
    }
    assert.equal((await office.req('/inspections?after=x')).status, 400);

    // The API: pages of 37 through next.
    sql(db, "UPDATE measure SET withdrawn_at = '2026-06-01T08:00:00Z' WHERE id = (SELECT min(id) FROM measure)");
    const seen = [], items = [];
    let after = 0;
    for (let guard = 0; guard < 10; guard++) {
        const res = await office.req(`/api/v1/inspections?limit=37${after ? `&after=${after}` : ''}`);
        assert.equal(res.status, 200, res.text.slice(0, 300));
        const body = Client.json(res);
        assert.ok(body.items.length <= 37);
        seen.push(...body.items.map((i) => i.id));
        items.push(...body.items);
        if (body.next === undefined)
            break;
        assert.equal(body.next, body.items[body.items.length - 1].id);
        after = body.next;
    }
    assert.deepEqual(seen, all, 'the API pages together are every inspection, in order');
    // Each item's counts are its measures in force by state, as SQL counts them: the office's
    // from the tally the triggers keep (the withdrawn one left out), a unit's counted for it.
    const counts = (where) => {
        const by = new Map();
        for (const [id, state, n] of sql(db, `SELECT inspection_id, state, count(*) FROM measure m
                WHERE withdrawn_at IS NULL ${where} GROUP BY 1, 2`)) {
            const b = by.get(Number(id)) || {};
            b[state] = Number(n);
            by.set(Number(id), b);
        }
        return by;
    };
    const nonzero = (b) => Object.fromEntries(Object.entries(b).filter(([, n]) => n > 0));
    const whole = counts('');
    assert.ok(whole.size > 0);
    for (const it of items) {
        assert.deepEqual(nonzero(it.by_state), whole.get(it.id) || {}, `inspection ${it.id}'s counts`);
        assert.equal(it.measures, Object.values(it.by_state).reduce((a, n) => a + n, 0));
    }
    const unitId = Number(sql(db, "SELECT unit_id FROM users WHERE login = 'unit'")[0][0]);
    const mine = counts(`AND (lead_unit_id = ${unitId} OR EXISTS (SELECT 1 FROM measure_co_unit c
        WHERE c.measure_id = m.id AND c.unit_id = ${unitId}))`);
    const theirs = Client.json(await unit.req('/api/v1/inspections')).items;
    assert.ok(theirs.length > 0 && mine.size > 0);
    for (const it of theirs)
        assert.deepEqual(nonzero(it.by_state), mine.get(it.id) || {}, `the unit's counts of ${it.id}`);
    const byDefault = Client.json(await office.req('/api/v1/inspections'));
    assert.equal(byDefault.items.length, 100);
    assert.equal(byDefault.next, all[99]);
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'after=-1'])
        assert.equal((await office.req(`/api/v1/inspections?${bad}`)).status, 400, bad);

    // The selectors past 30 inspections.
    const ids = all.map(String);
    sel = selectOf((await office.req('/dashboard')).text);
    assert.deepEqual(sel.options.map((o) => o[0]), [ids[0], ...ids.slice(-30).reverse()],
        'the current one, then the 30 newest');
    assert.deepEqual(sel.options.filter((o) => o[1]).map((o) => o[0]), [ids[0]], 'the current one is chosen');
    assert.ok(sel.find, 'a find field follows');
    assert.equal(sel.hint, '共 120 项，列出 30 项');
    sel = selectOf((await office.req('/measures')).text);
    assert.deepEqual(sel.options.map((o) => o[0]), ['', ...ids.slice(-30).reverse()], '全部, then the 30 newest');
    const found = sql(db, "SELECT id FROM inspection WHERE title LIKE '%分页测试整改事项11%' ORDER BY id").map((r) => r[0]);
    assert.equal(found.length, 11);
    const q = encodeURIComponent('分页测试整改事项11');
    sel = selectOf((await office.req(`/dashboard?inspection=${ids[5]}&inspection_q=${q}`)).text);
    assert.deepEqual(sel.options.map((o) => o[0]), [ids[5], ...found], 'the current one, then the found ones');
    assert.equal(sel.hint, '匹配 11 项，列出 11 项');
    const listed = await office.req(`/measures?inspection_q=${encodeURIComponent('分页测试')}`);
    sel = selectOf(listed.text);
    assert.equal(sel.options.length, 31);
    assert.equal(sel.hint, '匹配 119 项，列出 30 项');
    // The list's next page keeps the find text, and so the selector's choices.
    const next = link(listed.text, '下一页');
    assert.ok(next && next.includes(`inspection_q=${encodeURIComponent('分页测试')}`), `下一页: ${next}`);
    sel = selectOf((await office.req(next)).text);
    assert.equal(sel.hint, '匹配 119 项，列出 30 项', 'the next page lists the found inspections');
    sel = selectOf((await office.req(`/units?inspection=${ids[7]}&inspection_q=none`)).text);
    assert.deepEqual(sel.options.map((o) => o[0]), [ids[7]], 'nothing found: the current one alone');
    assert.equal((await office.req(`/dashboard?inspection_q=${'x'.repeat(201)}`)).status, 400);
    const html = (await office.req('/measures?inspection_q=%3Cb%3E')).text;
    assert.ok(html.includes('value="&lt;b&gt;"') && !html.includes('<b>'), 'the find text is escaped');
    await server.stop();
}

run(main);
