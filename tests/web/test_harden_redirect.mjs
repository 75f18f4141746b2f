// test_harden_redirect.mjs (issue 10, item 5): after login the browser goes only to a page of
// the route table. next=/%09/evil.example (a tab that browsers strip, leaving //evil.example)
// and every other way off the site lead to "/"; real pages, with their query, are kept.
import { assert, run, tempDir, demoDb, startServer, Client, DEMO_PASSWORD } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-redirect');
    const db = demoDb(dir);
    // Many logins of one account in a row: above the default per-account rate limit.
    const server = await startServer(db, '--rate-login', '600');
    const offsite = ['/\t/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/',
        '/%2F/evil.example', '/\n/evil.example', '/ /evil.example', 'javascript:alert(1)',
        '/measures/1/../../x', '/api/v1/session', '/login', '/measures/abc', '/no/such/page'];
    const local = ['/measures/12', '/measures?light=red&unit=3', '/inspections/1', '/dashboard'];
    // leader01 must change its first password: the redirect then goes to /account?first=1,
    // so change it once and log in with the new one from then on.
    const c = new Client(server);
    await c.apiLogin('leader01', DEMO_PASSWORD);
    await c.changePassword(DEMO_PASSWORD, 'Lx9!harden-redirect');
    const loginNew = async (next) => {
        const res = await new Client(server).req('/login',
            { form: { login: 'leader01', password: 'Lx9!harden-redirect', next, csrf: null } });
        assert.equal(res.status, 303);
        return res.location;
    };
    for (const next of offsite)
        assert.equal(await loginNew(next), '/', `next=${JSON.stringify(next)}`);
    for (const next of local)
        assert.equal(await loginNew(next), next, `next=${JSON.stringify(next)}`);
    // The login page's hidden field is filtered the same way.
    const page = await new Client(server).req('/login?next=' + encodeURIComponent('/\t/evil.example'));
    assert.match(page.text, /name="next" value="\/"/);
});
