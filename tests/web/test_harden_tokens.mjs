// test_harden_tokens.mjs (issue 10, item 7): API tokens expire and die with their account's
// controls - a lock, a password reset, a role change, an account disabled - and are listed and
// revocable by their owner and by the secadmin (only).
import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql, sql1, cli } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-tokens');
    const db = demoDb(dir);
    const server = await startServer(db);
    const { office, secadmin, leader } = await setupRoles(server,
        { office: 'office', secadmin: 'secadmin', leader: 'leader' });
    const officeId = sql1(db, "SELECT id FROM users WHERE login = 'office'");

    const make = async (c, name) => {
        const res = await c.req('/api/v1/tokens', { json: { name }, headers: { 'X-CSRF-Token': c.csrf } });
        assert.equal(res.status, 201, `token: ${res.status} ${res.text}`);
        return Client.json(res);
    };
    const works = async (token) => {
        const res = await fetch(server.url + '/api/v1/inspections', { headers: { Authorization: `Bearer ${token}` } });
        return res.status === 200;
    };

    // A lock kills a token, and unlocking does not bring it back.
    let t = await make(office, 'lock');
    assert.ok(await works(t.token));
    let res = await secadmin.req(`/admin/users/${officeId}/lock`, { form: {} });
    assert.equal(res.status, 303, `lock: ${res.status}`);
    assert.equal(await works(t.token), false, 'a token works while its account is locked');
    res = await secadmin.req(`/admin/users/${officeId}/unlock`, { form: {} });
    assert.equal(res.status, 303);
    assert.equal(await works(t.token), false, 'unlocking revived a token');
    assert.equal(sql1(db, `SELECT revoked_why FROM api_token WHERE id = ${t.id}`), 'locked');

    // The office must log in again (the lock ended its session).
    const office2 = new Client(server);
    assert.equal((await office2.apiLogin('office', 'Zhenggai@2026-new')).status, 201);

    // A password reset, a role change and a disabled account each kill a token.
    const kills = [
        ['password', () => cli(db, 'user', 'passwd', 'office')],
        ['roles', () => cli(db, 'user', 'roles', 'leader', 'leader,observer')],
    ];
    t = await make(office2, 'reset');
    assert.ok(await works(t.token));
    kills[0][1]();
    assert.equal(await works(t.token), false, 'a token survived a password reset');
    const lt = await make(leader, 'roles');
    assert.ok(await works(lt.token));
    kills[1][1]();
    assert.equal(await works(lt.token), false, 'a token survived a role change');
    assert.equal(sql1(db, `SELECT revoked_why FROM api_token WHERE id = ${lt.id}`), 'roles');

    // Expiry: 90 days by default; a token past its expires_at is refused.
    const observer = (await setupRoles(server, { observer: 'observer' })).observer;
    t = await make(observer, 'expiry');
    const [expires, created] = sql(db, `SELECT expires_at, created_at FROM api_token WHERE id = ${t.id}`)[0];
    const days = Math.round((Date.parse(expires) - Date.parse(created)) / 86400000);
    assert.equal(days, 90);
    assert.ok(await works(t.token));
    sql1(db, `UPDATE api_token SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ${t.id} RETURNING id`);
    assert.equal(await works(t.token), false, 'an expired token works');

    // Listed by the owner, with why; the secadmin lists and revokes anyone's; others may not.
    const t2 = await make(observer, 'revoke-me');
    res = await observer.req('/api/v1/tokens');
    const mine = Client.json(res).items;
    assert.equal(mine.find((x) => x.id === t2.id).live, true);
    assert.equal(mine.find((x) => x.id === t.id).live, false);
    const observerId = sql1(db, "SELECT id FROM users WHERE login = 'observer'");
    res = await secadmin.req(`/api/v1/admin/tokens?user=${observerId}`);
    assert.equal(res.status, 200);
    assert.ok(Client.json(res).items.some((x) => x.id === t2.id && x.live));
    res = await observer.req(`/api/v1/admin/tokens?user=${observerId}`);
    assert.equal(res.status, 403);
    res = await secadmin.req(`/api/v1/admin/tokens/${t2.id}`, { method: 'DELETE', headers: { 'X-CSRF-Token': secadmin.csrf } });
    assert.equal(res.status, 204);
    assert.equal(await works(t2.token), false);
    assert.equal(sql1(db, "SELECT count(*) FROM audit WHERE action = 'token.revoke' AND actor = 'secadmin'"), '1');
});
