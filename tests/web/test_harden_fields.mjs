// test_harden_fields.mjs (issue 10, item 6): every text field has a limit (ledger/fields.c).
// A progress report over 20,000 characters is refused with 422 - through the page (a Chinese
// message naming the field) and the API (code too_long, the field named) - and nothing is
// stored; one at the limit is accepted.
import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql1 } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-fields');
    const db = demoDb(dir);
    const server = await startServer(db);
    const { unit } = await setupRoles(server, { unit: 'unit' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const measure = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state IN ('not_started','in_progress')`);
    const before = sql1(db, 'SELECT count(*) FROM progress');
    const tooLong = '整'.repeat(20001);

    let res = await unit.req(`/measures/${measure}/transition`, { form: { action: 'report', comment: tooLong } });
    assert.equal(res.status, 422, `page: ${res.status}`);
    assert.match(res.text, /“说明”不能超过20000字（现为20001字）/);
    res = await unit.req(`/api/v1/measures/${measure}/transitions`, {
        json: { action: 'report', text: tooLong }, headers: { 'X-CSRF-Token': unit.csrf } });
    assert.equal(res.status, 422);
    const e = Client.json(res).error;
    assert.equal(e.code, 'too_long');
    assert.deepEqual(e.fields, ['text']);
    assert.equal(sql1(db, 'SELECT count(*) FROM progress'), before, 'nothing stored');

    // Nested JSON strings and other fields are bounded too (a token name: 200).
    res = await unit.req('/api/v1/tokens', { json: { name: 'n'.repeat(201) }, headers: { 'X-CSRF-Token': unit.csrf } });
    assert.equal(res.status, 422);
    // A form field the table does not name: 2,000 characters.
    res = await unit.req(`/measures/${measure}/transition`, { form: { action: 'report', comment: 'ok', extra: 'x'.repeat(2001) } });
    assert.equal(res.status, 422);

    // At the limit: stored.
    res = await unit.req(`/api/v1/measures/${measure}/transitions`, {
        json: { action: 'report', text: '整'.repeat(20000) }, headers: { 'X-CSRF-Token': unit.csrf } });
    assert.equal(res.status, 200, `at the limit: ${res.status} ${res.text.slice(0, 200)}`);
    assert.equal(Number(sql1(db, 'SELECT count(*) FROM progress')), Number(before) + 1);
});
