// test_harden_passwords.mjs (issue 10, items 2 and 11).
// 11: common passwords (Password1, Qwerty123, Admin@123), the login or the display name inside
//     the password are refused; a password older than --password-days must be changed first.
// 2:  三员分立 - a secadmin's reset gives a one-time password shown once (a password it types is
//     ignored), the user must change it; no admin changes an admin account's roles, resets its
//     password, grants an admin role, or removes/locks the last holder of an admin role.
import { assert, run, tempDir, demoDb, startServer, setupRoles, Client, sql, sql1, pick, NEW_PASSWORD } from './lib.mjs';

run(async () => {
    const dir = tempDir('harden-passwords');
    const db = demoDb(dir);
    const server = await startServer(db, '--password-days', '30');
    const { office, secadmin } = await setupRoles(server, { office: 'office', secadmin: 'secadmin' });

    // 11: weak passwords refused with the reason, in Chinese.
    const name = sql1(db, "SELECT display_name FROM users WHERE login = 'office'");
    const weak = [['Password1', /过于常见/], ['Qwerty123', /过于常见/], ['Admin@123', /过于常见/],
        ['P@ssw0rd!', /过于常见/], ['Summer#2024', /过于常见/], ['xX-Office-2026', /不能包含账号/],
        [`Ab1#${name}`, /不能包含姓名/]];
    for (const [pw, why] of weak) {
        const res = await office.req('/account/password', { form: { old: NEW_PASSWORD, new: pw, again: pw } });
        assert.equal(res.status, 422, `${pw} accepted`);
        assert.match(res.text, why, pw);
    }
    // Expiry: a password set 31 days ago must be changed before anything else.
    sql1(db, 'UPDATE users SET password_changed_at = ' + pick(db, "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 days')",
        `to_char(now() AT TIME ZONE 'UTC' - interval '31 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`) +
        " WHERE login = 'office' RETURNING id");
    let res = await office.req('/dashboard');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account?first=1');
    await office.changePassword(NEW_PASSWORD, 'Tongyi#Kaishi7');
    assert.equal((await office.req('/dashboard')).status, 200);

    // 2: a reset gives a one-time password; what the secadmin typed is not it.
    const id = (login) => sql1(db, `SELECT id FROM users WHERE login = '${login}'`);
    res = await secadmin.req(`/admin/users/${id('unit01')}/reset-password`, { form: { password: 'Chosen#Pass9' } });
    assert.equal(res.status, 200, `reset: ${res.status}`);
    assert.match(res.headers.get('cache-control') || '', /no-store/);
    const otp = /一次性密码：([A-Za-z0-9-]{14})/.exec(res.text)?.[1];
    assert.ok(otp, 'the one-time password is shown');
    assert.equal((await new Client(server).apiLogin('unit01', 'Chosen#Pass9')).status, 401);
    const u = new Client(server);
    res = await u.apiLogin('unit01', otp);
    assert.equal(res.status, 201);
    assert.equal(Client.json(res).user.must_change_password, true);
    assert.equal(sql1(db, "SELECT count(*) FROM audit WHERE detail LIKE '%" + otp + "%'"), '0');

    // No admin touches an admin account's roles or password; no admin role is granted on the web.
    const roles = () => sql(db, 'SELECT user_id || role FROM user_role ORDER BY 1').join(',');
    const before = roles();
    const refusals = [
        [`/admin/users/${id('auditor')}/roles`, { role: 'observer' }],
        [`/admin/users/${id('sysadmin')}/roles`, { role: ['sysadmin', 'secadmin'] }],
        [`/admin/users/${id('office01')}/roles`, { role: 'auditor' }],
        [`/admin/users/${id('auditor')}/reset-password`, {}],
        [`/admin/users/${id('auditor')}/lock`, {}],
    ];
    for (const [path, form] of refusals) {
        const body = new URLSearchParams({ csrf: secadmin.csrf });
        for (const [k, v] of Object.entries(form))
            for (const x of [].concat(v))
                body.append(k, x);
        res = await secadmin.req(path, { method: 'POST', body: body.toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.ok(res.status === 403 || res.status === 422, `${path}: ${res.status} ${res.text.match(/class="alert[^>]*>[^<]*/)}`);
        assert.match(res.text, /三员分立/);
    }
    assert.equal(roles(), before);
    assert.equal(sql1(db, "SELECT state FROM users WHERE login = 'auditor'"), 'active');
    // A business account's roles still change.
    res = await secadmin.req(`/admin/users/${id('office01')}/roles`, { form: { role: 'observer' } });
    assert.equal(res.status, 303);
});
