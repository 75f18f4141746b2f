// lib.mjs: what every web integration test shares. A test makes its own county demo database
// in a temporary folder, starts `zhenggai serve` on a free loopback port, and talks to it with
// Node's fetch through Client, which keeps one session's cookie and CSRF token like a browser.
// Tests are plain scripts: `node test_x.mjs /path/to/zhenggai`; a failed check throws, which
// exits non-zero, and the server is always stopped (its exit status checked too, so a leak or
// crash that ASan reports at exit fails the test).

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import assert from 'node:assert/strict';

export { assert };

export const DEMO_PASSWORD = 'Zhenggai@2026';
export const NEW_PASSWORD = 'Zhenggai@2026-new';
export const TODAY = '2026-11-21';

// One demo account per role (SPEC §5); the county demo creates all of them.
export const ROLE_LOGINS = {
    office: 'office', leader: 'leader', unit: 'unit', discipline: 'discipline',
    observer: 'observer', sysadmin: 'sysadmin', secadmin: 'secadmin', auditor: 'auditor',
};
export const LEDGER_ROLES = ['office', 'leader', 'unit', 'discipline', 'observer'];

export const BIN = process.argv[2];
if (!BIN) {
    console.error('usage: node TEST.mjs /path/to/zhenggai');
    process.exit(2);
}

// A temporary folder for this test, removed at exit unless ZG_KEEP is set.
export function tempDir(name) {
    const dir = mkdtempSync(join(process.env.ZG_TMP || tmpdir(), `zg-${name}-`));
    process.on('exit', () => { if (!process.env.ZG_KEEP) rmSync(dir, { recursive: true, force: true }); });
    return dir;
}

// Run the CLI on db; returns stdout. Throws (with stderr) on a non-zero exit.
export function cli(db, ...args) {
    return execFileSync(BIN, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// PostgreSQL mode (tests/pg registers the web tests again with ZG_WEB_PG_URI, the throwaway
// cluster's URI): demoDb makes a database there instead of a file, sql asks psql.
export const PG_URI = process.env.ZG_WEB_PG_URI || '';
if (PG_URI && !existsSync('/usr/lib/postgresql/15/bin/postgres')) {
    console.log('SKIP: no PostgreSQL server installed');
    process.exit(77);
}

// True when db is a PostgreSQL URI; pick(db, a, b) is a on SQLite, b on PostgreSQL (a test's SQL
// where the dialects differ, as DB_PICK in the stores).
export function isPg(db) {
    return /^postgres(ql)?:\/\//.test(db);
}
export function pick(db, sqlite, pg) {
    return isPg(db) ? pg : sqlite;
}

// Run SQL with the sqlite3 CLI (an independent reader), or psql on PostgreSQL; returns rows as
// arrays of strings.
export function sql(db, query) {
    const out = isPg(db)
        ? execFileSync('psql', [db, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query],
            { encoding: 'utf8' })
        : execFileSync('sqlite3', ['-bail', '-separator', '\t', db, query], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

// A fresh PostgreSQL database named after dir (and suffix), its files (audit key, evidence) under dir.
function pgDb(dir, suffix = '') {
    const name = 'zg_' + (basename(dir) + suffix).toLowerCase().replace(/[^a-z0-9_]/g, '_');
    execFileSync('psql', [PG_URI, '-X', '-q', '-v', 'ON_ERROR_STOP=1',
        '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, '-c', `CREATE DATABASE ${name}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    // One files folder per test process (the server inherits it), whichever database it names:
    // the first database's dir. Each database's files are FOLDER/NAME inside it.
    process.env.ZHENGGAI_FILES ||= join(dir, 'pgfiles');
    return PG_URI.replace(/\/[^/?]*\?/, `/${name}?`);
}

// The local path the database's own files are named after (the product's db_local_path): the
// file itself on SQLite; $ZHENGGAI_FILES/NAME on PostgreSQL. Evidence lives in `${localPath}-files`,
// the audit key in `${localPath}.audit-key`.
export function localPath(db) {
    if (!isPg(db))
        return db;
    const m = /^[^:]+:\/\/[^/]*\/([^?]*)/.exec(db);
    const name = (m && m[1] ? m[1] : 'zhenggai').replace(/[^A-Za-z0-9_-]/g, '_');
    return join(process.env.ZHENGGAI_FILES || '.', name);
}

// The folder of the database's stored files (evidence, imports).
export function filesDir(db) {
    return `${localPath(db)}-files`;
}

// One value of a one-row, one-column query.
export function sql1(db, query) {
    const rows = sql(db, query);
    assert.ok(rows.length >= 1, `no row from: ${query}`);
    return rows[0][0];
}

// A fresh, empty database for dir: dir/NAME.db, or a new database on the cluster.
export function newDb(dir, name = 'demo') {
    return PG_URI ? pgDb(dir, name === 'demo' ? '' : `_${name}`) : join(dir, `${name}.db`);
}

// A fresh county demo database in dir.
export function demoDb(dir) {
    const db = newDb(dir);
    cli(db, 'demo', '--scale', 'county', '--today', TODAY);
    return db;
}

// Each measure of inspection insp once more (the same finding, ordinal + 1000, title （续）), the
// copies' lead unit leadUnit (an SQL expression: the original's by default), without leaders
// or co-units. Before the server starts: its caches follow the audit trail, which SQL bypasses.
export function doubleMeasures(db, insp, leadUnit = 'lead_unit_id') {
    sql(db, `INSERT INTO measure(inspection_id, finding_id, ordinal, label, title, body, kind, target,
             deadline, long_term, lead_unit_id, state, percent, return_count, onsite_required,
             created_at, updated_at)
             SELECT inspection_id, finding_id, ordinal + 1000, label, title || '（续）', body, kind,
             target, deadline, long_term, ${leadUnit}, state, percent, return_count, onsite_required,
             created_at, updated_at FROM measure WHERE inspection_id = ${insp}`);
}

// The route table: [{method, pattern, flags: [...], roles: [...], any_role}].
export function routes() {
    return execFileSync(BIN, ['debug-routes'], { encoding: 'utf8' })
        .split('\n').filter((l) => l).map((l) => JSON.parse(l));
}

// A size of process pid as its /proc/PID/status gives it (VmRSS, VmHWM …), in kB.
export function procKb(pid, field) {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    assert.ok(m, `no ${field} in /proc`);
    return Number(m[1]);
}

export const MISSING = 999999999;

// The object each kind of :id stands for, chosen so that every admitted role may see it.
export function objectIds(db) {
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    return {
        measures: sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId}`),
        inspections: sql1(db, 'SELECT min(id) FROM inspection'),
        units: unitId,
        findings: sql1(db, 'SELECT min(id) FROM finding'),
        users: sql1(db, "SELECT id FROM users WHERE login = 'unit01'"),
        persons: sql1(db, 'SELECT min(id) FROM person'),
        leaders: sql1(db, 'SELECT min(id) FROM person'),
        evidence: sql1(db, `SELECT min(e.id) FROM evidence e JOIN measure m ON m.id = e.measure_id
                            WHERE m.lead_unit_id = ${unitId}`),
        clues: sql1(db, `SELECT coalesce(min(id), ${MISSING}) FROM clue`),
        // Published reports: a test that wants one publishes it first (report publish).
        reports: sql1(db, `SELECT coalesce(min(id), ${MISSING}) FROM publication`),
    };
}

// The concrete path of a route: ":id" by the object of the segment before it, ":name" by a
// real asset name for /assets/, else a plain word.
export function concretePath(pattern, ids, write) {
    const parts = pattern.split('/');
    return parts.map((p, i) => {
        if (p === ':id')
            return String(write ? MISSING : (ids[parts[i - 1]] ?? 1));
        if (p.startsWith(':'))
            return parts[i - 1] === 'assets' ? 'app.css' : 'x';
        return p;
    }).join('/');
}

// The query string that gives the named parameters (an API error's "fields") the ids of the
// objects above ("inspection" → ids.inspections …); null when one has no object.
export function withFields(fields, ids) {
    if (!fields || !fields.length)
        return null;
    const parts = [];
    for (const f of fields) {
        const id = ids[f + 's'];
        if (!id)
            return null;
        parts.push(`${f}=${id}`);
    }
    return '?' + parts.join('&');
}

// A running server; stop() ends it with SIGTERM and checks it exits cleanly.
export class Server {
    constructor(proc, url) {
        this.proc = proc;
        this.url = url;
        this.stderr = '';
        proc.stderr.on('data', (d) => { this.stderr += d; });
    }

    async stop() {
        if (this.stopped)
            return;
        this.stopped = true;
        if (this.proc.exitCode !== null)
            throw new Error(`server died early (${this.proc.exitCode}): ${this.stderr}`);
        const done = new Promise((resolve) => this.proc.on('exit', (code, sig) => resolve({ code, sig })));
        this.proc.kill('SIGTERM');
        const { code, sig } = await done;
        assert.equal(code, 0, `server exit ${code} ${sig}:\n${this.stderr.slice(-4000)}`);
    }
}

const servers = [];

// Start `serve` on db with extra options; resolves once it prints where it listens.
export function startServer(db, ...opts) {
    // opts may name another --today (a test of a later day).
    // '--log' (this helper's own option) keeps the access log on stderr (server.stderr).
    const today = opts.includes('--today') ? [] : ['--today', TODAY];
    const quiet = opts.includes('--log') ? [] : ['--quiet'];
    opts = opts.filter((o) => o !== '--log');
    const args = ['--db', db, 'serve', '--listen', '127.0.0.1:0', ...today, ...quiet, ...opts];
    const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
        let out = '', err = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60000);
        proc.stderr.on('data', (d) => { err += d; });
        proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
        proc.stdout.on('data', (d) => {
            out += d;
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
            if (m) {
                clearTimeout(timer);
                const s = new Server(proc, m[1]);
                s.stderr = err;
                servers.push(s);
                resolve(s);
            }
        });
    });
}

// A browser-like client: one cookie jar (the session), the CSRF token once known.
export class Client {
    constructor(server) {
        this.base = server.url;
        this.cookie = null;
        this.csrf = null;
        this.login = null;
        this.headers = {}; // sent with every request (Authorization for an API token)
    }

    // fetch path with the session cookie; never follows redirects. opts: method, form (object:
    // urlencoded body, csrf added unless form.csrf is null), json (object), headers.
    async req(path, opts = {}) {
        const headers = { ...this.headers, ...(opts.headers || {}) };
        if (this.cookie)
            headers.cookie = `zg_sid=${this.cookie}`;
        let body;
        if (opts.form) {
            const form = { ...opts.form };
            if (!('csrf' in form) && this.csrf)
                form.csrf = this.csrf;
            if (form.csrf === null)
                delete form.csrf;
            headers['content-type'] = 'application/x-www-form-urlencoded';
            body = new URLSearchParams(form).toString();
        } else if (opts.json !== undefined) {
            headers['content-type'] = 'application/json';
            body = JSON.stringify(opts.json);
        } else if (opts.body !== undefined) {
            body = opts.body;
        }
        const res = await fetch(this.base + path, {
            method: opts.method || (body !== undefined ? 'POST' : 'GET'),
            headers, body, redirect: 'manual',
        });
        for (const c of res.headers.getSetCookie()) {
            const m = /^zg_sid=([^;]*)/.exec(c);
            if (m)
                this.cookie = m[1] || null;
        }
        const text = await res.text();
        return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
    }

    // Parse a JSON reply (asserting the content type).
    static json(res) {
        assert.match(res.headers.get('content-type') || '', /^application\/json/, `not JSON: ${res.text.slice(0, 200)}`);
        return JSON.parse(res.text);
    }

    // Log in through the API (sets the cookie and the CSRF token); returns the reply.
    async apiLogin(login, password) {
        const res = await this.req('/api/v1/session', { method: 'POST', json: { login, password } });
        if (res.status === 201) {
            this.csrf = Client.json(res).csrf;
            this.login = login;
        }
        return res;
    }

    // Log in through the form, as a browser does; returns the reply (303 on success).
    async formLogin(login, password) {
        const res = await this.req('/login', { form: { login, password, next: '/', csrf: null } });
        if (res.status === 303) {
            await this.refreshCsrf();
            this.login = login;
        }
        return res;
    }

    // Read the session's CSRF token from the API.
    async refreshCsrf() {
        const res = await this.req('/api/v1/session');
        assert.equal(res.status, 200, `session lost: ${res.status}`);
        this.csrf = Client.json(res).csrf;
    }

    // Change the password through the account form (the first-login flow of a browser).
    async changePassword(old, neu) {
        const res = await this.req('/account/password', { form: { old, new: neu, again: neu } });
        assert.equal(res.status, 303, `password change: ${res.status} ${res.text.slice(0, 300)}`);
        await this.refreshCsrf(); // the change starts a new session
        return res;
    }
}

// A logged-in client for a demo account whose first password is already changed.
export async function loggedIn(server, login, password = NEW_PASSWORD) {
    const c = new Client(server);
    const res = await c.apiLogin(login, password);
    assert.equal(res.status, 201, `login ${login}: ${res.status} ${res.text}`);
    return c;
}

// Log every demo account of ROLE_LOGINS in and change its first password: {role: Client}.
export async function setupRoles(server, logins = ROLE_LOGINS) {
    const out = {};
    for (const [role, login] of Object.entries(logins)) {
        const c = new Client(server);
        const res = await c.apiLogin(login, DEMO_PASSWORD);
        assert.equal(res.status, 201, `login ${login}: ${res.status} ${res.text}`);
        assert.equal(Client.json(res).user.must_change_password, true, `${login} must change its password`);
        await c.changePassword(DEMO_PASSWORD, NEW_PASSWORD);
        out[role] = c;
    }
    return out;
}

// Run main(); stop every server started; exit 1 with the error on failure.
export function run(main) {
    main().then(async () => {
        for (const s of servers)
            await s.stop();
        console.log('ok');
    }).catch(async (e) => {
        console.error(e);
        for (const s of servers) {
            try { await s.stop(); } catch (e2) { console.error(e2.message); }
        }
        process.exit(1);
    });
}
