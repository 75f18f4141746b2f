// test_import_wizard.mjs: the import wizard over HTTP (issue 12). The office uploads a document,
// sees its preview, confirms; the import is one transaction with its audit entry and opens as
// a draft plan, kept by the office's organisation, invisible to units. The same file again
// says so and changes nothing. A second document merges into a draft plan. The upload is kept
// under the data folder by its SHA-256 whatever name the client gave; other types are refused;
// only the office may use the wizard, and only the uploader sees a preview.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
    assert, run, tempDir, demoDb, startServer, setupRoles, cli, sql1, filesDir,
} from './lib.mjs';

// A multipart upload of bytes as `name`, with the session's CSRF token first. A server that
// refuses from the headers may close before reading the body: status 0 then.
async function upload(c, bytes, name) {
    const fd = new FormData();
    fd.append('csrf', c.csrf);
    fd.append('file', new Blob([bytes]), name);
    try {
        return await fetch(c.base + '/import', { method: 'POST', body: fd, redirect: 'manual', headers: { cookie: `zg_sid=${c.cookie}` } });
    } catch (e) {
        return { status: 0, headers: new Headers(), text: async () => String(e) };
    }
}

async function main() {
    const dir = tempDir('import-wizard');
    const db = demoDb(dir);
    // A generated 通报 (.docx) from another demo, and one as Markdown from the same.
    const otherDb = join(dir, 'other.db');
    cli(otherDb, 'demo', '--scale', 'county');
    const docx = join(dir, 'tongbao.docx');
    cli(otherDb, 'report', '--inspection', '1', '--kind', 'tongbao', '--format', 'docx', '-o', docx);
    // The Markdown comes from a demo of another seed: other problems, so a merge adds them.
    const thirdDb = join(dir, 'third.db');
    cli(thirdDb, 'demo', '--scale', 'county', '--seed', '99');
    const md = cli(thirdDb, 'report', '--inspection', '1', '--kind', 'tongbao', '--format', 'md');
    const server = await startServer(db);
    const { office, unit, office01 } = await setupRoles(server, { office: 'office', unit: 'unit', office01: 'office01' });
    const inspections = () => Number(sql1(db, 'SELECT count(*) FROM inspection'));
    const n0 = inspections();

    // Refused: other roles, an unknown type, an empty file.
    const bytes = readFileSync(docx);
    assert.ok([0, 403].includes((await upload(unit, bytes, 'x.docx')).status), 'a unit may not upload');
    assert.ok(!existsSync(join(filesDir(db), 'imports')), 'nothing kept for a refused upload');
    assert.equal((await unit.req('/import')).status, 403);
    assert.equal((await upload(office, Buffer.from('MZ\x00\x01'), 'tool.exe')).status, 415);
    assert.equal((await upload(office, Buffer.alloc(0), 'empty.txt')).status, 422);

    // Upload under a hostile name: kept by SHA-256 under the data folder, nowhere else.
    const sha = createHash('sha256').update(bytes).digest('hex');
    let res = await upload(office, bytes, '../../evil.docx');
    assert.equal(res.status, 303, await res.text());
    assert.equal(res.headers.get('location'), `/import/${sha}`);
    const kept = join(filesDir(db), 'imports');
    assert.deepEqual(readdirSync(kept), [sha]);
    assert.ok(!existsSync(join(dir, '..', 'evil.docx')) && !existsSync(join(kept, '..', '..', 'evil.docx')));

    // The preview: only for its uploader.
    let page = await office.req(`/import/${sha}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('导入预览') && page.text.includes('确认导入'), page.text.slice(0, 300));
    assert.match(page.text, /识别出 <strong>\d+<\/strong> 个方面/);
    assert.equal((await office01.req(`/import/${sha}`)).status, 403, 'another clerk does not see my upload');
    assert.equal(inspections(), n0, 'a preview writes no ledger');

    // Confirm: a draft plan of the office's organisation, audited, invisible to units.
    page = await office.req(`/import/${sha}/confirm`, { form: { into: 'new' } });
    assert.equal(page.status, 303, page.text.slice(0, 300));
    const id = Number(/\/inspections\/(\d+)\/edit/.exec(page.location)[1]);
    assert.equal(inspections(), n0 + 1);
    assert.equal(sql1(db, `SELECT plan_state FROM inspection WHERE id = ${id}`), 'draft');
    assert.equal(sql1(db, `SELECT org_unit_id FROM inspection WHERE id = ${id}`),
        sql1(db, 'SELECT org_unit_id FROM inspection WHERE id = 1'));
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'office' AND action = 'inspection.import' AND object = 'inspection:${id}'`), '1');
    const measures = Number(sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${id}`));
    assert.ok(measures > 10, `${measures} measures imported`);
    assert.deepEqual(readdirSync(kept), [], 'the confirmed upload is removed');
    assert.equal((await unit.req(`/api/v1/inspections/${id}`)).status, 403, 'a unit does not see the draft');
    page = await office.req(page.location);
    assert.ok(page.text.includes('已导入') && page.text.includes('草稿'));

    // The same file again: said so, nothing changes.
    const audits = sql1(db, 'SELECT count(*) FROM audit');
    res = await upload(office, bytes, 'again.docx');
    page = await office.req(res.headers.get('location'));
    assert.ok(page.text.includes('文件已导入') && page.text.includes(`/inspections/${id}/edit`), page.text.slice(0, 400));
    page = await office.req(`/import/${sha}/confirm`, { form: { into: 'new' } });
    assert.ok(page.text.includes('文件已导入'));
    assert.equal(inspections(), n0 + 1);
    assert.equal(sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${id}`), String(measures));
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action LIKE 'inspection.%'")),
        Number(sql1(db, `SELECT count(*) FROM audit WHERE action LIKE 'inspection.%' AND seq <= ${audits}`)), 'no new import audited');

    // A second document (another demo's report as Markdown) merges into the draft.
    res = await upload(office, Buffer.from(md), 'tongbao.md');
    const sha2 = /\/import\/([0-9a-f]{64})/.exec(res.headers.get('location'))[1];
    page = await office.req(`/import/${sha2}`);
    assert.ok(page.text.includes(`name="into" value="${id}"`), 'the draft is offered to merge into');
    assert.ok(!page.text.includes('name="into" value="1"'), 'an issued plan is not offered');
    assert.equal((await office.req(`/import/${sha2}/confirm`, { form: { into: '1' } })).status, 409, 'no merge into an issued plan');
    page = await office.req(`/import/${sha2}/confirm`, { form: { into: String(id) } });
    assert.equal(page.status, 303, page.text.slice(0, 300));
    assert.equal(inspections(), n0 + 1, 'merged, not added');
    assert.ok(Number(sql1(db, `SELECT count(*) FROM measure WHERE inspection_id = ${id}`)) > measures, 'the merge added measures');
    assert.equal(sql1(db, `SELECT plan_state FROM inspection WHERE id = ${id}`), 'draft');
    assert.equal(sql1(db, `SELECT count(*) FROM audit WHERE actor = 'office' AND action = 'inspection.import' AND object = 'inspection:${id}'`), '2');

    // A ledger spreadsheet (CSV) naming a unit and a leader nothing matches: listed in the
    // preview, refused without a decision, imported when the clerk maps one and creates the other.
    const unitName = sql1(db, "SELECT name FROM unit WHERE id = (SELECT unit_id FROM users WHERE login = 'unit')");
    const csv = '序号,反馈问题,整改措施,责任领导,牵头单位,整改时限\n' +
        '1,专项资金管理不规范,开展专项资金清理,王不存在,财政局（简称）,2026年12月底前\n';
    res = await upload(office, Buffer.from(csv), 'ledger.csv');
    assert.equal(res.status, 303, await res.text());
    const sha3 = /\/import\/([0-9a-f]{64})/.exec(res.headers.get('location'))[1];
    page = await office.req(`/import/${sha3}`);
    assert.ok(page.text.includes('未能匹配的单位和人员') && page.text.includes('王不存在') && page.text.includes('财政局（简称）'), page.text.slice(0, 500));
    page = await office.req(`/import/${sha3}/confirm`, { form: { into: 'new' } });
    assert.equal(page.status, 422, 'no decision on unknown names: refused');
    assert.equal(inspections(), n0 + 1, 'nothing written');
    page = await office.req(`/import/${sha3}/confirm`, { form: { into: 'new', map: `财政局（简称）=${unitName}`, create_unknown: '1' } });
    assert.equal(page.status, 303, page.text.slice(0, 400));
    const id3 = Number(/\/inspections\/(\d+)\/edit/.exec(page.location)[1]);
    assert.equal(sql1(db, `SELECT u.name FROM measure m JOIN unit u ON u.id = m.lead_unit_id WHERE m.inspection_id = ${id3}`), unitName);
    assert.equal(sql1(db, `SELECT count(*) FROM person WHERE name = '王不存在'`), '1');
    assert.equal(sql1(db, `SELECT plan_state FROM inspection WHERE id = ${id3}`), 'draft');
}

run(main);
