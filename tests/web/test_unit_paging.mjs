// test_unit_paging.mjs (issue 11): the unit page costs what it shows. The county demo's liaison
// unit is made to lead half the ledger and share a fifth more (written with SQL behind the
// server's back, so measure_party's triggers are what keeps its index right: a lead moved, a
// co-unit added and removed, a deadline and a state changed). Then: the unit page's measures,
// walked page by page (forwards by 下一页, back by 上一页), are disjoint, cover exactly the
// unit's unfinished measures by default and all of them with 状态 全部, in the sort's order, with
// "第 a–b 条，共 N 条" right; the counts by state agree with SQL and the counts by light with the
// lights ledger_light gives each row of the API list; the page stays small however many measures
// the unit has; the unit API counts the same; a unit user sees its own page only.

import { assert, run, tempDir, demoDb, startServer, setupRoles, sql, sql1 } from './lib.mjs';

// The measure ids of the unit page's list section, in order, and its pager.
function listOf(html) {
    const at = html.indexOf('<section id="measures">');
    assert.ok(at >= 0, 'the page has its list of measures');
    const sec = html.slice(at, html.indexOf('</section>', at));
    const body = sec.includes('<tbody>') ? sec.slice(sec.indexOf('<tbody>'), sec.indexOf('</tbody>')) : '';
    const ids = [...body.matchAll(/<a href="\/measures\/(\d+)"/g)].map((m) => Number(m[1]));
    const pos = sec.match(/第 (\d+)–(\d+) 条，共 (\d+) 条/);
    const link = (rel) => {
        const m = sec.match(new RegExp(`<a rel="${rel}" href="([^"]+)"`));
        return m ? m[1].replace(/&amp;/g, '&').replace(/#.*$/, '') : null;
    };
    return { ids, pos: pos ? pos.slice(1).map(Number) : null, next: link('next'), prev: link('prev') };
}

// A figure of the 整改概况 section: the number after label in its list of links.
function figure(html, label) {
    const at = html.indexOf('<section id="counts">');
    const sec = html.slice(at, html.indexOf('</section>', at));
    const m = sec.match(new RegExp(`>${label} <strong>(\\d+)</strong>`));
    return m ? Number(m[1]) : 0;
}

// Walk the pages from path by the rel="next" links; returns every page's list.
async function walk(client, path) {
    const pages = [];
    for (let url = path, guard = 0; url && guard < 100; guard++) {
        const res = await client.req(url);
        assert.equal(res.status, 200, `${url}: ${res.status}`);
        const l = listOf(res.text);
        l.url = url;
        l.bytes = Buffer.byteLength(res.text);
        pages.push(l);
        url = l.next;
    }
    return pages;
}

async function main() {
    const dir = tempDir('unitpaging');
    const db = demoDb(dir);
    const unitId = Number(sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'"));
    const insp = Number(sql1(db, 'SELECT min(id) FROM inspection'));
    // The liaison's unit leads every other measure and shares every fifth: a unit of many.
    sql(db, `UPDATE measure SET lead_unit_id = ${unitId} WHERE id % 2 = 0 AND inspection_id = ${insp}`);
    sql(db, `INSERT INTO measure_co_unit(measure_id, unit_id) SELECT id, ${unitId} FROM measure
             WHERE id % 5 = 1 AND inspection_id = ${insp} ON CONFLICT DO NOTHING`);
    const gone = sql1(db, `SELECT min(measure_id) FROM measure_co_unit c JOIN measure m ON m.id = c.measure_id
             WHERE c.unit_id = ${unitId} AND m.lead_unit_id <> ${unitId}`);
    sql(db, `DELETE FROM measure_co_unit WHERE measure_id = ${gone} AND unit_id = ${unitId}`);
    const moved = sql1(db, `SELECT min(id) FROM measure WHERE id % 2 = 0 AND id % 5 <> 1 AND inspection_id = ${insp}`);
    sql(db, `UPDATE measure SET lead_unit_id = (SELECT min(id) FROM unit WHERE id <> ${unitId}) WHERE id = ${moved}`);
    const late = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    sql(db, `UPDATE measure SET deadline = '2026-01-02', state = 'returned' WHERE id = ${late}`);

    // What the page must show, from the measures themselves (not measure_party).
    const mine = `m.inspection_id = ${insp} AND m.withdrawn_at IS NULL AND (m.lead_unit_id = ${unitId}
        OR EXISTS (SELECT 1 FROM measure_co_unit c WHERE c.measure_id = m.id AND c.unit_id = ${unitId}))`;
    const byDeadline = "ORDER BY coalesce(m.deadline, '9999-12-31'), m.id";
    const open = sql(db, `SELECT m.id FROM measure m WHERE ${mine} AND m.state <> 'closed' ${byDeadline}`).map((r) => Number(r[0]));
    const all = sql(db, `SELECT m.id FROM measure m WHERE ${mine} ORDER BY m.finding_id, m.ordinal, m.id`).map((r) => Number(r[0]));
    const lead = Number(sql1(db, `SELECT count(*) FROM measure m WHERE ${mine} AND m.lead_unit_id = ${unitId}`));
    assert.ok(all.length >= 150 && open.length > 60, `a unit of many measures (${all.length}, ${open.length} open)`);
    assert.ok(!all.includes(Number(gone)) && !all.includes(Number(moved)), 'the removed co-unit and the moved lead are out');
    assert.ok(open.includes(Number(late)), 'the changed measure is in');

    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit', other: 'unit01' });
    const base = `/units/${unitId}?inspection=${insp}`;

    // Default: unfinished measures, by deadline, 20 a page: disjoint, covering, in order.
    let pages = await walk(c.office, `${base}&limit=20`);
    assert.ok(pages.length >= 4, `several pages (${pages.length})`);
    const seen = pages.flatMap((p) => p.ids);
    assert.equal(new Set(seen).size, seen.length, 'pages are disjoint');
    assert.deepEqual(seen, open, 'the pages cover the unit\'s unfinished measures in deadline order');
    let first = 1;
    for (const p of pages) {
        assert.deepEqual(p.pos, [first, first + p.ids.length - 1, open.length], `position on ${p.url}`);
        first += p.ids.length;
        assert.ok(p.bytes < 40000, `a page is small (${p.bytes} B)`);
    }
    // Back from the third page by 上一页 is the second page.
    const back = listOf((await c.office.req(pages[2].prev ?? `${base}&limit=20`)).text);
    assert.deepEqual(back.ids, pages[1].ids, '上一页 leads to the page before');
    assert.equal(listOf((await c.office.req(pages[1].prev ?? `${base}&limit=20`)).text).ids[0], open[0]);

    // 状态 全部 (state=) in ledger order: every measure of the unit, once.
    pages = await walk(c.office, `${base}&state=&sort=ledger&limit=50`);
    assert.deepEqual(pages.flatMap((p) => p.ids), all, 'all states in ledger order');
    assert.equal(pages[0].pos[2], all.length);

    // The counts: states and lead against SQL; lights against ledger_light's (the API rows').
    const res = await c.office.req(base);
    assert.equal(res.status, 200);
    const html = res.text;
    assert.ok(Buffer.byteLength(html) < 40000, `the default page is small (${Buffer.byteLength(html)} B)`);
    assert.match(html, new RegExp(`承担整改措施 <strong>${all.length}</strong> 项（牵头 ${lead} 项，配合 ${all.length - lead} 项）`));
    const labels = { not_started: '未启动', in_progress: '整改中', submitted: '已申请销号', lead_approved: '牵头单位已审核',
        signed_off: '领导已签批', phase_complete: '阶段性完成', returned: '已退回', relapsed: '已反弹' };
    for (const [state, n] of sql(db, `SELECT m.state, count(*) FROM measure m WHERE ${mine} GROUP BY 1`))
        if (labels[state])
            assert.equal(figure(html, labels[state]), Number(n), `state ${state}`);
    const lights = { red: 0, yellow: 0, green: 0, closed: 0 };
    for (let url = `/api/v1/measures?inspection=${insp}&unit=${unitId}&limit=100`; url;) {
        const r = await c.office.req(url);
        const j = JSON.parse(r.text);
        for (const m of j.items)
            lights[m.light]++;
        url = j.next ? `/api/v1/measures?inspection=${insp}&unit=${unitId}&limit=100&after=${encodeURIComponent(j.next)}` : null;
    }
    assert.equal(lights.red + lights.yellow + lights.green + lights.closed, all.length);
    for (const [light, label] of [['red', '红灯'], ['yellow', '黄灯'], ['green', '绿灯']])
        assert.equal(figure(html, label), lights[light], `light ${light}`);
    // The light filter's page agrees with its count.
    pages = await walk(c.office, `${base}&light=red&state=&limit=100`);
    assert.equal(pages.flatMap((p) => p.ids).length, lights.red, 'the red list holds the red count');

    // The unit API: the same counts, the reporting only on request.
    const api = JSON.parse((await c.office.req(`/api/v1/units/${unitId}`)).text);
    assert.equal(api.measures, all.length);
    assert.equal(api.lead, lead);
    assert.deepEqual(api.by_light, lights);
    assert.equal(api.reporting, undefined, 'no reporting unless asked');
    const rep = JSON.parse((await c.office.req(`/api/v1/units/${unitId}?reporting=1`)).text);
    assert.ok(rep.reporting && rep.reporting.expected > 0, 'reporting=1 brings the on-time figures');
    assert.equal((await c.office.req(`/api/v1/units/${unitId}?reporting=x`)).status, 400);

    // The unit's liaison sees the same list on its own page; another unit's liaison is refused.
    pages = await walk(c.unit, `${base}&limit=25`);
    assert.deepEqual(pages.flatMap((p) => p.ids), open, 'the liaison sees its unfinished measures');
    assert.equal((await c.other.req(base)).status, 403);
    // Bad paging input is refused before any SQL.
    assert.equal((await c.office.req(`${base}&after=x1.2`)).status, 400);
    assert.equal((await c.office.req(`${base}&limit=1000`)).status, 400);
}

run(main);
