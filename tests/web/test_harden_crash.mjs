// test_harden_crash.mjs (issue 10): the crash loop. Each cycle starts the server, lets 4
// writers report progress on measures as fast as they can, and kills the server with SIGKILL
// mid-stream, and at last stops it with SIGTERM under the same writers; every write the server
// acknowledged (200) must then be in the database, and
// `zhenggai check` (integrity, invariants, the keyed audit chain) must pass. 5 cycles here;
// ZG_CRASH_CYCLES sets more (bench/crashloop.sh runs the long version).
import { assert, run, tempDir, demoDb, startServer, setupRoles, loggedIn, sql, sql1, cli } from './lib.mjs';

const CYCLES = Number(process.env.ZG_CRASH_CYCLES || 5);

run(async () => {
    const dir = tempDir('harden-crash');
    const db = demoDb(dir);
    const unitId = sql1(db, "SELECT unit_id FROM users WHERE login = 'unit'");
    const measures = sql(db, `SELECT id FROM measure WHERE lead_unit_id = ${unitId}
        AND state IN ('not_started', 'in_progress') LIMIT 8`).map((r) => r[0]);
    assert.ok(measures.length >= 1, 'no measure the unit may report on');
    const acked = [];
    let first = true;
    // The last cycle stops the server with SIGTERM instead: replies held for their commit's sync
    // (web/server.c hold_reply) must be sent or dropped before libmicrohttpd stops, and the
    // server must exit 0 (Server.stop checks) with every acknowledged write kept.
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
        const graceful = cycle === CYCLES;
        const server = await startServer(db, '--rate-api', '0');
        const unit = first ? (await setupRoles(server, { unit: 'unit' })).unit : await loggedIn(server, 'unit');
        first = false;
        let stop = false;
        const writer = async (w) => {
            for (let i = 0; !stop; i++) {
                const text = `crash-${cycle}-${w}-${i}`;
                try {
                    const res = await unit.req(`/api/v1/measures/${measures[w % measures.length]}/transitions`, {
                        json: { action: 'report', text }, headers: { 'X-CSRF-Token': unit.csrf } });
                    if (res.status === 200)
                        acked.push(text);
                } catch {
                    return; /* the server is gone */
                }
            }
        };
        const writers = [0, 1, 2, 3].map(writer);
        await new Promise((r) => setTimeout(r, 300 + 200 * (cycle % 3)));
        if (graceful) {
            await server.stop();
            stop = true;
            await Promise.all(writers);
            assert.ok(acked.some((t) => t.startsWith(`crash-${cycle}-`)),
                'no write was acknowledged before SIGTERM');
            continue;
        }
        server.stopped = true;
        server.proc.kill('SIGKILL');
        stop = true;
        await Promise.all(writers);
        await new Promise((r) => server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.on('exit', r));
    }
    const stored = new Set(sql(db, "SELECT body FROM progress WHERE body LIKE 'crash-%'").map((r) => r[0]));
    const lost = acked.filter((t) => !stored.has(t));
    console.log(`${CYCLES} kill -9 cycles and a SIGTERM, ${acked.length} acknowledged writes, ${lost.length} lost`);
    assert.equal(lost.length, 0, `lost: ${lost.slice(0, 5)}`);
    assert.ok(acked.length > 0, 'no write was acknowledged');
    assert.match(cli(db, 'check'), /database sound/);
});
