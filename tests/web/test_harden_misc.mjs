// test_harden_misc.mjs (issue 10, item 14): Cache-Control: no-store on every logged-in reply;
// a Host allow-list (serve --hosts); a full disk says 磁盘空间不足 (507) while reads go on.
// The disk-full part needs a small tmpfs (root with mount); without one that part is skipped.
// On SQLite the database file lies on it; on PostgreSQL (tests/pg) a tablespace there holds the
// progress table, so that the server's write that must grow it fails for want of space.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, copyFileSync, existsSync, mkdtempSync, chmodSync, chownSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql, sql1, isPg } from './lib.mjs';

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

    // A full disk: SQLite's file on a small tmpfs, or PostgreSQL's progress table in a tablespace
    // there (a folder the server's user can reach: under the system's tmp, not the build's).
    const mnt = isPg(db) ? mkdtempSync(join(tmpdir(), 'zg-full-')) : join(dir, 'small');
    if (isPg(db))
        chmodSync(mnt, 0o755);
    else
        mkdirSync(mnt);
    try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
        console.log('SKIP disk-full part: cannot mount a tmpfs');
        if (isPg(db))
            rmSync(mnt, { recursive: true, force: true });
        return;
    }
    const unmount = () => {
        try {
            execFileSync('umount', [mnt], { stdio: 'ignore' });
        } catch {
            try { execFileSync('umount', ['-l', mnt], { stdio: 'ignore' }); } catch { /* gone */ }
        }
        if (isPg(db))
            rmSync(mnt, { recursive: true, force: true });
    };
    try {
        if (isPg(db))
            await diskFullPg(mnt, db);
        else
            await diskFull(mnt, db);
    } finally {
        unmount();
    }
});

// A full disk must refuse the write with 507 and keep the reads going: the unit's report on its
// measure, by the form and by the API.
async function refusedWhileFull(server, db, comment, fill) {
    const roles = await setupRoles(server, { unit: 'unit' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const measure = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state IN ('not_started','in_progress')`);
    fill();
    let res = await roles.unit.req(`/measures/${measure}/transition`, { form: { action: 'report', comment } });
    assert.equal(res.status, 507, `write on a full disk: ${res.status}`);
    assert.match(res.text, /磁盘空间不足/);
    res = await roles.unit.req(`/api/v1/measures/${measure}/transitions`, {
        json: { action: 'report', text: comment }, headers: { 'X-CSRF-Token': roles.unit.csrf } });
    assert.equal(res.status, 507);
    assert.equal(JSON.parse(res.text).error.code, 'disk_full');
    // Reads go on.
    assert.equal((await roles.unit.req('/dashboard')).status, 200);
    assert.equal((await roles.unit.req(`/measures/${measure}`)).status, 200);
    return { roles, measure };
}

// Fill the folder's file system with files of 64 KiB until it refuses.
function fillDisk(folder) {
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; ; i++) {
        try { writeFileSync(join(folder, `fill${i}`), chunk); } catch { break; }
    }
}

// PostgreSQL: the progress table (its TOAST table with it) moved to a tablespace on the tmpfs,
// which is then filled. A report's long text, which does not compress (characters drawn by a
// fixed sequence), needs new TOAST pages: the server's file cannot grow. Afterwards, with space
// again, the same report is accepted.
async function diskFullPg(mnt, db) {
    const ts = join(mnt, 'ts');
    mkdirSync(ts);
    if (process.getuid() === 0) {
        // The cluster's server runs as postgres (tests/pg/cluster.sh): the tablespace is its.
        const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
        chownSync(ts, uid, -1);
    }
    chmodSync(ts, 0o700);
    const name = `zg_full_${process.pid}`;
    sql(db, `CREATE TABLESPACE ${name} LOCATION '${ts}'`);
    try {
        sql(db, `ALTER TABLE progress SET TABLESPACE ${name}`);
        let seed = 7;
        let comment = '';
        for (let i = 0; i < 5000; i++) {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            comment += String.fromCodePoint(0x4e00 + (seed >> 8) % 0x5000);
        }
        const server = await startServer(db);
        const { roles, measure } = await refusedWhileFull(server, db, comment, () => fillDisk(mnt));
        for (let i = 0; existsSync(join(mnt, `fill${i}`)); i++)
            rmSync(join(mnt, `fill${i}`));
        const res = await roles.unit.req(`/measures/${measure}/transition`, { form: { action: 'report', comment } });
        assert.ok(res.status === 303 || res.status === 200, `write with space again: ${res.status}`);
        assert.equal(sql1(db, `SELECT count(*) FROM progress WHERE measure_id = ${measure} AND body = '${comment}'`), '1');
        await server.stop();
    } finally {
        sql(db, 'ALTER TABLE progress SET TABLESPACE pg_default');
        sql(db, `DROP TABLESPACE ${name}`);
    }
}

async function diskFull(mnt, db) {
    const small = join(mnt, 'demo.db');
    copyFileSync(db, small);
    if (existsSync(db + '.audit-key'))
        copyFileSync(db + '.audit-key', small + '.audit-key');
    const server = await startServer(small);
    await refusedWhileFull(server, small, '进展'.repeat(3000), () => fillDisk(mnt));
    await server.stop();
}
