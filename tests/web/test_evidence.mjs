// test_evidence.mjs (issue 13): evidence files through a real server. A unit reports progress
// with a PDF (LibreOffice), a PNG and a DOCX (the report writer) in one multipart form; files are
// stored by SHA-256 under the data folder, once each; an ELF renamed .pdf and an HTML page
// renamed .jpg are refused with 415 and a Chinese reason, a 51 MB file with 413, and nothing of
// them is stored; the download gives the same bytes under the original Chinese name (RFC 5987)
// and leaves an audit row; another unit cannot read the file through any route; a submitted
// report's files cannot change, a mistaken one is withdrawn with a reason.
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { assert, run, tempDir, demoDb, startServer, setupRoles, sql, sql1, BIN, DEMO_PASSWORD, filesDir } from './lib.mjs';
import { sha256, makePng, makePdf, makeDocx, makeElf, HTML_PAGE } from './evidence_files.mjs';

// Every stored evidence file under the data folder: [sha].
function storedFiles(db) {
    const top = `${filesDir(db)}/evidence`;
    if (!existsSync(top))
        return [];
    return readdirSync(top).flatMap((d) => readdirSync(join(top, d)));
}

// POST the measure's files form (multipart) with fields and files [{name, data}].
async function postFiles(client, measure, fields, files) {
    const form = new FormData();
    form.append('csrf', client.csrf);
    for (const [k, v] of Object.entries(fields))
        form.append(k, String(v));
    for (const f of files)
        form.append('files', new Blob([f.data]), f.name);
    return client.req(`/measures/${measure}/files`, { method: 'POST', body: form });
}

const count = (db, q) => Number(sql1(db, q));

async function main() {
    const dir = tempDir('evidence');
    const db = demoDb(dir);
    execFileSync(BIN, ['--db', db, 'user', 'add', 'caizheng2', '--name', '区财政局 李四', '--unit', '清源区财政局',
        '--role', 'unit', '--password-stdin'], { input: DEMO_PASSWORD + '\n' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'
                        AND long_term = 0 AND onsite_required = 0 AND kind <> 'long_term'`);
    const pdf = makePdf(dir);
    if (!pdf) {
        console.log('SKIP: LibreOffice (soffice) is not installed, no PDF to upload');
        process.exit(77);
    }
    const png = makePng(64, 48, 1);
    const docx = makeDocx(BIN, db, dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit', lead2: 'caizheng2', other: 'unit01' });

    const progressBefore = count(db, 'SELECT count(*) FROM progress');
    const evidenceBefore = count(db, 'SELECT count(*) FROM evidence');
    const filesBefore = storedFiles(db).length;

    // Refused by content, whatever the name says: nothing stored, not even the report.
    for (const [name, data] of [['整改报告.pdf', makeElf(BIN)], ['现场照片.jpg', HTML_PAGE]]) {
        const res = await postFiles(c.unit, m, { action: 'progress_draft', comment: '已完成排查', percent: 60, submit: 1 },
            [{ name: '正常.png', data: png }, { name, data }]);
        assert.equal(res.status, 415, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.match(res.text, /文件格式不受支持/);
    }
    // 51 MB: over the per-file limit, refused before anything is kept.
    const big = Buffer.alloc(51 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n');
    const resBig = await postFiles(c.unit, m, { action: 'progress_draft', comment: '大文件', percent: 60 },
        [{ name: '大文件.pdf', data: big }]);
    assert.equal(resBig.status, 413, `51 MB: ${resBig.status}`);
    assert.equal(count(db, 'SELECT count(*) FROM progress'), progressBefore, 'a refused upload wrote a report');
    assert.equal(count(db, 'SELECT count(*) FROM evidence'), evidenceBefore, 'a refused upload wrote a row');
    assert.equal(storedFiles(db).length, filesBefore, 'a refused upload left a file');

    // The report with three files, submitted at once: the lead unit's own report is accepted.
    const files = [{ name: '专项排查报告.pdf', data: pdf }, { name: '现场照片（一）.png', data: png },
                   { name: '整改进展通报.docx', data: docx }];
    let res = await postFiles(c.unit, m, { action: 'progress_draft', comment: '已完成专项排查，整改报告见附件', percent: 80, submit: 1 }, files);
    assert.equal(res.status, 303, `report with files: ${res.status} ${res.text.slice(0, 300)}`);
    const report = sql1(db, `SELECT max(id) FROM progress WHERE measure_id = ${m}`);
    assert.equal(sql1(db, `SELECT state FROM progress WHERE id = ${report}`), 'accepted');
    const rows = sql(db, `SELECT id, file_name, media_type, size, sha256 FROM evidence WHERE progress_id = ${report} ORDER BY id`);
    assert.equal(rows.length, 3);
    const media = ['application/pdf', 'image/png', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
    rows.forEach(([, name, type, size, sha], i) => {
        assert.equal(name, files[i].name);
        assert.equal(type, media[i]);
        assert.equal(Number(size), files[i].data.length);
        assert.equal(sha, sha256(files[i].data));
        const path = `${filesDir(db)}/evidence/${sha.slice(0, 2)}/${sha}`;
        assert.equal(statSync(path).size, files[i].data.length, `stored ${name}`);
    });
    assert.equal(count(db, `SELECT percent FROM measure WHERE id = ${m}`), 80);

    // The same PDF again: a second row, the same stored file.
    const filesNow = storedFiles(db).length;
    res = await postFiles(c.unit, m, { action: 'progress_draft', comment: '补充材料', percent: 85, submit: 1 },
        [{ name: '专项排查报告（再次）.pdf', data: pdf }]);
    assert.equal(res.status, 303);
    assert.equal(storedFiles(db).length, filesNow, 'the same file was stored twice');
    assert.equal(count(db, `SELECT count(*) FROM evidence WHERE sha256 = '${sha256(pdf)}'`), 2);

    // The page shows the table in Chinese: type, size, uploader's name, Beijing time.
    res = await c.unit.req(`/measures/${m}`);
    assert.equal(res.status, 200);
    for (const text of ['专项排查报告.pdf', 'PDF 文件', '图片', 'Word 文档', ' KB', '已采纳'])
        assert.ok(res.text.includes(text), `measure page lacks ${text}`);

    // The download: bytes, name header, audit row.
    const [pdfId, pdfName] = rows[0];
    res = await fetch(`${server.url}/evidence/${pdfId}`, { headers: { cookie: `zg_sid=${c.lead2.cookie}` } });
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(bytes.equals(pdf), 'downloaded bytes differ');
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const cd = res.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(cd)[1]), pdfName);
    assert.equal(count(db, `SELECT count(*) FROM audit WHERE actor = 'caizheng2' AND action = 'evidence.download'
                             AND object = 'evidence:${pdfId}'`), 1, 'download not audited');

    // The preview: inline, sandboxed.
    res = await c.lead2.req(`/evidence/${pdfId}/preview`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /^inline;/);
    assert.match(res.headers.get('content-security-policy'), /sandbox/);
    res = await c.lead2.req(`/evidence/${rows[2][0]}/preview`);
    assert.equal(res.status, 415, 'a DOCX has no inline preview');

    // Another unit: no route gives it the file or its page.
    for (const p of [`/evidence/${pdfId}`, `/evidence/${pdfId}/preview`, `/evidence/${pdfId}/view`,
                     `/api/v1/evidence/${pdfId}`, `/measures/${m}`]) {
        res = await c.other.req(p);
        assert.ok([403, 404].includes(res.status), `other unit GET ${p}: ${res.status}`);
        assert.ok(!res.text.includes('%PDF'), `other unit got bytes at ${p}`);
    }

    // Immutable once submitted: no new file on the report; a withdrawal needs a reason.
    res = await postFiles(c.unit, m, { action: 'evidence_attach', object: report }, [{ name: '补充.png', data: makePng(8, 8, 2) }]);
    assert.equal(res.status, 409, `attach to a submitted report: ${res.status}`);
    res = await c.unit.req(`/measures/${m}/loop`, { form: { action: 'evidence_withdraw', object: rows[1][0] } });
    assert.equal(res.status, 422);
    res = await c.other.req(`/measures/${m}/loop`, { form: { action: 'evidence_withdraw', object: rows[1][0], comment: '误传' } });
    assert.equal(res.status, 403);
    res = await c.unit.req(`/measures/${m}/loop`, { form: { action: 'evidence_withdraw', object: rows[1][0], comment: '误传照片' } });
    assert.equal(res.status, 303);
    assert.equal(sql1(db, `SELECT withdraw_reason FROM evidence WHERE id = ${rows[1][0]}`), '误传照片');
    // An object of another measure is not reachable through this one.
    const otherM = sql1(db, `SELECT min(id) FROM measure WHERE id <> ${m} AND lead_unit_id = ${unitId}`);
    res = await c.unit.req(`/measures/${otherM}/loop`, { form: { action: 'evidence_withdraw', object: rows[0][0], comment: 'x' } });
    assert.equal(res.status, 404);

    // Close-out: requested by the unit, approved by another user of the lead unit.
    res = await c.unit.req(`/measures/${m}/transition`, { form: { action: 'request_close' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    res = await c.lead2.req(`/measures/${m}/transition`, { form: { action: 'lead_approve' } });
    assert.equal(res.status, 303, res.text.slice(0, 300));

    await server.stop();
    // Every row has its file and every file its row.
    const shas = new Set(sql(db, 'SELECT DISTINCT sha256 FROM evidence').map((r) => r[0]));
    for (const f of storedFiles(db))
        assert.ok(shas.has(f), `file ${f} without a row`);
    for (const s of shas)
        assert.ok(existsSync(`${filesDir(db)}/evidence/${s.slice(0, 2)}/${s}`), `row ${s} without a file`);
}

run(main);
