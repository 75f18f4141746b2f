// test_remind_webhook.mjs (issue 13): who owes what, told by webhook. `remind --json` lists every
// recipient's duties; `remind --send` posts one JSON document per recipient to a small local
// receiver, which checks each HMAC-SHA256 signature with the shared secret and answers 500 to
// the first delivery, so that the retry (with back-off) is seen and both attempts are logged;
// a second --send the same day sends nothing again. Two servers on one database with the
// reminder hour past deliver the day once between them (the claim row).
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { assert, run, tempDir, demoDb, startServer, cli, sql, sql1, TODAY, setupRoles, loggedIn } from './lib.mjs';

// The CLI without blocking this process, whose event loop serves the receiver.
const cliAsync = async (db, ...args) => (await promisify(execFile)(process.argv[2], ['--db', db, ...args],
    { encoding: 'utf8', timeout: 60000 })).stdout;

const SECRET = '共享密钥-webhook-secret-42';

function receiver() {
    const got = [];
    let first = true;
    const srv = http.createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (d) => { body += d; });
        req.on('end', () => {
            const sig = req.headers['x-zhenggai-signature'] || '';
            const want = 'sha256=' + createHmac('sha256', SECRET).update(body, 'utf8').digest('hex');
            const ok = sig === want;
            got.push({ body: JSON.parse(body), ok, status: first ? 500 : 200, delivery: req.headers['x-zhenggai-delivery'] });
            res.statusCode = !ok ? 401 : first ? 500 : 200;
            first = false;
            res.end('{}');
        });
    });
    return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ srv, got, port: srv.address().port })));
}

async function main() {
    const dir = tempDir('remind');
    const db = demoDb(dir);
    // A supervision the unit owes an answer to, so that the reminders carry the loop's items too.
    const server = await startServer(db);
    const c = await setupRoles(server, { office: 'office', unit: 'unit' });
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const m = sql1(db, `SELECT min(id) FROM measure WHERE lead_unit_id = ${unitId} AND state = 'in_progress'`);
    let res = await c.office.req(`/measures/${m}/loop`, { form: { action: 'supervision_issue', kind: 'written',
        comment: '请于三日内书面反馈', respond_by: '2026-11-24' } });
    assert.equal(res.status, 303, res.text.replace(/^[\s\S]*<main>/, '').slice(0, 400));
    await server.stop();

    const report = JSON.parse(cli(db, 'remind', '--as-of', TODAY, '--json'));
    assert.equal(report.as_of, TODAY);
    const unitRec = report.recipients.find((r) => r.recipient.kind === 'unit' && r.recipient.id === Number(unitId));
    assert.ok(unitRec, 'the unit has no reminder');
    assert.ok(unitRec.items.some((i) => i.kind === 'respond' && i.measure_id === Number(m) && i.due === '2026-11-24'),
              'the supervision is not in the unit\'s reminder');
    assert.ok(report.recipients.some((r) => r.recipient.kind === 'office'), 'no office reminder');
    const text = cli(db, 'remind', '--as-of', TODAY);
    assert.match(text, /respond\s+measure/);

    const rx = await receiver();
    const secretFile = join(dir, 'secret');
    writeFileSync(secretFile, SECRET + '\n');
    cli(db, 'remind', 'configure', '--webhook', `http://127.0.0.1:${rx.port}/hook`, '--secret-file', secretFile,
        '--attempts', '3', '--backoff-ms', '200', '--hour', '0');
    const out = await cliAsync(db, 'remind', '--send', '--as-of', TODAY);
    const n = report.recipients.length;
    assert.match(out, new RegExp(`delivered ${n} of ${n} reminder\\(s\\), 1 attempt\\(s\\) failed`));
    assert.equal(rx.got.length, n + 1, 'one POST per recipient plus the retry');
    assert.ok(rx.got.every((g) => g.ok), 'a signature did not verify');
    assert.equal(rx.got[0].status, 500);
    assert.deepEqual(rx.got[1].body, rx.got[0].body, 'the retry sends the same document');
    assert.equal(rx.got[0].delivery, rx.got[1].delivery);
    const firstKey = rx.got[0].delivery.split('/')[1];
    assert.deepEqual(sql(db, `SELECT attempt, status, ok FROM delivery WHERE recipient = '${firstKey}' ORDER BY id`),
                     [['1', '500', '0'], ['2', '200', '1']]);
    assert.equal(Number(sql1(db, 'SELECT count(*) FROM delivery WHERE ok = 1')), n);
    // Nothing twice on the same day.
    await cliAsync(db, 'remind', '--send', '--as-of', TODAY);
    assert.equal(rx.got.length, n + 1, 'a second run re-sent reminders');

    // The office sees the log.
    const s2 = await startServer(db);
    const office = await loggedIn(s2, 'office');
    res = await office.req('/deliveries');
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('HTTP 500') && res.text.includes('成功') && res.text.includes('失败'), 'the log page');
    await s2.stop();

    // Two servers, the hour past: the next day's reminders go out once.
    const next = '2026-11-22';
    const a = await startServer(db, '--today', next, '--force');
    const b = await startServer(db, '--today', next, '--force');
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline && Number(sql1(db, `SELECT count(*) FROM remind_run WHERE day = '${next}' AND finished_at IS NOT NULL`)) === 0)
        await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 500));
    await a.stop();
    await b.stop();
    assert.equal(Number(sql1(db, `SELECT count(*) FROM remind_run WHERE day = '${next}'`)), 1);
    const nextCount = Number(sql1(db, `SELECT count(*) FROM delivery WHERE day = '${next}' AND ok = 1`));
    assert.ok(nextCount > 0, 'the daily run delivered nothing');
    assert.equal(Number(sql1(db, `SELECT count(DISTINCT recipient) FROM delivery WHERE day = '${next}' AND ok = 1`)), nextCount,
                 'a recipient got the day\'s reminder twice');
    rx.srv.close();
}

run(main);
