/*
** texts.c: English failure messages → the Chinese the pages show (texts.h).
*/
#include "web/texts.h"

#include "ledger/admin.h"
#include "ledger/workflow.h"

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
};

const char *texts_error(const char *msg, const char *fallback)
{
    for (int p = ROLES_OK + 1; p < ROLES__COUNT; p++)
        if (strcmp(msg, roles_problem_message((RolesProblem)p)) == 0)
            return roles_problem_label((RolesProblem)p);
    for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
        if (strncmp(msg, texts[i].start, strlen(texts[i].start)) == 0)
            return texts[i].text;
    return fallback;
}

const char *texts_refusal(const Measure *m, const Actor *actor, Action a, bool require_signoff,
                          const Err *err)
{
    switch (err->code) {
    case ERR_FORBIDDEN:
        /* Four eyes (workflow_check): the submitter, then each approver, is listed. */
        for (int i = 0; i < m->n_closeout_actors; i++)
            if (actor->user_id && m->closeout_actor_ids[i] == actor->user_id)
                return i == 0 ? "该销号申请由您提交，提交人不能审核自己的申请，"
                                "须由其他人员（如本单位负责人）审核。"
                              : "您已在前一环节审核过该销号申请，须由其他人员办理此环节。";
        if (a == ACTION_RETURN && m->state != STATE_SUBMITTED)
            return "牵头单位审核通过后，只有巡改办可以退回。";
        return "您的账号不能对该整改措施执行此项操作。";
    case ERR_CONFLICT:
        if (a == ACTION_SIGN_OFF && !require_signoff)
            return "本次整改未设领导签批环节。";
        if (a == ACTION_VERIFY && require_signoff && m->state == STATE_LEAD_APPROVED)
            return "需先经责任领导签批，方可核查销号。";
        return "该措施的当前状态不允许此项操作，可能已被他人办理，请刷新后重试。";
    case ERR_INPUT:
        if (a == ACTION_REQUEST_CLOSE && m->n_reports == 0)
            return "尚未报送整改进展，不能申请销号。";
        if (a == ACTION_REQUEST_CLOSE)
            return "尚未上传佐证材料，不能申请销号（巡改办可说明理由后免交）。";
        if (a == ACTION_VERIFY)
            return "实地复核尚未通过，不能核查销号。";
        return a == ACTION_REPORT ? "请填写整改进展情况。" : "请填写理由。";
    default:
        return "系统暂时无法完成该操作，请稍后重试。";
    }
}

