// test_evidence_kill.mjs (issue 13): kill -9 in the middle of uploads. Each round starts the
// server, sends several uploads at once and kills the server with SIGKILL after a random few
// milliseconds; the next start must leave no evidence row without its file and no stored file
// without its row (serve sweeps what a crash left between a file's rename and its row's
// commit). ZG_KILLS rounds (5 in make check; bench/evidence_kill.sh runs 50 and more).
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, setupRoles, loggedIn, sql, sql1, filesDir } from './lib.mjs';
import { makePng, sha256 } from './evidence_files.mjs';

const KILLS = Number(process.env.ZG_KILLS || 5);

function storedFiles(db) {
    const top = `${filesDir(db)}/evidence`;
    return existsSync(top) ? readdirSync(top).flatMap((d) => readdirSync(join(top, d))) : [];
}

function checkConsistent(db, round) {
    const shas = new Set(sql(db, 'SELECT DISTINCT sha256 FROM evidence').map((r) => r[0]));
    const files = storedFiles(db);
    for (const f of files)
        assert.ok(shas.has(f), `round ${round}: file ${f} without a row`);
    for (const s of shas)
        assert.ok(existsSync(`${filesDir(db)}/evidence/${s.slice(0, 2)}/${s}`), `round ${round}: row ${s} without its file`);
    return files.length;
}

async function upload(server, client, measure, i) {
    const form = new FormData();
    form.append('csrf', client.csrf);
    form.append('action', 'progress_draft');
    form.append('comment', `第${i}次上传`);
    form.append('percent', '50');
    // A distinct PNG of 0.2 to 3 MB (padding after IEND keeps it a PNG by content).
    const png = makePng(32, 32, i);
    const pad = Buffer.alloc(200000 + Math.floor(Math.random() * 2800000), i & 255);
    form.append('files', new Blob([png, pad]), `现场照片-${i}.png`);
    try {
        const res = await fetch(`${server.url}/measures/${measure}/files`, {
            method: 'POST', body: form, headers: { cookie: `zg_sid=${client.cookie}` }, redirect: 'manual' });
        await res.arrayBuffer();
        return res.status;
    } catch {
        return 0; /* cut off by the kill */
    }
}

async function main() {
    const dir = tempDir('evkill');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    let server = await startServer(db);
    await setupRoles(server, { unit: 'unit' });
    let stored = 0, rows0 = Number(sql1(db, 'SELECT count(*) FROM evidence'));
    let n = 0, acked = 0, cut = 0;
    for (let round = 1; round <= KILLS; round++) {
        const client = await loggedIn(server, 'unit');
        const inflight = [];
        for (let k = 0; k < 6; k++)
            inflight.push(upload(server, client, m, ++n));
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 300));
        server.stopped = true; /* killed on purpose: not a clean stop */
        const exited = new Promise((r) => server.proc.on('exit', r));
        server.proc.kill('SIGKILL');
        await exited;
        for (const status of await Promise.all(inflight)) {
            if (status === 303)
                acked++;
            else
                cut++;
        }
        server = await startServer(db);
        stored = checkConsistent(db, round);
    }
    const rows = Number(sql1(db, 'SELECT count(*) FROM evidence')) - rows0;
    console.log(`${KILLS} kills: ${acked} uploads acknowledged, ${cut} cut off; ${rows} rows written, ` +
                `${stored} files stored, all consistent`);
    // Every acknowledged upload survived the kill that followed it.
    assert.ok(rows >= acked, `${acked} acknowledged but only ${rows} rows`);
    await server.stop();
    // Each kept file holds the bytes its name says.
    for (const [sha] of sql(db, `SELECT sha256 FROM evidence WHERE id > ${rows0} LIMIT 3`))
        assert.equal(sha256(readFileSync(`${filesDir(db)}/evidence/${sha.slice(0, 2)}/${sha}`)), sha);
}

run(main);
