// bench/evidence.mjs: evidence upload throughput (MB/s and files/s with 4 concurrent clients,
// 1 MB files, each distinct) and progress submissions/s through the API (write + submit of a
// lead unit's report, 4 and 16 writers), on a county demo database, loopback. Each figure is
// the median of three runs of SECONDS seconds (default 5), with the range.
// Usage: node bench/evidence.mjs build/zhenggai
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.argv[2];
const SECONDS = Number(process.env.SECONDS_PER_RUN || 5);
const dir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'zg-bench-evidence-'));
const db = join(dir, 'demo.db');
execFileSync(BIN, ['--db', db, 'demo', '--scale', 'county', '--today', '2026-11-21'], { stdio: 'ignore' });
execFileSync('sqlite3', [db, "UPDATE users SET must_change_password = 0"]);

const proc = spawn(BIN, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--today', '2026-11-21', '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
    let out = '';
    proc.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/[^/]+)\//.exec(out);
        if (m) resolve(m[1]);
    });
});

async function login(name) {
    const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: name, password: 'Zhenggai@2026' }) });
    const cookie = /zg_sid=([^;]*)/.exec(res.headers.get('set-cookie'))[1];
    return { cookie, csrf: (await res.json()).csrf };
}

const unit = await login('unit');
const unitId = execFileSync('sqlite3', [db, "SELECT unit_id FROM users WHERE login = 'unit'"], { encoding: 'utf8' }).trim();
const measures = execFileSync('sqlite3', [db, `SELECT id FROM measure WHERE lead_unit_id = ${unitId}
    AND state IN ('not_started','in_progress','returned','relapsed','phase_complete')`], { encoding: 'utf8' })
    .trim().split('\n').map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

let seq = 0;
// One run: `clients` loops doing fn() for SECONDS; returns {ops, bytes, lat: [ms]}.
async function runFor(clients, fn) {
    const end = Date.now() + SECONDS * 1000;
    let ops = 0, bytes = 0;
    const lat = [];
    await Promise.all(Array.from({ length: clients }, async () => {
        while (Date.now() < end) {
            const t0 = performance.now();
            const b = await fn(); /* not `bytes += await fn()`: that reads bytes before waiting */
            bytes += b;
            lat.push(performance.now() - t0);
            ops++;
        }
    }));
    return { ops: ops / SECONDS, mb: bytes / SECONDS / 1048576, p99: pct(lat, 0.99), p50: pct(lat, 0.5) };
}

// A draft to hang files on.
const draft = await (await fetch(`${url}/api/v1/measures/${measures[0]}/progress`, { method: 'POST',
    headers: { cookie: `zg_sid=${unit.cookie}`, 'x-csrf-token': unit.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ text: '基准测试', percent: 10 }) })).json();
const MB = Buffer.alloc(1048576, 7);
async function uploadOne() {
    const body = Buffer.from(MB);
    body.write('%PDF-1.4\n', 0);
    body.writeUInt32BE(++seq, 16); /* distinct content: each file is stored */
    const form = new FormData();
    form.append('files', new Blob([body]), `材料-${seq}.pdf`);
    const res = await fetch(`${url}/api/v1/progress/${draft.id}/evidence`, { method: 'POST', body: form,
        headers: { cookie: `zg_sid=${unit.cookie}`, 'x-csrf-token': unit.csrf } });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`upload ${res.status}`);
    return body.length;
}
async function submitOne() {
    const m = measures[seq++ % measures.length];
    const res = await fetch(`${url}/api/v1/measures/${m}/progress`, { method: 'POST',
        headers: { cookie: `zg_sid=${unit.cookie}`, 'x-csrf-token': unit.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '本周完成排查整改，形成台账。', percent: 50, submit: true }) });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`submit ${res.status}`);
    return 0;
}

function report(name, runs, key, unitName) {
    const xs = runs.map((r) => r[key]);
    console.log(`${name}: ${median(xs).toFixed(1)} ${unitName} (range ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}),` +
                ` p50 ${median(runs.map((r) => r.p50)).toFixed(1)} ms, p99 ${median(runs.map((r) => r.p99)).toFixed(1)} ms`);
}

const up = [];
for (let i = 0; i < 3; i++) up.push(await runFor(4, uploadOne));
report('upload 1 MB files, 4 clients', up, 'mb', 'MB/s');
report('upload 1 MB files, 4 clients', up, 'ops', 'files/s');
for (const writers of [4, 16]) {
    const sub = [];
    for (let i = 0; i < 3; i++) sub.push(await runFor(writers, submitOne));
    report(`progress submissions (write + submit), ${writers} writers`, sub, 'ops', '/s');
}
proc.kill('SIGTERM');
await new Promise((r) => proc.on('exit', r));
rmSync(dir, { recursive: true, force: true });
