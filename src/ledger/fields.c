/*
** fields.c: text-field limits (fields.h), one row per field name.
*/
#include "ledger/fields.h"

#include "base/arena.h"
#include "base/utf8.h"

static const FieldLimit limits[] = {
    {"text", 20000, "整改进展"},        /* a progress report */
    {"comment", 20000, "说明"},         /* a transition's comment or reason */
    {"login", 64, "账号"},
    {"display_name", 200, "姓名"},          /* a name, possibly with unit and post */
    {"name", 200, "名称"},              /* a unit's or a token's name */
    {"short_name", 200, "简称"},
    {"password", 256, "密码"},
    {"old", 256, "原密码"},
    {"new", 256, "新密码"},
    {"again", 256, "确认密码"},
    {"next", 1024, "跳转地址"},
    {"csrf", 128, "令牌"},
    {"action", 32, "操作"},
    {"kind", 32, "类型"},
    {"state", 32, "状态"},
    {"roles", 200, "角色"},
    {"unit", 200, "单位"},
};

static const FieldLimit fallback = {"", FIELD_DEFAULT_MAX, "输入内容"};

const FieldLimit *fields_limit(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(limits); i++)
        if (strcmp(limits[i].name, name) == 0)
            return &limits[i];
    return &fallback;
}

const char *fields_check(Arena *arena, const char *name, const char *value, size_t len)
{
    const FieldLimit *f = fields_limit(name);
    /* Cheap first: a value of at most max bytes has at most max characters. */
    if (len <= (size_t)f->max_chars)
        return NULL;
    size_t chars = utf8_length(value, len);
    if (chars <= (size_t)f->max_chars)
        return NULL;
    return arena_printf(arena, "“%s”不能超过%d字（现为%zu字），请精简后重试。", f->label,
                        f->max_chars, chars);
}
