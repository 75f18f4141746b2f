// test_crypto_sm.mjs (issue 10, 密评 option GB/T 39786): a database made with `--crypto sm`.
//   - the key file (mode 0600) names the suite and holds the data key; the database records the
//     suite; the audit chain is HMAC-SM3 (recomputed here independently with Node's SM3) and
//     verifies; an edited entry, a password hash changed outside the application, a key file
//     without its suite and a removed suite row are each detected;
//   - an evidence file uploaded through the server is stored sealed (the bytes on disk are not
//     the plaintext and do not contain it), named by the SM3 of the plaintext, and downloads
//     intact; a changed stored file is refused, never served;
//   - a clue subject's name entered through the API reads back intact but appears in neither the
//     database file nor its WAL.
// The default suite: the same upload is stored as its plain bytes named by SHA-256 (the other
// evidence tests run the default suite throughout).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync, statSync, existsSync, chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { assert, run, tempDir, startServer, setupRoles, Client, sql, sql1, cli, TODAY, BIN,
    newDb, localPath, filesDir, isPg } from './lib.mjs';

const PLAIN = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% 整改佐证材料：这段文字不应以明文出现在磁盘上。\n%%EOF\n');
const NAME = '赵某某甲乙';

function verifyFails(db, pattern) {
    let out = '';
    try {
        execFileSync(BIN, ['--db', db, 'audit', 'verify'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
        out = String(e.stderr);
    }
    assert.match(out, pattern);
}

async function upload(client, measure) {
    const form = new FormData();
    form.append('csrf', client.csrf);
    form.append('action', 'progress_draft');
    form.append('comment', '佐证材料');
    form.append('percent', '50');
    form.append('files', new Blob([PLAIN]), '佐证.pdf');
    const res = await client.req(`/measures/${measure}/files`, { method: 'POST', body: form });
    assert.equal(res.status, 303, `upload: ${res.status} ${res.text.slice(0, 300)}`);
    return sql1(client.db, 'SELECT max(id) FROM evidence');
}

async function suite(name) {
    const dir = tempDir(`crypto-${name}`);
    const db = newDb(dir);
    cli(db, 'demo', '--scale', 'county', '--today', TODAY, '--crypto', name);
    const server = await startServer(db);
    const roles = await setupRoles(server, { unit: 'unit', discipline: 'discipline' });
    roles.unit.db = db;
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const measure = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    const id = await upload(roles.unit, measure);
    const sha = sql1(db, `SELECT sha256 FROM evidence WHERE id = ${id}`);
    const stored = readFileSync(`${filesDir(db)}/evidence/${sha.slice(0, 2)}/${sha}`);
    const down = await fetch(`${server.url}/evidence/${id}`, { headers: { cookie: `zg_sid=${roles.unit.cookie}` } });
    assert.equal(down.status, 200);
    assert.ok(Buffer.from(await down.arrayBuffer()).equals(PLAIN), 'the download is the uploaded file');
    return { dir, db, server, roles, id, sha, stored, measure };
}

run(async () => {
    // The default suite: plain bytes under their SHA-256.
    const d = await suite('default');
    assert.equal(d.sha, createHash('sha256').update(PLAIN).digest('hex'));
    assert.ok(d.stored.equals(PLAIN), 'default: stored as uploaded');
    assert.ok(!readFileSync(`${localPath(d.db)}.audit-key`, 'utf8').includes('suite'));
    await d.server.stop();

    const s = await suite('sm');
    const { db, server } = s;
    // Evidence at rest: sealed, named by SM3, no plaintext on disk.
    assert.equal(s.sha, createHash('sm3').update(PLAIN).digest('hex'), 'named by SM3');
    assert.ok(!s.stored.equals(PLAIN) && s.stored.subarray(0, 4).toString() === 'ZGE1', 'sealed');
    assert.ok(!s.stored.includes(PLAIN.subarray(9, 40)) && !s.stored.includes(Buffer.from('整改佐证材料')),
        'plaintext on disk');
    // A demo sample downloads as a PDF (sealed by demo --crypto sm).
    const sample = sql1(db, `SELECT min(id) FROM evidence WHERE id <> ${s.id} AND measure_id IN
        (SELECT id FROM measure WHERE lead_unit_id = (SELECT unit_id FROM users WHERE login = 'unit'))`);
    const res = await s.roles.unit.req(`/evidence/${sample}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /^%PDF-/);

    // A changed stored file is refused, not served.
    const path = `${filesDir(db)}/evidence/${s.sha.slice(0, 2)}/${s.sha}`;
    const bad = Buffer.from(s.stored);
    bad[bad.length - 40] ^= 1;
    writeFileSync(path, bad);
    const tampered = await s.roles.unit.req(`/evidence/${s.id}`);
    assert.equal(tampered.status, 500);
    assert.ok(!tampered.text.includes('%PDF'), 'a changed file was served');
    writeFileSync(path, s.stored);

    // A clue subject's name: intact through the API, absent from the database file and WAL.
    const insp = sql1(db, 'SELECT min(id) FROM inspection');
    const created = await s.roles.discipline.req('/api/v1/clues', { json: {
        inspection: Number(insp), kind: 'clue', received_on: '2026-05-01', subject_name: NAME, state: 'open' },
        headers: { 'X-CSRF-Token': s.roles.discipline.csrf } });
    assert.equal(created.status, 201, created.text);
    const clue = Client.json(created).id ?? Client.json(created).clue?.id;
    const back = Client.json(await s.roles.discipline.req(`/api/v1/clues/${clue}`));
    assert.equal(back.subject_name ?? back.clue?.subject_name, NAME);
    assert.match(sql1(db, `SELECT subject_name FROM clue WHERE id = ${clue}`), /^sm4:/);
    await server.stop();
    const needle = Buffer.from(NAME);
    // SQLite's own files (PostgreSQL's are the server's, out of a client's reach: the query above
    // shows the stored column).
    for (const f of isPg(db) ? [] : [db, `${db}-wal`])
        if (existsSync(f))
            assert.ok(!readFileSync(f).includes(needle), `the name is readable in ${f}`);

    // The key file and the recorded suite.
    const keyFile = `${localPath(db)}.audit-key`;
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const keyText = readFileSync(keyFile, 'utf8');
    assert.match(keyText, /^[0-9a-f]{64}\nfrom 1\nsuite sm\ndata-key [0-9a-f]{64}\n$/);
    assert.equal(sql1(db, "SELECT value FROM setting WHERE key = 'crypto'"), 'sm');

    // The chain is HMAC-SM3: entry 1 recomputed from its fields with Node's SM3.
    assert.match(cli(db, 'audit', 'verify'), /intact/);
    const [seq, at, actor, action, object, detail, prev, hash, digest] = sql(db,
        "SELECT seq, at, actor, action, object, detail, prev_hash, hash, coalesce(digest, '') FROM audit WHERE seq = 1")[0];
    const field = (v) => `${Buffer.byteLength(v)}:${v};`;
    const msg = `${seq};` + [prev, at, actor, action, object, detail, digest].map(field).join('');
    const key = Buffer.from(keyText.slice(0, 64), 'hex');
    assert.equal(hash, createHmac('sm3', key).update(msg).digest('hex'), 'entry 1 is HMAC-SM3');

    // Tampering, each detected.
    // (unit's password change through the web left an entry with its digest)
    const hashBefore = sql1(db, "SELECT password_hash FROM users WHERE login = 'unit'");
    sql(db, "UPDATE users SET password_hash = 'x' WHERE login = 'unit'");
    verifyFails(db, /user:\d+ was changed outside the application/);
    sql(db, `UPDATE users SET password_hash = '${hashBefore}' WHERE login = 'unit'`);
    assert.match(cli(db, 'audit', 'verify'), /intact/);
    sql(db, `DROP TRIGGER audit_no_update${isPg(db) ? ' ON audit' : ''}; UPDATE audit SET detail = 'edited' WHERE seq = 1;`);
    verifyFails(db, /broken at entry 1|triggers are missing/);
    // The suite cannot silently change: a key file without it, or a database without its row.
    writeFileSync(keyFile, keyText.split('\n').slice(0, 2).join('\n') + '\n');
    chmodSync(keyFile, 0o600);
    verifyFails(db, /says crypto suite 'default' but the database records 'sm'/);
    writeFileSync(keyFile, keyText);
    chmodSync(keyFile, 0o600);
    sql(db, "DELETE FROM setting WHERE key = 'crypto'");
    verifyFails(db, /says crypto suite 'sm' but the database records 'default'/);
    let refused = '';
    try {
        execFileSync(BIN, ['--db', db, 'init', '--crypto', 'default'], { stdio: 'pipe' });
    } catch (e) {
        refused = String(e.stderr);
    }
    assert.match(refused, /crypto suite|records/);
});
