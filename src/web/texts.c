/*
** texts.c: the Chinese of every failure a page shows its user, by message id (texts.h).
*/
#include "web/texts.h"

static const char *const texts[MSG__COUNT] = {
    [MSG_NONE] = NULL,
    [MSG_PASSWORD_TOO_SHORT] = "密码至少需要8个字符。",
    [MSG_PASSWORD_TOO_SIMPLE] = "密码须包含大写字母、小写字母、数字、其他字符中的至少三类。",
    [MSG_PASSWORD_TOO_LONG] = "密码过长（不超过128字节）。",
    [MSG_PASSWORD_WRONG] = "当前密码不正确。",
    [MSG_PASSWORD_UNCHANGED] = "新密码不能与当前密码相同。",
    [MSG_LOGIN_INVALID] = "账号须为1至64位的字母、数字或 . _ - 字符。",
    [MSG_LOGIN_TAKEN] = "该账号已存在，请换一个账号名。",
    [MSG_DISPLAY_NAME_MISSING] = "请填写姓名。",
    [MSG_UNIT_UNKNOWN] = "所选单位不存在。",
    [MSG_ROLE_UNKNOWN] = "所选角色不存在。",
    [MSG_ROLES_TWO_ADMINS] =
        "系统管理员、安全管理员、审计管理员须由三个不同的账号分别担任（三员分立）。",
    [MSG_ROLES_ADMIN_AND_BUSINESS] =
        "管理员角色不能与业务角色（巡改办、领导、单位、纪检、观察）同时授予同一账号。",
    [MSG_OWN_ROLES] = "管理员不能修改自己的角色。",
    [MSG_OWN_LOCK] = "不能锁定自己的账号。",
    [MSG_UNIT_NAME_MISSING] = "请填写单位名称。",
    [MSG_UNIT_NAME_TAKEN] = "同名单位已存在。",
    [MSG_ACTION_FORBIDDEN] = "您的账号不能对该整改措施执行此项操作。",
    [MSG_ACTION_STATE] = "该措施的当前状态不允许此项操作，可能已被他人办理，请刷新后重试。",
    [MSG_ACTION_NEEDS_TEXT] = "请填写整改进展情况。",
    [MSG_ACTION_NEEDS_REASON] = "请填写理由。",
    [MSG_CLOSE_NO_REPORT] = "尚未报送整改进展，不能申请销号。",
    [MSG_CLOSE_NO_EVIDENCE] = "尚未上传佐证材料，不能申请销号（巡改办可说明理由后免交）。",
    [MSG_SIGNOFF_NOT_REQUIRED] = "本次整改未设领导签批环节。",
    [MSG_SIGNOFF_FIRST] = "需先经责任领导签批，方可核查销号。",
    [MSG_ONSITE_PENDING] = "实地复核尚未通过，不能核查销号。",
    [MSG_RETURN_AFTER_LEAD] = "牵头单位审核通过后，只有巡改办可以退回。",
    [MSG_FOUR_EYES_SUBMITTER] =
        "该销号申请由您提交，提交人不能审核自己的申请，须由其他人员（如本单位负责人）审核。",
    [MSG_FOUR_EYES_APPROVER] = "您已在前一环节审核过该销号申请，须由其他人员办理此环节。",
    [MSG_PASSWORD_COMMON] = "该密码过于常见（在常用密码名单中），请换一个。",
    [MSG_PASSWORD_HAS_LOGIN] = "密码中不能包含账号。",
    [MSG_PASSWORD_HAS_NAME] = "密码中不能包含姓名。",
    [MSG_PASSWORD_DEMO] = "演示密码是公开的，不能使用，请换一个。",
    [MSG_ADMIN_SEPARATION] =
        "管理员账号的建立、角色和密码只能由服务器操作人员在命令行办理，管理员之间不能相互修改（三员分立）。",
    [MSG_ADMIN_LAST] = "该账号是此管理员角色的最后一名在用账号，不能取消其角色或锁定（三员分立）。",
    [MSG_ADMIN_CHOOSES_PASSWORD] = "管理员不能为他人设定密码，重置时系统生成一次性密码（三员分立）。",
};

const char *texts_message(MsgId id)
{
    return (unsigned)id < MSG__COUNT ? texts[id] : NULL;
}

const char *texts_error(const Err *err, const char *fallback)
{
    const char *text = texts_message(err->id);
    return text ? text : fallback;
}
