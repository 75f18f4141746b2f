// test_openapi.mjs: /api/v1/openapi.json describes the API of the running server. Every API
// route of the route table (`zhenggai debug-routes`) is in the document with its method, and
// the replies of a sample of routes — reads and the office's edits — match the schemas the
// document gives them (a small validator of the JSON Schema subset the document uses: object
// types, required members, property types, arrays, $ref, format date).

import {
    assert, run, tempDir, demoDb, startServer, setupRoles, routes, Client, sql1,
} from './lib.mjs';

function resolve(doc, schema) {
    while (schema && schema.$ref) {
        const name = schema.$ref.replace('#/components/schemas/', '');
        schema = doc.components.schemas[name];
        assert.ok(schema, `no schema ${name}`);
    }
    return schema;
}

// The list of problems of value against schema ([] when it matches).
function validate(doc, schema, value, where = '$') {
    schema = resolve(doc, schema);
    const out = [];
    const type = schema.type;
    const is = {
        object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
        array: Array.isArray,
        string: (v) => typeof v === 'string',
        integer: Number.isInteger,
        boolean: (v) => typeof v === 'boolean',
    };
    if (type && is[type] && !is[type](value))
        return [`${where}: ${JSON.stringify(value)?.slice(0, 60)} is not ${type}`];
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
        out.push(`${where}: ${value} is not a date`);
    if (type === 'object') {
        for (const r of schema.required || [])
            if (!(r in value))
                out.push(`${where}: missing ${r}`);
        for (const [k, s] of Object.entries(schema.properties || {}))
            if (k in value)
                out.push(...validate(doc, s, value[k], `${where}.${k}`));
    }
    if (type === 'array')
        value.forEach((v, i) => out.push(...validate(doc, schema.items, v, `${where}[${i}]`)));
    return out;
}

function check(doc, path, method, status, body) {
    const p = path.replace(/\/\d+/g, '/{id}');
    const op = doc.paths[p]?.[method];
    assert.ok(op, `${method} ${p} not in the document`);
    const reply = op.responses[String(status)];
    assert.ok(reply, `${method} ${p}: status ${status} not documented`);
    const schema = reply.content?.['application/json']?.schema;
    if (!schema)
        return 0;
    const problems = validate(doc, schema, body);
    assert.deepEqual(problems, [], `${method} ${p} ${status} does not match its schema`);
    return 1;
}

async function main() {
    const dir = tempDir('openapi');
    const db = demoDb(dir);
    const server = await startServer(db);

    // Public: no login needed to read the description.
    const anon = new Client(server);
    const res = await anon.req('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    const doc = Client.json(res);
    assert.equal(doc.openapi, '3.1.0');

    // Every API route of the table, with its method; path parameters declared.
    let n = 0;
    for (const rt of routes().filter((r) => r.pattern.startsWith('/api/'))) {
        const p = rt.pattern.replace(/:([a-z_]+)/g, '{$1}');
        const op = doc.paths[p]?.[rt.method.toLowerCase()];
        assert.ok(op, `${rt.method} ${rt.pattern} missing from openapi.json`);
        if (p.includes('{id}'))
            assert.ok(op.parameters.some((x) => x.in === 'path' && x.name === 'id'), `${p}: id parameter`);
        if (rt.flags.includes('csrf'))
            assert.ok(op.parameters.some((x) => x.name === 'X-CSRF-Token'), `${p}: CSRF header`);
        n++;
    }
    assert.ok(n >= 25, `only ${n} API routes`);
    // Nothing in the document that the table lacks.
    const table = new Set(routes().map((r) => `${r.method.toLowerCase()} ${r.pattern.replace(/:([a-z_]+)/g, '{$1}')}`));
    for (const [p, ops] of Object.entries(doc.paths))
        for (const m of Object.keys(ops))
            assert.ok(table.has(`${m} ${p}`), `${m} ${p} is documented but not routed`);

    // Replies of a sample of routes match their schemas.
    const { office } = await setupRoles(server, { office: 'office' });
    const send = (method, path, json) => office.req(path, { method, json, headers: { 'x-csrf-token': office.csrf } });
    const measure = sql1(db, 'SELECT min(id) FROM measure');
    let checked = 0;
    for (const path of ['/api/v1/inspections', '/api/v1/measures?limit=5', `/api/v1/measures/${measure}`,
        '/api/v1/persons?q=%E5%8C%BA', '/api/v1/inspections/1/coverage', '/api/v1/session']) {
        const r = await office.req(path);
        assert.equal(r.status, 200, `${path}: ${r.status}`);
        checked += check(doc, path.split('?')[0], 'get', 200, Client.json(r));
    }
    let r = await send('POST', '/api/v1/inspections', { title: 'OpenAPI 样例', feedback_on: '2026-05-01' });
    assert.equal(r.status, 201, r.text);
    const ins = Client.json(r);
    checked += check(doc, '/api/v1/inspections', 'post', 201, ins);
    r = await send('POST', `/api/v1/inspections/${ins.id}/findings`, { level: 'problem', title: '样例问题' });
    const f = Client.json(r);
    checked += check(doc, `/api/v1/inspections/${ins.id}/findings`, 'post', 201, f);
    r = await send('POST', `/api/v1/findings/${f.id}/measures`, { title: '样例措施', deadline: '2026-12-31' });
    const m = Client.json(r);
    checked += check(doc, `/api/v1/findings/${f.id}/measures`, 'post', 201, m);
    r = await send('PATCH', `/api/v1/measures/${m.id}`, { target: '形成长效机制', version: m.version });
    assert.equal(r.status, 200, r.text);
    checked += check(doc, `/api/v1/measures/${m.id}`, 'patch', 200, Client.json(r));
    // Errors too: 422 with fields, and the issue refused with its gaps.
    r = await send('PATCH', `/api/v1/measures/${m.id}`, { deadline: 'soon', version: m.version + 1 });
    assert.equal(r.status, 422);
    checked += check(doc, `/api/v1/measures/${m.id}`, 'patch', 422, Client.json(r));
    r = await send('POST', `/api/v1/inspections/${ins.id}/issue`, {});
    assert.equal(r.status, 422);
    checked += check(doc, `/api/v1/inspections/${ins.id}/issue`, 'post', 422, Client.json(r));
    assert.ok(Client.json(r).error.gaps.length >= 2);
    assert.ok(checked >= 10, `${checked} replies checked`);
    console.log(`${n} API routes documented, ${checked} replies match their schemas`);
}

run(main);
