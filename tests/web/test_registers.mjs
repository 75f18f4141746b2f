// test_registers.mjs: the registers, reports and public side through a real server (issue 14).
//   - discipline staff enter clues and outcomes; a subject's name appears in no reply to any
//     other role (every GET route of the table, the report downloads, the public pages), in no
//     audit detail; a clue's detail read is audited;
//   - the office enters mechanisms, meetings and recoveries; the 通报 (md and docx) states
//     exactly those counts and sums, and the importer reads them back;
//   - the office downloads every kind in every format with an RFC 5987 Chinese file name;
//   - publishing stops on a person's name in a narrative block and lists it; a confirmed
//     publication is frozen: its bytes do not change when the ledger does;
//   - the public pages work without a cookie, never set one and link to nothing behind the
//     login; feedback over the per-address limit gets 429 with Retry-After; the office answers
//     feedback and turns one into a clue for the discipline staff.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
    assert, run, tempDir, demoDb, startServer, routes, setupRoles, Client, objectIds,
    concretePath, withFields, cli, sql, sql1, TODAY, loggedIn,
} from './lib.mjs';

const NAMES = ['甄士隐', '贾雨村', '东湖某乙'];
const sha = (buf) => createHash('sha256').update(buf).digest('hex');

async function send(client, method, path, json) {
    return client.req(path, { method, json, headers: { 'x-csrf-token': client.csrf } });
}

async function created(client, path, json) {
    const res = await send(client, 'POST', path, json);
    assert.equal(res.status, 201, `${path}: ${res.status} ${res.text}`);
    return Client.json(res).id;
}

// The raw bytes of a GET (fetch, no redirects), with the headers.
async function bytes(client, path) {
    const headers = {};
    if (client.cookie)
        headers.cookie = `zg_sid=${client.cookie}`;
    const res = await fetch(client.base + path, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// The text of a docx's body (word/document.xml without its tags).
function docxText(dir, buf, name) {
    const file = join(dir, name);
    writeFileSync(file, buf);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    return xml.replace(/<[^>]*>/g, '');
}

async function main() {
    const dir = tempDir('registers');
    const db = demoDb(dir);
    const insp = sql1(db, 'SELECT min(id) FROM inspection');
    // Empty registers, so that the 通报 states exactly what this test enters.
    sql(db, 'DELETE FROM clue_outcome; DELETE FROM clue; DELETE FROM mechanism_link; ' +
        'DELETE FROM mechanism; DELETE FROM meeting; DELETE FROM recovery; DELETE FROM inspection_figure');
    const problem = sql1(db, `SELECT min(id) FROM finding WHERE level = 'problem' AND inspection_id = ${insp}`);
    const measure = sql1(db, `SELECT min(id) FROM measure WHERE inspection_id = ${insp}`);
    // Another organisation's inspection with a clue, a mechanism and a published report: no
    // account of this district reaches them.
    sql(db, `
      INSERT INTO unit(name, kind) VALUES('东湖区委', 'party');
      INSERT INTO inspection(title, target, created_at, org_unit_id)
        VALUES('东湖区专属巡察乙', '东湖区委', '2026-01-05T00:00:00Z', (SELECT id FROM unit WHERE name = '东湖区委'));
      INSERT INTO clue(inspection_id, kind, subject_name, created_at) VALUES((SELECT max(id) FROM inspection), 'clue', '东湖某乙', '2026-01-05T00:00:00Z');
      INSERT INTO mechanism(inspection_id, title) VALUES((SELECT max(id) FROM inspection), '《东湖区专属制度》');`);
    const inspB = sql1(db, "SELECT id FROM inspection WHERE title = '东湖区专属巡察乙'");
    const clueB = sql1(db, "SELECT id FROM clue WHERE subject_name = '东湖某乙'");
    cli(db, 'report', 'publish', '--inspection', inspB);
    const pubB = sql1(db, `SELECT id FROM publication WHERE inspection_id = ${inspB}`);
    const server = await startServer(db);
    const clients = await setupRoles(server);
    for (const [who, client, path] of [
        ['discipline', 'discipline', `/api/v1/clues/${clueB}`], ['discipline', 'discipline', `/clues/${clueB}`],
        ['discipline', 'discipline', `/api/v1/clues?inspection=${inspB}`],
        ['office', 'office', `/api/v1/mechanisms?inspection=${inspB}`], ['office', 'office', `/registers?inspection=${inspB}`],
        ['office', 'office', `/reports/download?inspection=${inspB}&kind=tongbao&format=md`],
        ['office', 'office', `/api/v1/reports/${pubB}`], ['office', 'office', `/api/v1/reports?inspection=${inspB}`]]) {
        const got = await clients[client].req(path);
        assert.equal(got.status, 403, `${who} of another district: ${path} → ${got.status}`);
        assert.ok(!got.text.includes('东湖某乙') && !got.text.includes('东湖区专属制度'), path);
    }
    let res0 = await send(clients.discipline, 'PUT', `/api/v1/clues/${clueB}`, { kind: 'clue', state: 'open' });
    assert.equal(res0.status, 403, 'no update of another district\'s clue');
    res0 = await send(clients.office, 'POST', '/api/v1/meetings', { inspection: Number(inspB), kind: 'special', held_on: '2026-06-15' });
    assert.equal(res0.status, 403, 'no entry into another district\'s register');
    // The public sees every published report, and only those.
    assert.equal((await new Client(server).req(`/public/reports/${pubB}`)).status, 200);
    const { discipline, office } = clients;

    // --- the clue register ---
    const c1 = await created(discipline, '/api/v1/clues', {
        inspection: Number(insp), kind: 'clue', ref_no: 'XS-2026-01', received_on: '2026-05-01',
        subject_name: NAMES[0], subject_post: '某局副局长', subject_rank: 'county',
        disposal: 'preliminary', state: 'concluded', concluded_on: '2026-09-01',
    });
    const c2 = await created(discipline, '/api/v1/clues', {
        inspection: Number(insp), kind: 'clue', ref_no: 'XS-2026-02', received_on: '2026-05-02',
        subject_name: NAMES[1], subject_rank: 'township', disposal: 'talk_inquiry',
    });
    await created(discipline, '/api/v1/clues', { inspection: Number(insp), kind: 'petition', ref_no: 'XF-01' });
    await created(discipline, `/api/v1/clues/${c1}/outcomes`, { type: 'party_sanction', subtype: '警告', persons: 2 });
    await created(discipline, `/api/v1/clues/${c1}/outcomes`, { type: 'admonition', persons: 1 });
    await created(discipline, `/api/v1/clues/${c2}/outcomes`, { type: 'case', persons: 1 });
    let res = await send(discipline, 'POST', `/api/v1/clues/${c2}/outcomes`, { type: 'admonition', subtype: '记过' });
    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Client.json(res).error.fields, ['subtype']);
    res = await send(discipline, 'POST', '/api/v1/clues', { inspection: Number(insp), state: 'closed' });
    assert.equal(res.status, 422, res.text);
    res = await send(office, 'POST', '/api/v1/clues', { inspection: Number(insp), subject_name: '某人' });
    assert.equal(res.status, 403, 'the office enters no clue');
    res = await send(discipline, 'PUT', `/api/v1/clues/${c2}`, {
        kind: 'clue', ref_no: 'XS-2026-02', subject_name: NAMES[1], subject_rank: 'township',
        disposal: 'talk_inquiry', state: 'open',
    });
    assert.equal(res.status, 200, res.text);
    // 承办单位: an id, or a unit's full or short name (the page's field); an unknown name is refused.
    const fin = sql(db, "SELECT id, name FROM unit WHERE name LIKE '%财政局' ORDER BY id LIMIT 1")[0];
    const asId = { kind: 'clue', ref_no: 'XS-2026-02', subject_name: NAMES[1], subject_rank: 'township', state: 'open' };
    for (const unit of [Number(fin[0]), fin[1]]) {
        sql(db, `UPDATE clue SET unit_id = NULL WHERE id = ${c2}`);
        res = await send(discipline, 'PUT', `/api/v1/clues/${c2}`, { ...asId, unit });
        assert.equal(res.status, 200, res.text);
        assert.equal(sql1(db, `SELECT unit_id FROM clue WHERE id = ${c2}`), String(fin[0]), `unit ${unit}`);
    }
    res = await send(discipline, 'PUT', `/api/v1/clues/${c2}`, { ...asId, unit: '没有这个单位' });
    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Client.json(res).error.fields, ['unit']);
    assert.ok((await discipline.req(`/clues/${c2}`)).text.includes(`name="unit" type="text" value="${fin[1]}"`),
        'the clue page shows the unit by its name');
    // The detail read is audited, without the name.
    const before = Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'clue.read'"));
    res = await discipline.req(`/api/v1/clues/${c1}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(Client.json(res).subject_name, NAMES[0]);
    assert.equal(Client.json(res).outcomes.length, 2);
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'clue.read'")), before + 1);
    res = await discipline.req(`/clues/${c1}`);
    assert.equal(res.status, 200);
    assert.ok(res.text.includes(NAMES[0]), 'the discipline page shows the subject');
    assert.equal(Number(sql1(db, "SELECT count(*) FROM audit WHERE action = 'clue.read'")), before + 2);
    res = await discipline.req(`/api/v1/clues?inspection=${insp}`);
    assert.equal(Client.json(res).items.length, 3);
    assert.ok(res.text.includes(NAMES[1]));

    // --- the office's registers ---
    await created(office, '/api/v1/mechanisms', {
        inspection: Number(insp), title: '政府投资项目管理办法', number: '清委办〔2026〕3号',
        issued_on: '2026-06-01', findings: [Number(problem)], measures: [Number(measure)],
    });
    await created(office, '/api/v1/mechanisms', { inspection: Number(insp), title: '《公务接待管理规定》', issued_on: '2026-06-02' });
    await created(office, '/api/v1/mechanisms', { inspection: Number(insp), title: '《财务报销实施细则》', revised: '1' });
    for (const [kind, day] of [['standing', '2026-05-10'], ['standing', '2026-08-10'], ['special', '2026-06-15']])
        await created(office, '/api/v1/meetings', { inspection: Number(insp), kind, held_on: day, topic: '研究整改工作' });
    await created(office, '/api/v1/recoveries', { inspection: Number(insp), kind: 'refund', amount_yuan: '12345.67', recorded_on: '2026-07-01', finding: Number(problem) });
    await created(office, '/api/v1/recoveries', { inspection: Number(insp), kind: 'loss_recovered', amount_yuan: 1000, recorded_on: '2026-07-02' });
    assert.equal(sql1(db, "SELECT sum(amount_fen) FROM recovery"), String(1234567 + 100000));
    res = await send(office, 'POST', '/api/v1/recoveries', { inspection: Number(insp), kind: 'refund', amount_yuan: '1.234', recorded_on: '2026-07-01' });
    assert.equal(res.status, 422, 'three decimals of yuan');
    res = await send(discipline, 'POST', '/api/v1/meetings', { inspection: Number(insp), kind: 'special', held_on: '2026-06-15' });
    assert.equal(res.status, 403, 'only the office enters meetings');
    res = await office.req(`/api/v1/mechanisms?inspection=${insp}`);
    const mechs = Client.json(res).items;
    assert.equal(mechs.length, 3);
    assert.equal(mechs[0].title, '《政府投资项目管理办法》');
    assert.equal(mechs[0].links.length, 2);
    // The measure page shows the mechanisms linked to it.
    res = await office.req(`/measures/${measure}`);
    assert.ok(res.text.includes('政府投资项目管理办法'), 'the measure page lists its mechanism');

    // --- the 通报 states exactly these figures (md, docx, and read back by the importer) ---
    const expected = [
        '先后召开常委会会议2次、专题会议1次', '建立完善制度机制3项（新建2项、修订1项）',
        '清退违规款项1.23万元', '挽回经济损失0.1万元', '问题线索2件、信访件1件', '已办结1件，正在办理2件',
        '立案1人', '给予党纪处分2人，其中警告2人', '诫勉1人', '（以上数据来自线索台账。）',
    ];
    res = await office.req(`/api/v1/reports/generate?inspection=${insp}&kind=tongbao&format=md`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const md = res.text;
    for (const e of expected)
        assert.ok(md.includes(e), `the 通报 (md) states ${e}`);
    for (const n of NAMES)
        assert.ok(!md.includes(n), 'the 通报 names no clue subject');
    const docx = await bytes(office, `/api/v1/reports/generate?inspection=${insp}&kind=tongbao&format=docx`);
    assert.equal(docx.status, 200);
    const docxBody = docxText(dir, docx.body, 'tongbao.docx');
    for (const e of expected)
        assert.ok(docxBody.includes(e), `the 通报 (docx) states ${e}`);
    writeFileSync(join(dir, 'tongbao.md'), md);
    for (const file of ['tongbao.md', 'tongbao.docx']) {
        const parsed = JSON.parse(cli(db, 'import', 'doc', join(dir, file), '--dry-run', '--json'));
        const f = parsed.figures;
        assert.equal(f.mechanisms, 3, `${file}: mechanisms ${JSON.stringify(f)}`);
        assert.equal(f.party_discipline, 2, `${file}: party_discipline`);
        assert.equal(f.admonition, 1, `${file}: admonition`);
        assert.equal(f.case_filed, 1, `${file}: case_filed`);
        assert.equal(f.refunds_wan, 1.23, `${file}: refunds_wan`);
        assert.equal(f.losses_recovered_wan, 0.1, `${file}: losses_recovered_wan`);
    }

    // --- every kind in every format, as attachments with Chinese names ---
    const kinds = { tongbao: ['md', 'html', 'docx'], dispatch: ['md', 'html', 'xlsx'], ledger: ['xlsx', 'csv'] };
    const names = { tongbao: '关于巡视整改进展情况的通报', dispatch: '巡视整改调度表', ledger: '巡视整改台账' };
    for (const [kind, formats] of Object.entries(kinds)) {
        for (const format of formats) {
            const got = await bytes(office, `/reports/download?inspection=${insp}&kind=${kind}&format=${format}&as_of=${TODAY}`);
            const what = `${kind}.${format}`;
            assert.equal(got.status, 200, what);
            const cd = got.headers.get('content-disposition');
            const m = /filename\*=UTF-8''([^;]+)/.exec(cd || '');
            assert.ok(m, `${what}: ${cd}`);
            assert.equal(decodeURIComponent(m[1]), `${names[kind]}.${format}`, what);
            assert.match(cd, /^attachment;/, what);
            assert.ok(got.body.length > 200, what);
            if (['docx', 'xlsx'].includes(format))
                assert.equal(got.body.subarray(0, 2).toString(), 'PK', what);
            for (const n of NAMES)
                assert.ok(!got.body.includes(Buffer.from(n)), `${what} names no subject`);
        }
    }
    res = await office.req(`/reports/preview?inspection=${insp}&kind=tongbao`);
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('<article class="report-doc">') && res.text.includes('建立完善制度机制3项'));
    res = await clients.leader.req(`/reports/download?inspection=${insp}`);
    assert.equal(res.status, 403, 'reports are the office\'s');

    // --- publishing: a name in a narrative block stops it, listed; confirmed, it is frozen ---
    const leaderName = sql1(db, `SELECT p.name FROM person p JOIN measure_leader l ON l.person_id = p.id
                                 JOIN measure m ON m.id = l.measure_id WHERE m.inspection_id = ${insp} LIMIT 1`);
    res = await send(office, 'PUT', '/api/v1/reports/text', { inspection: Number(insp), block: 'organise', body: `区委书记${leaderName}同志多次主持召开专题会议研究整改工作。` });
    assert.equal(res.status, 200, res.text);
    res = await send(office, 'PUT', '/api/v1/reports/text', { inspection: Number(insp), block: 'plan', body: `对${NAMES[0]}等人的问题持续跟踪。` });
    assert.equal(res.status, 200, res.text);
    res = await send(office, 'POST', '/api/v1/reports/publish', { inspection: Number(insp) });
    assert.equal(res.status, 409, res.text);
    const hits = Client.json(res).error.hits;
    assert.ok(hits.includes(leaderName) && hits.includes(NAMES[0]), `hits ${hits}`);
    assert.equal(sql1(db, `SELECT count(*) FROM publication WHERE inspection_id = ${insp}`), '0', 'nothing published');
    res = await send(office, 'POST', '/api/v1/reports/publish', { inspection: Number(insp), confirm: [leaderName] });
    assert.equal(res.status, 409, 'every name must be confirmed');
    // The page lists the hits too, each to confirm.
    res = await office.req('/reports/publish', { form: { inspection: insp, as_of: TODAY } });
    assert.equal(res.status, 409);
    assert.ok(res.text.includes(`value="${leaderName}"`) && res.text.includes(`value="${NAMES[0]}"`));
    // Take the subject out again and publish with the leader confirmed.
    await send(office, 'PUT', '/api/v1/reports/text', { inspection: Number(insp), block: 'plan', body: '持续巩固整改成果。' });
    const pub = await created(office, '/api/v1/reports/publish', { inspection: Number(insp), confirm: [leaderName], attach: true });
    const anon = new Client(server);
    const frozen = await bytes(anon, `/public/reports/${pub}/docx`);
    assert.equal(frozen.status, 200);
    assert.equal(sha(frozen.body), sql1(db, `SELECT sha256 FROM publication_file WHERE publication_id = ${pub} AND format = 'docx'`));
    const frozenText = docxText(dir, frozen.body, 'published.docx');
    assert.ok(frozenText.includes('附件：1. 巡视整改台账'), 'the attached 台账 is listed');
    const frozenHtml = (await anon.req(`/public/reports/${pub}`)).text;
    // The ledger and registers change: the published bytes do not.
    await created(office, '/api/v1/meetings', { inspection: Number(insp), kind: 'dispatch', held_on: TODAY });
    await send(office, 'PUT', '/api/v1/reports/text', { inspection: Number(insp), block: 'organise', body: '新的文字。' });
    const unit = sql1(db, "SELECT id FROM users WHERE login = 'unit'");
    const m2 = sql1(db, `SELECT m.id FROM measure m JOIN users u ON u.unit_id = m.lead_unit_id WHERE u.login = 'unit' AND m.state IN ('not_started','in_progress','returned') LIMIT 1`);
    assert.ok(unit && m2);
    res = await send(clients.unit, 'POST', `/api/v1/measures/${m2}/transitions`, { action: 'report', comment: '已完成阶段性工作' });
    assert.ok([200, 201].includes(res.status), res.text);
    const again = await bytes(anon, `/public/reports/${pub}/docx`);
    assert.ok(again.body.equals(frozen.body), 'the published docx is unchanged');
    assert.equal((await anon.req(`/public/reports/${pub}`)).text, frozenHtml, 'the published page is unchanged');
    assert.throws(() => sql(db, `UPDATE publication_file SET sha256 = 'x' WHERE publication_id = ${pub}`), /frozen/, 'the database refuses to change a publication');

    // --- the public side: no cookie, nothing behind the login ---
    for (const path of ['/public', `/public/reports/${pub}`, '/public/feedback', `/public/feedback?inspection=${insp}`]) {
        for (const c of [anon, office]) {
            const got = await bytes(c, path);
            assert.equal(got.status, 200, path);
            assert.equal(got.headers.get('set-cookie'), null, `${path} sets no cookie`);
            const text = got.body.toString();
            for (const [, href] of text.matchAll(/(?:href|action)="([^"]*)"/g))
                assert.match(href, /^(\/public|\/assets\/)/, `${path} links to ${href}`);
            for (const n of NAMES)
                assert.ok(!text.includes(n), `${path} names no subject`);
        }
    }
    assert.ok((await anon.req('/public')).text.includes(`/public/reports/${pub}`));
    assert.equal((await anon.req('/clues')).status, 303, 'the register is behind the login');

    // --- feedback: token, bounds, the per-address limit ---
    const form = (await anon.req(`/public/feedback?inspection=${insp}`)).text;
    const token = /name="token" value="([^"]+)"/.exec(form)[1];
    res = await anon.req('/public/feedback', { form: { body: '无令牌' } });
    assert.equal(res.status, 400, 'a post without the form token');
    res = await anon.req('/public/feedback', { form: { token, body: '长'.repeat(2001) } });
    assert.equal(res.status, 422, 'more than 2000 characters');
    // The dispatcher refuses the long text before the handler counts the post (field limits,
    // ledger/fields.c): one more refused post keeps the count at five before the sixth.
    res = await anon.req('/public/feedback', { form: { body: '无令牌' } });
    assert.equal(res.status, 400);
    const texts = ['建议公开整改台账的更多细节。', '希望加快老旧小区改造进度。', '某单位整改不到位，请核查。'];
    // The third is about the other district's inspection: this district's office never sees it.
    for (const [k, body] of texts.entries()) {
        res = await anon.req('/public/feedback', { form: { token, inspection: k === 2 ? inspB : insp, body, name: '群众', contact: '13800000000' } });
        assert.equal(res.status, 200, res.text.slice(0, 300));
        assert.equal(res.headers.get('set-cookie'), null);
    }
    res = await anon.req('/public/feedback', { form: { token, body: '第六条' } });
    assert.equal(res.status, 429, 'over the limit');
    assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
    res = await office.req('/api/v1/feedback?state=pending');
    const items = Client.json(res).items;
    assert.equal(items.length, 2, 'the other district\'s feedback is not listed');
    assert.equal(items[0].body, texts[1]);
    const foreign = sql1(db, `SELECT id FROM public_feedback WHERE inspection_id = ${inspB}`);
    res = await send(office, 'POST', `/api/v1/feedback/${foreign}`, { state: 'answered', reply: 'x' });
    assert.equal(res.status, 403, 'nor answers it');
    assert.ok(!(await office.req('/feedback')).text.includes(texts[2]));
    res = await send(office, 'POST', `/api/v1/feedback/${items[1].id}`, { state: 'answered', reply: '已转相关部门办理。' });
    assert.equal(res.status, 200, res.text);
    res = await send(office, 'POST', `/api/v1/feedback/${items[0].id}/clue`, { inspection: Number(insp) });
    assert.equal(res.status, 201, res.text);
    res = await office.req('/feedback');
    assert.ok(res.text.includes('已转相关部门办理。') && res.text.includes('已转交'));
    res = await discipline.req(`/api/v1/clues?inspection=${insp}`);
    assert.equal(Client.json(res).counts.petitions, 2, 'the forwarded feedback is a petition');
    res = await clients.observer.req('/api/v1/feedback');
    assert.equal(res.status, 403);

    // --- no reply to another role names a subject: every GET route, with its objects ---
    const ids = { ...objectIds(db), clues: c1, reports: pub };
    const extra = [`/api/v1/clues?inspection=${insp}`, `/clues?inspection=${insp}`, `/api/v1/clues/${c1}`,
        `/clues/${c1}`, `/reports/preview?inspection=${insp}&kind=tongbao`, `/api/v1/reports/${pub}/file?format=md`,
        `/api/v1/reports/generate?inspection=${insp}&kind=dispatch&format=md`];
    let checked = 0;
    for (const [role, client] of Object.entries(clients)) {
        const paths = new Set(extra);
        for (const rt of routes().filter((r) => r.method === 'GET'))
            paths.add(concretePath(rt.pattern, ids, false));
        for (const p of paths) {
            let got = await client.req(p);
            if (got.status === 400 && /^application\/json/.test(got.headers.get('content-type') || '')) {
                const q = withFields(Client.json(got).error.fields, ids);
                if (q)
                    got = await client.req(p + q);
            }
            assert.ok(got.status < 500, `${role} ${p}: ${got.status}`);
            for (const n of NAMES) {
                if (role !== 'discipline')
                    assert.ok(!got.text.includes(n), `${role} GET ${p} names ${n}`);
            }
            checked++;
        }
    }
    // The non-discipline roles see the counts only.
    res = await office.req(`/api/v1/clues?inspection=${insp}`);
    assert.equal(Client.json(res).items, undefined);
    assert.equal(Client.json(res).counts.clues, 2);
    assert.equal(Number(sql1(db, `SELECT count(*) FROM audit WHERE ${NAMES.map((n) => `detail LIKE '%${n}%' OR object LIKE '%${n}%'`).join(' OR ')}`)), 0,
        'no audit entry names a subject');
    // The access log names no subject either: a server with its log on, a clue entered and read.
    await server.stop(); // one server per database
    const logged = await startServer(db, '--log');
    const d2 = await loggedIn(logged, 'discipline');
    const c4 = await created(d2, '/api/v1/clues', { inspection: Number(insp), kind: 'clue', subject_name: '林如海' });
    await d2.req(`/clues/${c4}`);
    await d2.req(`/api/v1/clues?inspection=${insp}`);
    await d2.req('/clues', { form: { inspection: insp, subject_name: '林如海', ref_no: 'XS-LOG' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(logged.stderr, /\/api\/v1\/clues/, 'the access log is on');
    for (const n of [...NAMES, '林如海'])
        assert.ok(!logged.stderr.includes(n), `the access log names ${n}`);
    console.log(`${checked} replies searched for subjects' names`);
}

run(main);
