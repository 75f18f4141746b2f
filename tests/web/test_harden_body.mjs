// test_harden_body.mjs (issue 10, item 3): login, route, role and body size are decided from
// the headers, before the body is read. A request announcing a 32 MiB body is answered at
// once - 404 for an unknown path, 401 without login, 403 for a wrong role, 413 over the
// route's limit - without the server waiting for (or storing) the body; 24 clients that do
// send 32 MiB bodies at once leave the server's resident memory low.
import net from 'node:net';
import { assert, run, tempDir, demoDb, startServer, setupRoles, procKb, DEMO_PASSWORD } from './lib.mjs';

const BIG = 32 * 1024 * 1024;

// Send the request head (and optionally part of a body) on a raw socket; resolve with the
// status line's code and the time it took, or reject after ms.
function headOnly(url, { method = 'POST', path, headers = {}, bodyBytes = 0, ms = 3000 }) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const sock = net.connect(Number(port), hostname);
        let got = '';
        const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no reply to ${method} ${path} within ${ms} ms`)); }, ms);
        sock.on('error', () => {});
        sock.on('data', (d) => {
            got += d;
            const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
            if (m) {
                clearTimeout(timer);
                sock.destroy();
                resolve({ status: Number(m[1]), ms: Date.now() - t0, text: got });
            }
        });
        sock.on('connect', () => {
            let head = `${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`;
            for (const [k, v] of Object.entries(headers))
                head += `${k}: ${v}\r\n`;
            sock.write(head + '\r\n');
            if (bodyBytes)
                sock.write(Buffer.alloc(bodyBytes, 'x'));
        });
    });
}

// Stream a whole body of n bytes as fast as the server takes it; resolve when the socket ends.
function flood(url, path, n, headers = {}) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        const sock = net.connect(Number(port), hostname);
        const chunk = Buffer.alloc(256 * 1024, 'x');
        let sent = 0, status = null;
        sock.on('error', () => resolve({ sent, status }));
        sock.on('close', () => resolve({ sent, status }));
        sock.on('data', (d) => { status ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(String(d))?.[1]); });
        sock.on('connect', () => {
            let head = `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Length: ${n}\r\n`;
            for (const [k, v] of Object.entries(headers))
                head += `${k}: ${v}\r\n`;
            sock.write(head + '\r\n');
            const pump = () => {
                while (sent < n) {
                    sent += chunk.length;
                    if (!sock.write(chunk))
                        return sock.once('drain', pump);
                }
                sock.end();
            };
            pump();
        });
    });
}

run(async () => {
    const dir = tempDir('harden-body');
    const db = demoDb(dir);
    const server = await startServer(db);
    const roles = await setupRoles(server, { observer: 'observer', office: 'office' });
    const json = { 'Content-Type': 'application/json', 'Content-Length': String(BIG) };

    // Decided from the headers: nobody sends a byte of the body.
    const cases = [
        ['unknown path', { path: '/no/such/place', headers: json }, 404],
        ['no login (API)', { path: '/api/v1/measures/1/transitions', headers: json }, 401],
        ['no login (page)', { path: '/measures/1/transition',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(BIG) } }, 401],
        ['over the limit of /login', { path: '/login',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(BIG) } }, 413],
        ['wrong role', { path: '/admin/units', headers: {
            'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(BIG),
            Cookie: `zg_sid=${roles.observer.cookie}` } }, 403],
        ['logged in, over 1 MiB of JSON', { path: '/api/v1/tokens', headers: {
            ...json, 'Content-Length': String(2 * 1024 * 1024), Cookie: `zg_sid=${roles.office.cookie}`,
            'X-CSRF-Token': roles.office.csrf } }, 413],
    ];
    for (const [what, req, want] of cases) {
        const res = await headOnly(server.url, req);
        assert.equal(res.status, want, `${what}: ${res.text.slice(0, 200)}`);
        assert.ok(res.ms < 2000, `${what}: ${res.ms} ms`);
    }

    // A body just under the limit still works, and so does a body sent chunked past it (413).
    const ok = await roles.office.req('/api/v1/tokens', { method: 'POST', json: { name: 'x'.repeat(100) }, headers: { 'X-CSRF-Token': roles.office.csrf } });
    assert.ok(ok.status === 201 || ok.status === 422, `token create: ${ok.status} ${ok.text}`);
    const chunked = await fetch(server.url + '/api/v1/tokens', {
        method: 'POST', duplex: 'half',
        headers: { 'Content-Type': 'application/json', Cookie: `zg_sid=${roles.office.cookie}`, 'X-CSRF-Token': roles.office.csrf },
        body: new ReadableStream({
            start(c) { for (let i = 0; i < 3; i++) c.enqueue(new Uint8Array(512 * 1024).fill(32)); c.close(); },
        }),
    });
    assert.equal(chunked.status, 413, 'a chunked body over 1 MiB');

    // 24 unauthenticated clients send 32 MiB each at once: the server stays small.
    const before = procKb(server.proc.pid, 'VmRSS');
    const results = await Promise.all(Array.from({ length: 24 }, () =>
        flood(server.url, '/api/v1/measures/1/transitions', BIG, { 'Content-Type': 'application/json' })));
    const after = procKb(server.proc.pid, 'VmRSS');
    for (const r of results)
        assert.ok(r.status === 401 || r.status === null, `flood reply ${r.status}`);
    const sentMb = results.reduce((a, r) => a + r.sent, 0) >> 20;
    console.log(`VmRSS ${before} kB before, ${after} kB after 24 x 32 MiB bodies (${sentMb} MiB written)`);
    assert.ok(after - before < 32 * 1024, `server grew by ${after - before} kB`);

    // The server still answers.
    const again = await fetch(server.url + '/login');
    assert.equal(again.status, 200);
    void DEMO_PASSWORD;
});
