// test_asof.mjs: a report as of a day is the ledger as it stood at the end of that day. The
// 通报 and the dispatch sheet generated on day D (the server's today) are byte-identical to the
// ones generated as of D later, after the ledger changed: measures moved along the workflow,
// progress was reported, meetings, mechanisms, recoveries and clues were entered.

import {
    assert, run, tempDir, startServer, setupRoles, Client, cli, sql1, newDb,
} from './lib.mjs';

// The demo writes a few timeline events up to three days after its own today (reviews that
// follow a request): day D is a week after the demo's day, so its history is complete by D.
const DEMO_DAY = '2026-11-14';
const TODAY = '2026-11-21';
const NEXT = '2026-11-23';

async function send(client, method, path, json) {
    return client.req(path, { method, json, headers: { 'x-csrf-token': client.csrf } });
}

async function reports(office, insp) {
    const out = {};
    for (const [kind, format] of [['tongbao', 'md'], ['dispatch', 'md'], ['tongbao', 'html']]) {
        const res = await office.req(`/api/v1/reports/generate?inspection=${insp}&kind=${kind}&format=${format}&as_of=${TODAY}`);
        assert.equal(res.status, 200, res.text.slice(0, 200));
        out[`${kind}.${format}`] = res.text;
    }
    return out;
}

async function main() {
    const dir = tempDir('asof');
    const db = newDb(dir);
    cli(db, 'demo', '--scale', 'county', '--today', DEMO_DAY);
    assert.equal(sql1(db, `SELECT count(*) FROM event WHERE at >= '${TODAY}'`), '0', 'no event after D');
    const insp = sql1(db, 'SELECT min(id) FROM inspection');

    // Day D: the reports as generated that day.
    let server = await startServer(db, '--today', TODAY);
    let clients = await setupRoles(server);
    const onD = await reports(clients.office, insp);
    await server.stop();

    // Two days later the ledger moves on.
    server = await startServer(db, '--today', NEXT);
    const c = {};
    for (const role of ['office', 'unit', 'discipline']) {
        c[role] = new Client(server);
        assert.equal((await c[role].apiLogin(role, 'Zhenggai@2026-new')).status, 201);
    }
    const unitMeasures = (await (await fetch(`${server.url}/api/v1/measures?inspection=${insp}&limit=25`, {
        headers: { cookie: `zg_sid=${c.unit.cookie}` } })).json()).items;
    let moved = 0;
    for (const m of unitMeasures) {
        const res = await send(c.unit, 'POST', `/api/v1/measures/${m.id}/transitions`, { action: 'report', comment: '第二天报送的进展' });
        if ([200, 201].includes(res.status))
            moved++;
    }
    assert.ok(moved > 0, 'some measures moved');
    const submitted = sql1(db, `SELECT min(id) FROM measure WHERE inspection_id = ${insp} AND state = 'lead_approved'`);
    if (submitted) {
        const res = await send(c.office, 'POST', `/api/v1/measures/${submitted}/transitions`, { action: 'verify', comment: '核查通过' });
        assert.ok(res.status < 500, res.text);
    }
    await send(c.office, 'POST', '/api/v1/meetings', { inspection: Number(insp), kind: 'standing', held_on: NEXT });
    await send(c.office, 'POST', '/api/v1/meetings', { inspection: Number(insp), kind: 'special', held_on: '2026-10-01' });
    await send(c.office, 'POST', '/api/v1/mechanisms', { inspection: Number(insp), title: '《补录的制度》', issued_on: '2026-09-01' });
    await send(c.office, 'POST', '/api/v1/recoveries', { inspection: Number(insp), kind: 'refund', amount_yuan: 5000, recorded_on: '2026-09-01' });
    const clue = await send(c.discipline, 'POST', '/api/v1/clues', { inspection: Number(insp), kind: 'clue', received_on: '2026-09-01', state: 'open' });
    assert.equal(clue.status, 201, clue.text);
    const office = new Client(server);
    assert.equal((await office.apiLogin('office', 'Zhenggai@2026-new')).status, 201);

    // The ledger now reads differently …
    const now = await office.req(`/api/v1/reports/generate?inspection=${insp}&kind=tongbao&format=md&as_of=${NEXT}`);
    assert.notEqual(now.text, onD['tongbao.md'], 'the report of the new day differs');
    // … but the reports as of D are the ones written on D, byte for byte.
    const later = await reports(office, insp);
    for (const k of Object.keys(onD))
        assert.equal(later[k], onD[k], `${k} as of ${TODAY} regenerated after the changes`);
    // The command line gives the same, and records who ran it.
    const fromCli = cli(db, 'report', '--inspection', insp, '--kind', 'tongbao', '--format', 'md', '--as-of', TODAY);
    assert.equal(fromCli, onD['tongbao.md'], 'the CLI as of D');
    assert.match(sql1(db, "SELECT actor FROM audit WHERE action = 'report.generate' ORDER BY seq DESC LIMIT 1"), /^cli:/);
    console.log(`${moved} measures moved; reports as of ${TODAY} unchanged`);
}

run(main);
