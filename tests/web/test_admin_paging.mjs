// test_admin_paging.mjs (issue 11): the administration pages cost their page, not the platform.
// A nation's platform holds 150,000 accounts and 30,000 units: 用户管理 had listed every account
// (56 MB) and 单位管理 every unit, and each user form carried a select of every unit. With 120
// more accounts and a second organisation of 250 units (written with SQL): 用户管理's pages of at
// most 50, walked by 下一页, are disjoint and together every account in id order, with the total;
// 查找 finds by login or name (its wildcards taken literally); past 200 units a user's 所在单位
// and a new unit's 上级单位 are names, resolved by the server (an unknown one refused with 422),
// where a small platform keeps its select; 单位管理 lists the organisations, and one
// organisation's tree on its own page.

import { assert, run, tempDir, demoDb, startServer, setupRoles, sql, sql1 } from './lib.mjs';

// The account ids of a 用户管理 page, its total line and its 下一页 link.
function usersOf(html) {
    const ids = [...html.matchAll(/<td data-label="账号"><a href="\/admin\/users\/(\d+)">/g)].map((m) => Number(m[1]));
    const total = html.match(/共 (\d+) 个账号(符合查找条件)?。/);
    const next = html.match(/<a rel="next" href="([^"]+)">下一页<\/a>/);
    return { ids, total: total ? Number(total[1]) : null, next: next ? next[1].replace(/&amp;/g, '&') : null };
}

async function walk(client, path) {
    const pages = [];
    for (let url = path, guard = 0; url; guard++) {
        assert.ok(guard < 20, 'the walk ends');
        const res = await client.req(url);
        assert.equal(res.status, 200, `${url}: ${res.status}`);
        const p = usersOf(res.text);
        assert.ok(p.ids.length <= 50, `${url}: ${p.ids.length} rows`);
        pages.push(p);
        url = p.next;
    }
    return pages;
}

async function main() {
    const dir = tempDir('admin-paging');
    const db = demoDb(dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { sysadmin: 'sysadmin' });
    const csrf = c.sysadmin.csrf;

    // A small platform: 所在单位 is a select of its units.
    let html = (await c.sysadmin.req('/admin/users/new')).text;
    assert.ok(html.includes('<select name="unit">'), 'a select of the units while there are few');

    const rows = [];
    for (let i = 1; i <= 120; i++)
        rows.push(`('pg-user-${String(i).padStart(3, '0')}', '分页用户${i}', '2026-01-01T00:00:00Z')`);
    sql(db, `INSERT INTO users(login, display_name, created_at) VALUES ${rows.join(', ')}`);
    sql(db, "INSERT INTO unit(name, kind) VALUES('外市委员会', 'party')");
    const other = Number(sql1(db, "SELECT id FROM unit WHERE name = '外市委员会'"));
    const units = [];
    for (let i = 1; i <= 249; i++)
        units.push(`('外市单位${i}', 'other', ${other})`);
    sql(db, `INSERT INTO unit(name, kind, parent_id) VALUES ${units.join(', ')}`);
    const all = sql(db, 'SELECT id FROM users ORDER BY id').map((r) => Number(r[0]));

    // 用户管理, a page at a time.
    const pages = await walk(c.sysadmin, '/admin/users');
    assert.ok(pages.length >= 3);
    assert.deepEqual(pages.flatMap((p) => p.ids), all, 'the pages together are every account, in id order');
    assert.equal(pages[0].total, all.length);
    const found = await walk(c.sysadmin, '/admin/users?q=pg-user-01');
    assert.deepEqual(found.flatMap((p) => p.ids),
        sql(db, "SELECT id FROM users WHERE login LIKE 'pg-user-01%' ORDER BY id").map((r) => Number(r[0])));
    assert.equal(found[0].total, 10);
    assert.equal(usersOf((await c.sysadmin.req('/admin/users?q=%E5%88%86%E9%A1%B5%E7%94%A8%E6%88%B7120')).text).ids.length, 1,
        'found by name');
    for (const q of ['%25', '_', 'pg%25user'])
        assert.equal(usersOf((await c.sysadmin.req(`/admin/users?q=${q}`)).text).total, 0, `${q} is taken literally`);
    for (const bad of ['after=x', 'after=-1', `q=${'x'.repeat(65)}`])
        assert.equal((await c.sysadmin.req(`/admin/users?${bad}`)).status, 400, bad);

    // Past 200 units: names, not selects.
    html = (await c.sysadmin.req('/admin/users/new')).text;
    assert.ok(!html.includes('<select name="unit">') && html.includes('name="unit" placeholder="单位全称或简称"'));
    assert.ok(Buffer.byteLength(html) < 8000, `the form costs its fields (${Buffer.byteLength(html)} bytes)`);
    const form = (unit) => ({ form: { csrf, login: `pg-new-${unit.length}`, display_name: '新用户', unit } });
    let res = await c.sysadmin.req('/admin/users/new', form('外市单位7'));
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(sql1(db, "SELECT unit_id FROM users WHERE login = 'pg-new-5'"),
        sql1(db, "SELECT id FROM unit WHERE name = '外市单位7'"), 'the unit by its name');
    res = await c.sysadmin.req('/admin/users/new', form('没有这个单位的名字'));
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('所选单位不存在。'));
    assert.equal(sql1(db, "SELECT count(*) FROM users WHERE login = 'pg-new-9'"), '0', 'nothing made');
    const id = sql1(db, "SELECT id FROM users WHERE login = 'pg-user-001'");
    res = await c.sysadmin.req(`/admin/users/${id}`, { form: { csrf, display_name: '分页用户1', unit: '外市单位9' } });
    assert.equal(res.status, 303);
    assert.equal(sql1(db, `SELECT unit_id FROM users WHERE id = ${id}`), sql1(db, "SELECT id FROM unit WHERE name = '外市单位9'"));
    html = (await c.sysadmin.req(`/admin/users/${id}`)).text;
    assert.ok(html.includes('name="unit" placeholder="单位全称或简称" value="外市单位9"'), 'the form shows the unit by name');
    res = await c.sysadmin.req('/admin/units', { form: { csrf, name: '外市单位新', kind: 'other', parent: '外市委员会' } });
    assert.equal(res.status, 303);
    assert.equal(sql1(db, "SELECT parent_id FROM unit WHERE name = '外市单位新'"), String(other));

    // 单位管理: the organisations, then one organisation's tree.
    html = (await c.sysadmin.req('/admin/units')).text;
    const roots = sql(db, 'SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id').map((r) => Number(r[0]));
    assert.deepEqual([...html.matchAll(/href="\/admin\/units\?org=(\d+)"/g)].map((m) => Number(m[1])), roots);
    assert.ok(!html.includes('外市单位7'), 'not every unit');
    html = (await c.sysadmin.req(`/admin/units?org=${other}`)).text;
    assert.equal([...html.matchAll(/class="depth-1"/g)].length, 250, "the organisation's units under it");
    assert.ok(html.includes('外市委员会') && !html.includes('清源区委办公室'), 'that organisation alone');
}

run(main);
