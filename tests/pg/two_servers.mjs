// two_servers.mjs ZHENGGAI: two `zhenggai serve` processes on one PostgreSQL database (issue 15),
// as two machines behind a load balancer: each its own files folder, the audit key shared.
// A login on A serves the next request on B (sessions are rows); a write on A is read on B at
// once; writes alternate between them, then run concurrently; the same measure closed from both
// at once succeeds on exactly one, the other answering 409; afterwards every acknowledged write
// is in the database and `audit verify` passes (one chain, however the servers interleaved).
// Needs the throwaway cluster (ZG_WEB_PG_URI, set by tests/pg/CMakeLists.txt); SKIP (77) when no
// PostgreSQL server is installed.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
    assert, run, tempDir, demoDb, startServer, setupRoles, Client, cli, sql, sql1, PG_URI,
} from '../web/lib.mjs';

if (!PG_URI) {
    console.error('FAIL: run from ctest (ZG_WEB_PG_URI is not set)');
    process.exit(1);
}

const send = (client, method, path, json) =>
    client.req(path, { method, json, headers: { 'x-csrf-token': client.csrf } });

// A server of its own files folder, holding a copy of the audit key of `from`.
async function serverWithFiles(db, files, from, name) {
    mkdirSync(files, { recursive: true, mode: 0o700 });
    if (from)
        copyFileSync(join(from, `${name}.audit-key`), join(files, `${name}.audit-key`));
    process.env.ZHENGGAI_FILES = files;
    return startServer(db);
}

run(async () => {
    const dir = tempDir('two');
    const db = demoDb(dir); // ZHENGGAI_FILES is dir/pgfiles from here on
    const name = /\/([^/?]+)\?/.exec(db)[1];
    const filesA = join(dir, 'pgfiles');
    const a = await serverWithFiles(db, filesA, null, name);
    await setupRoles(a); // first passwords, through A
    const b = await serverWithFiles(db, join(dir, 'files-b'), filesA, name);

    // A login on A, the next request on B.
    const unitA = new Client(a);
    assert.equal((await unitA.apiLogin('unit', 'Zhenggai@2026-new')).status, 201);
    const unitB = new Client(b);
    unitB.cookie = unitA.cookie;
    unitB.csrf = unitA.csrf;
    let res = await unitB.req('/api/v1/session');
    assert.equal(res.status, 200, 'B knows the session A made');
    assert.equal(Client.json(res).user.login, 'unit');

    // Writes alternate between A and B; each is read back on the other server at once.
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const movable = sql(db, `SELECT id FROM measure WHERE lead_unit_id = ${unitId}
        AND state IN ('not_started','in_progress','returned') AND withdrawn_at IS NULL ORDER BY id LIMIT 12`)
        .map((r) => r[0]);
    assert.ok(movable.length >= 8, `only ${movable.length} measures to move`);
    const acknowledged = [];
    for (let i = 0; i < 4; i++) {
        const [writer, reader] = i % 2 ? [unitB, unitA] : [unitA, unitB];
        const id = movable[i];
        res = await send(writer, 'POST', `/api/v1/measures/${id}/transitions`, { action: 'report', comment: `第${i}次，交替写入` });
        assert.ok([200, 201].includes(res.status), res.text);
        acknowledged.push(id);
        const seen = await reader.req(`/api/v1/measures/${id}`);
        assert.equal(seen.status, 200);
        assert.equal(Client.json(seen).state, sql1(db, `SELECT state FROM measure WHERE id = ${id}`),
            `the other server shows write ${i} at once`);
        const page = await reader.req(`/measures/${id}`);
        assert.match(page.text, new RegExp(`第${i}次，交替写入`), 'the page on the other server shows the write');
    }

    // Concurrent writes on both servers: every acknowledged one is there afterwards.
    const rest = movable.slice(4);
    const replies = await Promise.all(rest.map((id, i) =>
        send(i % 2 ? unitB : unitA, 'POST', `/api/v1/measures/${id}/transitions`, { action: 'report', comment: '同时写入' })));
    replies.forEach((r, i) => {
        assert.ok([200, 201].includes(r.status), `concurrent write ${i}: ${r.status} ${r.text.slice(0, 200)}`);
        acknowledged.push(rest[i]);
    });
    // Each acknowledged write left its report (the progress row with its text).
    for (const [i, id] of acknowledged.entries()) {
        const text = i < 4 ? `第${i}次，交替写入` : '同时写入';
        assert.equal(sql1(db, `SELECT count(*) FROM progress WHERE measure_id = ${id} AND body = '${text}'`), '1',
            `write ${i} on measure ${id} kept`);
    }

    // The same measure closed from both servers at once: one succeeds, the other gets 409.
    const officeA = new Client(a), officeB = new Client(b);
    assert.equal((await officeA.apiLogin('office', 'Zhenggai@2026-new')).status, 201);
    assert.equal((await officeB.apiLogin('office', 'Zhenggai@2026-new')).status, 201);
    // A measure the leader signed off, waiting for the office to close it.
    const target = sql1(db, "SELECT min(id) FROM measure WHERE state = 'signed_off' AND onsite_required = 0"
        + " AND withdrawn_at IS NULL");
    assert.ok(target, 'a measure waits for the office');
    const both = await Promise.all([officeA, officeB].map((c) =>
        send(c, 'POST', `/api/v1/measures/${target}/transitions`, { action: 'verify', comment: '两台同时核查' })));
    const codes = both.map((r) => r.status).sort();
    assert.equal(codes.filter((c) => c === 200 || c === 201).length, 1, `codes ${codes}: ${both.map((r) => r.text.slice(0, 120))}`);
    assert.equal(codes.filter((c) => c === 409).length, 1, `codes ${codes}`);
    assert.equal(sql1(db, `SELECT state FROM measure WHERE id = ${target}`), 'closed');
    assert.equal(Number(sql1(db, `SELECT count(*) FROM event WHERE measure_id = ${target} AND comment = '两台同时核查'`)), 1,
        'one transition recorded');

    await a.stop();
    await b.stop();
    // One chain, whoever wrote.
    process.env.ZHENGGAI_FILES = filesA;
    assert.match(cli(db, 'audit', 'verify'), /intact/);
});
