/*
** texts.c: English failure messages → the Chinese the pages show (texts.h).
*/
#include "web/texts.h"

#include "ledger/admin.h"

/* By the start of the English message; the first match wins. */
static const struct {
    const char *start;
    const char *text;
} texts[] = {
    /* password policy (base/password.c) and the password change (web/auth.c) */
    {"the password needs at least", "密码至少需要8个字符。"},
    {"the password needs three", "密码须包含大写字母、小写字母、数字、其他字符中的至少三类。"},
    {"the password is longer", "密码过长（不超过128字节）。"},
    {"the current password", "当前密码不正确。"},
    {"the new password must differ", "新密码不能与当前密码相同。"},
    /* administration (ledger/admin.c) */
    {"a login needs", "账号须为1至64位的字母、数字或 . _ - 字符。"},
    {"a user needs a display name", "请填写姓名。"},
    {"the login '", "该账号已存在，请换一个账号名。"},
    {"no unit with id", "所选单位不存在。"},
    {"an administrator cannot change their own roles", "管理员不能修改自己的角色。"},
    {"an administrator cannot lock their own account", "不能锁定自己的账号。"},
    {"a unit needs a name", "请填写单位名称。"},
    {"a unit named", "同名单位已存在。"},
    /* 三员分立 (ledger/admin.c) */
    {"administrator accounts are made", "管理员账号只能在服务器命令行建立（三员分立）。"},
    {"administrator roles are changed", "管理员角色只能在服务器命令行修改，管理员不能修改管理员账号的角色（三员分立）。"},
    {"an administrator account's password", "管理员账号的密码只能在服务器命令行重置（三员分立）。"},
    {"the last active", "该账号是此管理员角色的最后一名在用账号，不能取消其角色或锁定（三员分立）。"},
};

const char *texts_error(const char *msg, const char *fallback)
{
    for (int p = ROLES_OK + 1; p < ROLES__COUNT; p++)
        if (strcmp(msg, roles_problem_message((RolesProblem)p)) == 0)
            return roles_problem_label((RolesProblem)p);
    for (int p = PASSWORD_OK + 1; p <= PASSWORD_DEMO; p++)
        if (strcmp(msg, password_problem_message((PasswordProblem)p)) == 0)
            return password_problem_label((PasswordProblem)p);
    for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
        if (strncmp(msg, texts[i].start, strlen(texts[i].start)) == 0)
            return texts[i].text;
    return fallback;
}
