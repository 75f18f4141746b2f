// test_audit_report.mjs: `audit verify` after the progress actions that are audited about
// "progress:N" alone (a draft written, a co-unit's report reviewed), through the API on a county
// demo. Each must verify at once, before any later entry about the measure: no false "changed
// outside the application". A draft edited or removed behind the application is still found.
import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, cli, sql, sql1 } from './lib.mjs';

// audit verify: '' when intact, else its error output.
function verify(db) {
    try {
        cli(db, 'audit', 'verify');
        return '';
    } catch (e) {
        return String(e.stderr || e.message);
    }
}

async function main() {
    const dir = tempDir('audit-report');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    // A measure the unit leads with a co-unit that has an account.
    const m = sql1(db, `SELECT min(m.id) FROM measure m JOIN measure_co_unit c ON c.measure_id = m.id
                        WHERE m.lead_unit_id = ${unitId} AND m.state IN ('not_started', 'in_progress')
                        AND EXISTS (SELECT 1 FROM users u WHERE u.unit_id = c.unit_id AND u.state = 'active')`);
    assert.ok(m, 'no measure with a co-unit');
    const coLogin = sql1(db, `SELECT min(u.login) FROM users u JOIN measure_co_unit c ON c.unit_id = u.unit_id
                              WHERE c.measure_id = ${m} AND u.state = 'active'`);
    const server = await startServer(db);
    const c = await setupRoles(server, { unit: 'unit', co: coLogin });
    const post = (who, path, json) => c[who].req(path, { json, headers: { 'x-csrf-token': c[who].csrf } });

    // A report by the lead unit (an entry about the measure), then the co-unit's, submitted.
    let res = await post('unit', `/api/v1/measures/${m}/progress`, { text: '已开展排查', percent: 20, submit: true });
    assert.equal(res.status, 201, res.text);
    res = await post('co', `/api/v1/measures/${m}/progress`, { text: '协办单位已完成排查', percent: 30, submit: true });
    assert.equal(res.status, 201, res.text);
    const co = Client.json(res).id;
    assert.equal(verify(db), '');

    // A draft: audited about "progress:N" only.
    res = await post('unit', `/api/v1/measures/${m}/progress`, { text: '草稿：继续排查', percent: 40 });
    assert.equal(res.status, 201, res.text);
    const draft = Client.json(res).id;
    assert.equal(sql1(db, `SELECT state FROM progress WHERE id = ${draft}`), 'draft');
    assert.equal(verify(db), '', 'verify after a draft');

    // The lead unit accepts the co-unit's report: again "progress:N" only.
    res = await post('unit', `/api/v1/progress/${co}/review`, { accept: true, comment: '同意' });
    assert.equal(res.status, 200, res.text);
    assert.equal(sql1(db, `SELECT state FROM progress WHERE id = ${co}`), 'accepted');
    assert.equal(verify(db), '', 'verify after a review');
    await server.stop();

    // Behind the application: found and named.
    sql(db, `UPDATE progress SET body = '伪造' WHERE id = ${draft}`);
    assert.match(verify(db), new RegExp(`progress report ${draft} of measure:${m} was changed outside`));
    sql(db, `UPDATE progress SET body = '草稿：继续排查' WHERE id = ${draft}`);
    assert.equal(verify(db), '');
    sql(db, `UPDATE progress SET percent = 99 WHERE id = ${co}`);
    assert.match(verify(db), new RegExp(`progress report ${co} of measure:${m} was changed outside`));
    sql(db, `UPDATE progress SET percent = 30 WHERE id = ${co}`);
    assert.equal(verify(db), '');
    sql(db, `DELETE FROM evidence WHERE progress_id = ${draft}`);
    sql(db, `DELETE FROM progress WHERE id = ${draft}`);
    assert.match(verify(db), new RegExp(`progress report ${draft} of measure:${m} was removed outside`));
}

run(main);
