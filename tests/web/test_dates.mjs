// test_dates.mjs (issue 9): what the pages say about days, the report preview and the help page.
// Dates read in Chinese form on every page (11月20日 within the year of the server's today,
// 2027年1月15日 otherwise), while date inputs keep ISO values; the 调度表's 最近报送 is Chinese too.
// The report form's every choice answers: the 台账 previews as an HTML table (it answered 400),
// a format the kind lacks is explained on the page (a download of it is refused 422, the API
// keeps its 400). The help page's roles, lights, reasons and cycles are the vocabulary's.

import { assert, run, tempDir, demoDb, startServer, setupRoles, sql1, TODAY } from './lib.mjs';

const ISO_IN_TEXT = /[^"\w=/-]\d{4}-\d{2}-\d{2}[^\w"]/;

// "2026-12-05" → "12月5日" in TODAY's year, "2027年1月5日" otherwise.
function chinese(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return y === Number(TODAY.slice(0, 4)) ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

async function main() {
    const dir = tempDir('dates');
    const db = demoDb(dir);
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit' });

    // A deadline of this year and one of another year, on the measure page and in the list.
    const year = TODAY.slice(0, 4);
    for (const cond of [`substr(deadline, 1, 4) = '${year}'`, `substr(deadline, 1, 4) <> '${year}'`]) {
        const id = sql1(db, `SELECT min(id) FROM measure WHERE deadline IS NOT NULL AND ${cond}`);
        const iso = sql1(db, `SELECT deadline FROM measure WHERE id = ${id}`);
        const res = await c.office.req(`/measures/${id}`);
        assert.equal(res.status, 200);
        assert.ok(res.text.includes(`<dt>整改时限</dt><dd>${chinese(iso)}`), `measure ${id}: ${iso} not as ${chinese(iso)}`);
    }
    assert.notEqual(chinese('2027-01-15'), chinese('2026-01-15'));

    // No page of the office's or the unit's shows an ISO date outside an input's value.
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const pages = ['/dashboard', '/measures', '/inspections/1', `/units/${unitId}`, '/inbox', '/reports',
        '/reports/preview?inspection=1&kind=dispatch', '/measures/1', '/measures/150', '/clues'];
    for (const p of pages) {
        for (const who of [c.office, c.unit]) {
            const res = await who.req(p);
            if (res.status !== 200)
                continue;
            const text = res.text.replace(/value="[^"]*"/g, '');
            const hit = ISO_IN_TEXT.exec(text);
            assert.ok(!hit, `${p} (${who.login}) shows an ISO date: …${hit && text.slice(hit.index - 80, hit.index + 20)}`);
        }
    }
    // The report form keeps ISO values in its date input.
    assert.match((await c.office.req('/reports')).text, new RegExp(`name="as_of" type="date" value="${TODAY}"`));

    // The 台账 previews as a table (it answered 400), whatever format the form names.
    let res = await c.office.req('/reports/preview?inspection=1&kind=ledger&format=html&as_of=' + TODAY);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.text, /<th>反馈问题<\/th>/);
    assert.doesNotMatch(res.text, /role="alert"/);
    res = await c.office.req('/reports/preview?inspection=1&kind=ledger&format=docx');
    assert.equal(res.status, 200);
    assert.match(res.text, /role="alert"[^>]*>整改台账不提供所选格式，可选择：网页（HTML）、Excel（xlsx）、CSV。/);
    res = await c.office.req('/reports/download?inspection=1&kind=ledger&format=docx');
    assert.equal(res.status, 422);
    assert.match(res.text, /整改台账不提供所选格式/);
    res = await c.office.req('/reports/download?inspection=1&kind=ledger&format=html');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /^attachment/);
    res = await c.office.req('/api/v1/reports/generate?inspection=1&kind=ledger&format=docx');
    assert.equal(res.status, 400, 'the API keeps its refusal');
    // The 调度表's 最近报送 in Chinese.
    res = await c.office.req('/reports/preview?inspection=1&kind=dispatch');
    assert.match(res.text, /<td>(\d{4}年)?\d{1,2}月\d{1,2}日<\/td><\/tr>/);

    // The help page reads the vocabulary: each role's sentence, each light's and reason's.
    res = await c.unit.req('/help');
    assert.equal(res.status, 200);
    for (const text of ['单位负责人审核牵头措施的销号申请', '查看和导出审计日志', '督办逾期未反馈',
        '督办的反馈时限已过而责任单位未反馈', '每月 10 日、25 日报送', '已销号或阶段性完成的措施不再亮灯'])
        assert.ok(res.text.includes(text), `help lacks ${text}`);
}

run(main);
