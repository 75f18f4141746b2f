// test_evidence_stream.mjs: evidence downloads are streamed from the stored file, never read into
// the server's memory (issue 13). A 45 MB PDF is uploaded through the real server, then downloaded
// as an attachment and previewed inline: the bytes are the same, the name header is RFC 5987's,
// the preview keeps its CSP sandbox, each read is audited, and the server's peak resident memory
// (VmHWM) grows by far less than the file's size over the upload and both reads.

import { randomBytes } from 'node:crypto';
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, filesDir, procKb } from './lib.mjs';
import { sha256 } from './evidence_files.mjs';

const MB = 1024 * 1024;

// The server's peak resident set, in bytes (Linux /proc).
function peak(pid) {
    return procKb(pid, 'VmHWM') * 1024;
}

// GET path as client c and read the body chunk by chunk; returns { res, bytes }.
async function download(server, c, path) {
    const res = await fetch(server.url + path, { headers: { cookie: `zg_sid=${c.cookie}` } });
    const chunks = [];
    for await (const chunk of res.body)
        chunks.push(Buffer.from(chunk));
    return { res, bytes: Buffer.concat(chunks) };
}

async function main() {
    const dir = tempDir('evstream');
    const db = demoDb(dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { unit: 'unit' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    const before = peak(server.proc.pid);

    const big = randomBytes(45 * MB);
    big.write('%PDF-1.4\n');
    const name = '整改佐证 大文件（扫描件）.pdf';
    const form = new FormData();
    form.append('csrf', c.unit.csrf);
    form.append('action', 'progress_draft');
    form.append('comment', '扫描件较大，见附件');
    form.append('percent', '70');
    form.append('files', new Blob([big]), name);
    let res = await c.unit.req(`/measures/${m}/files`, { method: 'POST', body: form });
    assert.equal(res.status, 303, `upload: ${res.status} ${res.text.slice(0, 300)}`);
    const id = sql1(db, `SELECT id FROM evidence WHERE measure_id = ${m} AND file_name = '${name}'`);
    assert.equal(sql1(db, `SELECT size FROM evidence WHERE id = ${id}`), String(big.length));

    // The attachment: same bytes, length, type, the original name (RFC 5987), audited.
    const got = await download(server, c.unit, `/evidence/${id}`);
    assert.equal(got.res.status, 200);
    assert.equal(got.res.headers.get('content-length'), String(big.length));
    assert.equal(got.res.headers.get('content-type'), 'application/pdf');
    assert.equal(got.res.headers.get('content-encoding'), null, 'a file is sent as it is stored');
    assert.equal(got.bytes.length, big.length);
    assert.equal(sha256(got.bytes), sha256(big), 'downloaded bytes differ');
    const cd = got.res.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(cd)[1]), name);
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'unit' AND action = 'evidence.download'
                           AND object = 'evidence:${id}'`), '1', 'download not audited');

    // The inline preview: same bytes, under the sandbox, audited.
    const pre = await download(server, c.unit, `/evidence/${id}/preview`);
    assert.equal(pre.res.status, 200);
    assert.match(pre.res.headers.get('content-disposition'), /^inline; /);
    assert.match(pre.res.headers.get('content-security-policy'), /^sandbox; default-src 'none'/);
    assert.equal(sha256(pre.bytes), sha256(big), 'previewed bytes differ');
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'unit' AND action = 'evidence.preview'
                           AND object = 'evidence:${id}'`), '1', 'preview not audited');

    // Neither the upload nor the two reads held the file in memory.
    const grown = peak(server.proc.pid) - before;
    assert.ok(grown < 20 * MB, `the server's peak memory grew by ${(grown / MB).toFixed(1)} MB`);

    // A stored file gone from the disk: a 404, not an empty 200.
    const sha = sql1(db, `SELECT sha256 FROM evidence WHERE id = ${id}`);
    const { renameSync } = await import('node:fs');
    const path = `${filesDir(db)}/evidence/${sha.slice(0, 2)}/${sha}`;
    renameSync(path, `${path}.away`);
    res = await c.unit.req(`/evidence/${id}`);
    assert.equal(res.status, 404);
    renameSync(`${path}.away`, path);
}

run(main);
