// test_dashboard.mjs: the 工作台 of one inspection, as the office sees it on a day of many
// deadlines (2026-05-27: 11 open measures of the county demo fall due that week).
//   - the counts by light and by state are those of `status --json` for the same day;
//   - 本周到期 shows at most 10 rows, says how many there are (against SQL), and links to the
//     list of every state but closed by deadline, whose first rows are exactly the week's;
//   - 我的待办 counts what the reader owes (the office: verifications and revisits; a leader:
//     sign-offs of their measures), against SQL;
//   - the unit table lists the 10 lead units most behind (overdue, red, yellow), each row as the
//     units page writes it, and links to that page for the rest;
//   - after a write (the office verifies a measure) the counts follow (the figures' cache);
//   - HEAD answers with the Content-Length of the GET (RFC 9110 8.6), without a body.

import { assert, run, tempDir, demoDb, startServer, setupRoles, cli, sql1 } from './lib.mjs';
import { request } from 'node:http';

const DAY = '2026-05-27'; // a Wednesday
const MONDAY = '2026-05-25', SUNDAY = '2026-05-31';
const SHOWN = 10;

// The number in each tile or state link of the page, by the name in its href.
function pageCounts(html, param) {
    const counts = {};
    const re = new RegExp(`${param}=([a-z_]+)"><b>(\\d+)</b>|${param}=([a-z_]+)">[^<]*<strong>(\\d+)</strong>`, 'g');
    for (const m of html.matchAll(re))
        counts[m[1] || m[3]] = Number(m[2] || m[4]);
    return counts;
}

function head(server, path, cookie) {
    const url = new URL(server.url + path);
    return new Promise((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search,
            method: 'HEAD', headers: { cookie } }, (res) => {
            let n = 0;
            res.on('data', (d) => { n += d.length; });
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: n }));
        });
        req.on('error', reject);
        req.end();
    });
}

run(async () => {
    const dir = tempDir('dashboard');
    const db = demoDb(dir);
    const id = sql1(db, 'SELECT min(id) FROM inspection');
    const status = JSON.parse(cli(db, 'status', '--inspection', id, '--as-of', DAY, '--json'));
    const server = await startServer(db, '--today', DAY);
    const { office, leader } = await setupRoles(server, { office: 'office', leader: 'leader08' });

    const res = await office.req(`/dashboard?inspection=${id}`);
    assert.equal(res.status, 200);
    const html = res.text;
    assert.deepEqual(pageCounts(html, 'light'), status.by_light, 'light tiles = status --json');
    assert.deepEqual(pageCounts(html, 'state'), status.by_state, 'state counts = status --json');

    const week = (states) => Number(sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${id}
        AND withdrawn_at IS NULL AND state NOT IN (${states})
        AND deadline BETWEEN '${MONDAY}' AND '${SUNDAY}'`));
    const due = week(`'closed', 'phase_complete'`), unclosed = week(`'closed'`);
    assert.ok(due > SHOWN, `the day has more deadlines this week (${due}) than the dashboard shows`);
    const section = /<section id="due-week">([\s\S]*?)<\/section>/.exec(html)[1];
    assert.equal((section.match(/<tr>/g) || []).length - 2, SHOWN, 'ten rows (two header rows)');
    assert.match(section, new RegExp(`本周到期共 ${due} 项`));
    const link = /<a href="(\/measures\?[^"]*)">查看本周起到期的全部未销号措施<\/a>/.exec(section)[1]
        .replaceAll('&amp;', '&');

    // The link's list (through the API, same parameters): the week's unclosed measures first,
    // in deadline order, then later ones; the dashboard's rows among them.
    const api = await office.req(link.replace('/measures?', '/api/v1/measures?') + '&limit=100');
    assert.equal(api.status, 200, api.text);
    const items = JSON.parse(api.text).items;
    assert.ok(items.length > unclosed);
    for (let i = 0; i < items.length; i++) {
        const d = items[i].deadline;
        assert.ok(i === 0 || d >= items[i - 1].deadline, 'deadline order');
        assert.ok(i < unclosed ? d >= MONDAY && d <= SUNDAY : d > SUNDAY, `row ${i}: ${d}`);
        assert.notEqual(items[i].state, 'closed');
    }
    const listed = new Set(items.slice(0, unclosed).map((m) => m.id));
    for (const m of section.matchAll(/href="\/measures\/(\d+)"/g))
        assert.ok(listed.has(Number(m[1])), `dashboard row ${m[1]} in the linked list`);
    const page = await office.req(link);
    assert.equal(page.status, 200);
    assert.match(page.text, /<nav class="pager"/);

    // 我的待办: the rows shown and "另有 N 项" add up to the reader's duties.
    const duties = (page) => {
        const mine = /<section id="my-items">([\s\S]*?)<\/section>/.exec(page)[1];
        const more = /另有 (\d+) 项待办未列出/.exec(mine);
        return (mine.match(/<tr>/g) || []).length - (mine.includes('<details') ? 2 : 1) + (more ? Number(more[1]) : 0);
    };
    const officeOwes = Number(sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${id}
        AND withdrawn_at IS NULL AND (state = 'signed_off'
        OR (state IN ('closed', 'phase_complete') AND revisit_due <= '${DAY}'))`));
    assert.ok(officeOwes > 0, 'the office has duties');
    assert.equal(duties(html), officeOwes, 'the office\'s duties');
    const leaderOwes = Number(sql1(db, `SELECT count(*) FROM measure m JOIN measure_leader x
        ON x.measure_id = m.id JOIN users u ON u.person_id = x.person_id AND u.login = 'leader08'
        WHERE m.inspection_id = ${id} AND m.withdrawn_at IS NULL AND m.state = 'lead_approved'`));
    assert.ok(leaderOwes > 0, 'leader08 has sign-offs to give');
    const leaderPage = (await leader.req(`/dashboard?inspection=${id}`)).text;
    assert.equal(duties(leaderPage), leaderOwes, 'the leader\'s sign-offs');
    assert.equal((leaderPage.match(/领导签批/g) || []).length, leaderOwes, 'each a sign-off');

    // The units most behind, as the units page (the whole table) writes their rows.
    const rows = (t) => [...t.matchAll(/<tr><td data-label="牵头单位">([\s\S]*?)<\/tr>/g)].map((m) => m[0]);
    const num = (row, label) => Number(new RegExp(`data-label="${label}">(\\d+)<`).exec(row)[1]);
    const unitsBox = /各牵头单位整改情况（展开）<\/summary>([\s\S]*?)<\/details>/.exec(html)[1];
    const units = await office.req(`/units?inspection=${id}`);
    assert.equal(units.status, 200);
    const all = rows(units.text), shown = rows(unitsBox);
    assert.ok(all.length > 10, `the demo has more lead units (${all.length}) than the dashboard lists`);
    assert.equal(shown.length, 10, 'ten units');
    assert.match(unitsBox, new RegExp(`共 ${all.length} 个牵头单位`));
    assert.match(unitsBox, new RegExp(`<a href="/units\\?inspection=${id}">查看全部牵头单位</a>`));
    const key = (row) => [num(row, '逾期'), num(row, '红灯'), num(row, '黄灯')];
    const behind = (a, b) => { const x = key(a), y = key(b); return y[0] - x[0] || y[1] - x[1] || y[2] - x[2]; };
    for (const row of shown)
        assert.ok(all.includes(row), `unit row as on the units page: ${row.slice(0, 120)}`);
    for (let i = 1; i < shown.length; i++)
        assert.ok(behind(shown[i - 1], shown[i]) <= 0, 'most behind first');
    const last = shown[shown.length - 1];
    for (const row of all.filter((r) => !shown.includes(r)))
        assert.ok(behind(last, row) <= 0, 'no unit left out is further behind than the last shown');

    // A write moves the figures: the office verifies a measure that waits for it.
    const waiting = sql1(db, `SELECT min(id) FROM measure WHERE inspection_id = ${id} AND state = 'signed_off'`);
    assert.ok(waiting, 'the demo has a signed-off measure');
    const verify = await office.req(`/api/v1/measures/${waiting}/transitions`,
        { json: { action: 'verify', comment: '核查通过' }, headers: { 'x-csrf-token': office.csrf } });
    assert.ok([200, 201].includes(verify.status), verify.text);
    const after = JSON.parse(cli(db, 'status', '--inspection', id, '--as-of', DAY, '--json'));
    assert.notDeepEqual(after.by_state, status.by_state, 'the write moved a state');
    const again = (await office.req(`/dashboard?inspection=${id}`)).text;
    assert.deepEqual(pageCounts(again, 'state'), after.by_state, 'state counts follow the write');
    assert.deepEqual(pageCounts(again, 'light'), after.by_light, 'light tiles follow the write');

    // HEAD: the length of the GET, no body.
    const h = await head(server, `/dashboard?inspection=${id}`, `zg_sid=${office.cookie}`);
    assert.equal(h.status, 200);
    assert.equal(h.bytes, 0);
    assert.equal(Number(h.headers['content-length']), Buffer.byteLength(again));
});
