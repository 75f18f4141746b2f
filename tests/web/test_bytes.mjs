// test_bytes.mjs: what issue 11 changed on the wire and in the lists, seen from a client.
//   - gzip: a reply over 1 KB goes out gzip-compressed when Accept-Encoding allows it and
//     decompresses to exactly the plain reply; not when gzip;q=0 or absent; small replies stay
//     plain; Vary: Accept-Encoding on both; the compressed variant has its own ETag, a 304 answers
//     each ETag only for its own encoding; assets come precompressed the same way;
//   - a 405 carries Allow with the path's methods;
//   - the measure list: state=open counts every state but closed (against SQL), pages sorted by
//     light are disjoint and cover the total, the light filters' totals add up to the whole;
//   - the statistics reply: counts alone by default (an inspection's reply too), one list on
//     request, paged to its total.
// Raw requests go through node:http, since fetch decompresses on its own.

import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql1 } from './lib.mjs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

// GET path with headers; resolves {status, headers, body: Buffer} without decoding anything.
function raw(server, path, headers = {}, method = 'GET') {
    const url = new URL(server.url + path);
    return new Promise((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
            (res) => {
                const parts = [];
                res.on('data', (d) => parts.push(d));
                res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
            });
        req.on('error', reject);
        req.end();
    });
}

async function checkGzip(server, cookie) {
    const path = '/measures?limit=100';
    const plain = await raw(server, path, { cookie });
    const gz = await raw(server, path, { cookie, 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(plain.status, 200);
    assert.equal(gz.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: plain');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gz.headers.vary || '', /Accept-Encoding/);
    assert.match(plain.headers.vary || '', /Accept-Encoding/);
    assert.ok(plain.body.length > 1024);
    assert.ok(gz.body.length * 3 < plain.body.length, `gzip ${gz.body.length} of ${plain.body.length} bytes`);
    assert.ok(gunzipSync(gz.body).equals(plain.body), 'gzip decodes to the plain reply');
    const refused = await raw(server, path, { cookie, 'accept-encoding': 'gzip;q=0, identity' });
    assert.equal(refused.headers['content-encoding'], undefined, 'gzip;q=0 refuses gzip');
    assert.ok(refused.body.equals(plain.body));
    const star = await raw(server, path, { cookie, 'accept-encoding': '*' });
    assert.equal(star.headers['content-encoding'], 'gzip', '* accepts gzip');

    // A small reply stays plain.
    const small = await raw(server, '/api/v1/session', { cookie, 'accept-encoding': 'gzip' });
    assert.equal(small.status, 200);
    assert.ok(small.body.length <= 1024);
    assert.equal(small.headers['content-encoding'], undefined);

    // Assets: precompressed, an ETag per encoding, 304 only for the matching one.
    const css = await raw(server, '/assets/app.css');
    const cssGz = await raw(server, '/assets/app.css', { 'accept-encoding': 'gzip' });
    assert.equal(cssGz.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(cssGz.body).equals(css.body));
    const tagPlain = css.headers.etag, tagGz = cssGz.headers.etag;
    assert.match(tagPlain, /^"[0-9a-f]{16}"$/);
    assert.equal(tagGz, tagPlain.replace(/"$/, '-gz"'));
    assert.equal((await raw(server, '/assets/app.css', { 'accept-encoding': 'gzip', 'if-none-match': tagGz })).status, 304);
    assert.equal((await raw(server, '/assets/app.css', { 'if-none-match': tagPlain })).status, 304);
    const mixed = await raw(server, '/assets/app.css', { 'accept-encoding': 'gzip', 'if-none-match': tagPlain });
    assert.equal(mixed.status, 200, 'the plain ETag does not validate the gzip variant');
    assert.equal(mixed.headers['content-encoding'], 'gzip');
}

async function checkAllow(server) {
    const res = await raw(server, '/login', {}, 'DELETE');
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD, POST');
    const api = await raw(server, '/api/v1/measures', {}, 'PUT');
    assert.equal(api.status, 405);
    assert.equal(api.headers.allow, 'GET, HEAD');
}

// Every page of an API list query; returns {ids, total}.
async function walk(c, query) {
    const ids = [];
    let after = '', total = -1;
    for (let pages = 0; ; pages++) {
        assert.ok(pages < 50, 'too many pages');
        const res = await c.req(`/api/v1/measures?${query}&limit=37${after ? '&after=' + after : ''}`);
        assert.equal(res.status, 200, res.text);
        const body = Client.json(res);
        if (total < 0)
            total = body.total;
        assert.equal(body.total, total, 'the total does not change between pages');
        for (const m of body.items)
            ids.push(m.id);
        if (!body.next)
            break;
        after = encodeURIComponent(body.next);
    }
    assert.equal(new Set(ids).size, ids.length, `${query}: pages overlap`);
    assert.equal(ids.length, total, `${query}: pages cover the total`);
    return { ids, total };
}

async function checkLists(db, office) {
    const open = await walk(office, 'state=open');
    assert.equal(open.total, Number(sql1(db, "SELECT count(*) FROM measure WHERE state <> 'closed'")));
    const all = await walk(office, 'sort=light');
    assert.equal(all.total, Number(sql1(db, 'SELECT count(*) FROM measure')));
    let sum = 0;
    for (const light of ['red', 'yellow', 'green', 'closed']) {
        const part = await walk(office, `light=${light}&sort=light`);
        assert.ok(part.total > 0, `some ${light}`);
        sum += part.total;
    }
    assert.equal(sum, all.total, 'every measure has one light');
    const bad = await office.req('/api/v1/measures?state=opened');
    assert.equal(bad.status, 400);
}

async function checkStats(db, office) {
    const id = sql1(db, 'SELECT min(id) FROM inspection');
    const counts = Client.json(await office.req(`/api/v1/stats?inspection=${id}`));
    assert.equal(counts.measures, 300);
    assert.equal(counts.units, undefined, 'no per-unit list unless asked');
    assert.equal(counts.overdue, undefined, 'no overdue list unless asked');
    // One inspection's reply carries the same counts, and no list either.
    const one = Client.json(await office.req(`/api/v1/inspections/${id}`)).stats;
    assert.deepEqual(one, counts);
    for (const list of ['units', 'leaders', 'overdue_measures']) {
        const seen = [];
        let after = 0, total = -1;
        for (let pages = 0; ; pages++) {
            assert.ok(pages < 100);
            const res = await office.req(`/api/v1/stats?inspection=${id}&include=${list}&limit=4${after ? '&after=' + after : ''}`);
            const body = Client.json(res);
            assert.ok(body.items.length <= 4);
            total = body.total;
            seen.push(...body.items.map((x) => x.id));
            if (body.next === null)
                break;
            after = body.next;
        }
        assert.ok(total > 0, `${list}: some`);
        assert.equal(seen.length, total, `${list}: pages cover the total`);
        assert.equal(new Set(seen).size, total, `${list}: pages are disjoint`);
    }
    assert.equal((await office.req(`/api/v1/stats?inspection=${id}&include=everything`)).status, 400);
    assert.equal((await office.req(`/api/v1/stats?inspection=${id}&include=units&limit=0`)).status, 400);
}

run(async () => {
    const dir = tempDir('bytes');
    const db = demoDb(dir);
    const server = await startServer(db);
    const { office } = await setupRoles(server, { office: 'office' });
    const cookie = `zg_sid=${office.cookie}`;
    await checkGzip(server, cookie);
    await checkAllow(server);
    await checkLists(db, office);
    await checkStats(db, office);
});
