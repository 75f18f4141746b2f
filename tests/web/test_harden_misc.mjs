// test_harden_misc.mjs (issue 10, item 14): Cache-Control: no-store on every logged-in reply;
// a Host allow-list (serve --hosts); a full disk says 磁盘空间不足 (507) while reads go on.
// The disk-full part needs a small tmpfs (root with mount); without one that part is skipped.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, isPg } from './lib.mjs';

function getWithHost(url, host) {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/login', headers: { Host: host }, agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
        }).on('error', reject);
    });
}

run(async () => {
    const dir = tempDir('harden-misc');
    const db = demoDb(dir);
    let server = await startServer(db, '--hosts', '127.0.0.1,zhenggai.example,localhost');
    const { office } = await setupRoles(server, { office: 'office' });
    // no-store on logged-in replies, cacheable ones (with an ETag) included.
    for (const path of ['/dashboard', '/api/v1/inspections', '/measures']) {
        const res = await office.req(path);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('cache-control') || '', /no-store/, path);
    }
    // Host allow-list.
    const { port } = new URL(server.url);
    assert.equal(await getWithHost(server.url, `localhost:${port}`), 200);
    assert.equal(await getWithHost(server.url, 'zhenggai.example'), 200);
    assert.equal(await getWithHost(server.url, 'evil.example'), 400);
    await server.stop();

    // A full disk: SQLite's file on a small tmpfs. PostgreSQL's files are its server's, on a disk
    // this test does not own: that part runs on SQLite only.
    if (isPg(db)) {
        console.log('SKIP disk-full part: the database is PostgreSQL (its disk is the server\'s)');
        return;
    }
    const mnt = join(dir, 'small');
    mkdirSync(mnt);
    try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
        console.log('SKIP disk-full part: cannot mount a tmpfs');
        return;
    }
    const unmount = () => { try { execFileSync('umount', [mnt], { stdio: 'ignore' }); } catch { /* gone */ } };
    try {
        await diskFull(mnt, db);
    } finally {
        unmount();
    }
});

async function diskFull(mnt, db) {
    const small = join(mnt, 'demo.db');
    copyFileSync(db, small);
    if (existsSync(db + '.audit-key'))
        copyFileSync(db + '.audit-key', small + '.audit-key');
    const server = await startServer(small);
    const roles = await setupRoles(server, { unit: 'unit' });
    const unitId = sql1(small, "SELECT unit_id FROM users WHERE login = 'unit'");
    const measure = sql1(small, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state IN ('not_started','in_progress')`);
    // Fill the disk.
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; ; i++) {
        try { writeFileSync(join(mnt, `fill${i}`), chunk); } catch { break; }
    }
    let res = await roles.unit.req(`/measures/${measure}/transition`, { form: { action: 'report', comment: '进展'.repeat(3000) } });
    assert.equal(res.status, 507, `write on a full disk: ${res.status}`);
    assert.match(res.text, /磁盘空间不足/);
    res = await roles.unit.req(`/api/v1/measures/${measure}/transitions`, {
        json: { action: 'report', text: '进展'.repeat(3000) }, headers: { 'X-CSRF-Token': roles.unit.csrf } });
    assert.equal(res.status, 507);
    assert.equal(JSON.parse(res.text).error.code, 'disk_full');
    // Reads go on.
    assert.equal((await roles.unit.req('/dashboard')).status, 200);
    assert.equal((await roles.unit.req(`/measures/${measure}`)).status, 200);
    await server.stop();
}
