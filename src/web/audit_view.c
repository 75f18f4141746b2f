/*
** audit_view.c: the audit log in the auditor's words (audit_view.h). The detail formats read
** here are the ones their writers produce: ledger/apply.c (measure.*), ledger/admin.c (user.*,
** unit.*), web/auth.c (login*, logout, password, tokens), report/report.c, import/write.c.
*/
#include "web/audit_view.h"

#include "db/vocab.h"
#include "web/view.h"

const char *audit_view_action_label(const char *action)
{
    return vocab_label_of(VOCAB_AUDIT_ACTION, action, NULL);
}

static const ViewWord kinds[] = {
    {"measure", "措施"},
    {"user", "账号"},
    {"unit", "单位"},
    {"inspection", "整改任务"},
};

bool audit_view_object(const char *object, char kind[16], int64_t *id, const char **kind_label)
{
    *kind_label = NULL;
    *id = 0;
    kind[0] = 0;
    const char *colon = object ? strchr(object, ':') : NULL;
    if (!colon || colon == object || colon - object >= 16 ||
        !request_parse_id(colon + 1, strlen(colon + 1), id))
        return false;
    memcpy(kind, object, (size_t)(colon - object));
    kind[colon - object] = 0;
    *kind_label = view_word(kinds, ARRAY_SIZE(kinds), kind);
    return *kind_label != NULL;
}

/* The text between the first pair of single quotes after `after` in s, into b; false if none. */
static bool quoted(Buf *b, const char *s, const char *after)
{
    const char *p = after ? strstr(s, after) : s;
    const char *q = p ? strchr(p + (after ? strlen(after) : 0), '\'') : NULL;
    const char *e = q ? strchr(q + 1, '\'') : NULL;
    if (!e)
        return false;
    buf_append(b, q + 1, (size_t)(e - q - 1));
    return true;
}

/* The client address after " from " in s (up to ';' or the end), into b. */
static void from_address(Buf *b, const char *s)
{
    const char *p = strstr(s, " from ");
    if (!p)
        return;
    p += 6;
    size_t n = strcspn(p, ";");
    buf_puts(b, "（来自 ");
    buf_append(b, p, n);
    buf_puts(b, "）");
}

/* Roles "office,unit" as "巡改办、单位". */
static void roles_text(Buf *b, const char *s, size_t n)
{
    bool first = true;
    while (n > 0) {
        size_t k = 0;
        while (k < n && s[k] != ',')
            k++;
        char name[32];
        if (k < sizeof name) {
            memcpy(name, s, k);
            name[k] = 0;
            int r = model_role_parse(name);
            if (!first)
                buf_puts(b, "、");
            buf_puts(b, r >= 0 ? model_role_label((Role)r) : name);
            first = false;
        }
        s += k + (k < n);
        n -= k + (k < n);
    }
    if (first)
        buf_puts(b, "无");
}

static void measure_detail(Buf *b, const char *action, const char *d)
{
    const char *arrow = strstr(d, " -> ");
    if (!arrow) {
        buf_puts(b, d);
        return;
    }
    char from[32], to[32];
    size_t nf = (size_t)(arrow - d);
    const char *t = arrow + 4;
    size_t nt = strcspn(t, ":");
    if (nf >= sizeof from || nt >= sizeof to) {
        buf_puts(b, d);
        return;
    }
    memcpy(from, d, nf);
    from[nf] = 0;
    memcpy(to, t, nt);
    to[nt] = 0;
    if (strcmp(from, to) != 0) {
        buf_puts(b, "状态由“");
        buf_puts(b, view_state_name_label(from));
        buf_puts(b, "”变为“");
        buf_puts(b, view_state_name_label(to));
        buf_puts(b, "”");
    } else {
        buf_puts(b, "状态仍为“");
        buf_puts(b, view_state_name_label(from));
        buf_puts(b, "”");
    }
    const char *comment = t[nt] == ':' ? t + nt + 1 : NULL;
    while (comment && *comment == ' ')
        comment++;
    if (comment && *comment) {
        bool reason = strcmp(action, "measure.return") == 0 ||
                      strcmp(action, "measure.relapse") == 0 ||
                      strcmp(action, "measure.waive_evidence") == 0;
        buf_puts(b, strcmp(action, "measure.report") == 0 ? "；进展：" : reason ? "；理由：" : "；意见：");
        buf_puts(b, comment);
    }
    /* One full stop, also after a comment that ends with its own. */
    static const char *const ends[] = {"。", "！", "？", "."};
    for (size_t i = 0; i < ARRAY_SIZE(ends); i++)
        if (b->len >= strlen(ends[i]) &&
            strcmp(b->data + b->len - strlen(ends[i]), ends[i]) == 0)
            return;
    buf_puts(b, "。");
}

static void login_detail(Buf *b, const AuditEntry *e)
{
    const char *d = e->detail;
    const char *a = e->action;
    if (strcmp(a, "login") == 0) {
        buf_puts(b, "登录成功");
    } else if (strcmp(a, "login.failed") == 0) {
        if (strcmp(e->object, "user") == 0 || strncmp(e->object, "login:", 6) == 0) {
            buf_puts(b, "以不存在的账号“");
            quoted(b, d, NULL);
            buf_puts(b, "”尝试登录");
        } else {
            buf_puts(b, "密码错误，登录失败");
        }
    } else if (strcmp(a, "login.lockout") == 0) {
        int n = 0, minutes = 0;
        if (sscanf(d, "%d failures in a row; locked for %d minutes", &n, &minutes) == 2)
            buf_printf(b, "连续 %d 次输错密码，锁定 %d 分钟。", n, minutes);
        else
            buf_puts(b, d);
        return;
    } else if (strstr(d, "locked after failures")) {
        buf_puts(b, "账号因连续输错密码暂时锁定，登录被拒绝");
    } else if (strstr(d, "; account ")) {
        buf_puts(b, "账号已被锁定或停用，登录被拒绝");
    } else {
        buf_puts(b, d);
        return;
    }
    from_address(b, d);
    buf_puts(b, "。");
}

static void user_detail(Buf *b, const char *a, const char *d)
{
    Buf login = BUF_INIT;
    if (strcmp(a, "user.create") == 0) {
        buf_puts(b, "新建账号“");
        quoted(b, d, "login ");
        buf_puts(b, "”，姓名“");
        quoted(b, d, "name ");
        buf_puts(b, "”，角色：");
        const char *r = strstr(d, "roles '");
        const char *e = r ? strchr(r + 7, '\'') : NULL;
        if (e)
            roles_text(b, r + 7, (size_t)(e - r - 7));
        buf_puts(b, "。");
    } else if (!quoted(&login, d, NULL)) {
        buf_puts(b, d);
    } else if (strcmp(a, "user.roles") == 0) {
        /* "'login': 'a,b' -> 'c'" */
        const char *p = strstr(d, ": '");
        const char *pe = p ? strchr(p + 3, '\'') : NULL;
        const char *q = pe ? strstr(pe, "-> '") : NULL;
        const char *qe = q ? strchr(q + 4, '\'') : NULL;
        buf_puts(b, "账号“");
        buf_puts(b, login.data);
        if (qe) {
            buf_puts(b, "”的角色由“");
            roles_text(b, p + 3, (size_t)(pe - p - 3));
            buf_puts(b, "”改为“");
            roles_text(b, q + 4, (size_t)(qe - q - 4));
            buf_puts(b, "”。");
        } else {
            buf_puts(b, "”的角色已修改。");
        }
    } else {
        const char *what = strcmp(a, "user.lock") == 0     ? "锁定账号“"
                           : strcmp(a, "user.unlock") == 0 ? "解锁账号“"
                           : strcmp(a, "user.password_reset") == 0 ? "重置账号“"
                                                                    : "修改账号“";
        buf_puts(b, what);
        buf_puts(b, login.data);
        if (strcmp(a, "user.password_reset") == 0) {
            buf_puts(b, "”的密码，下次登录须修改密码。");
        } else if (strcmp(a, "user.update") == 0) {
            Buf old = BUF_INIT, now = BUF_INIT;
            if (quoted(&old, d, "name ") && quoted(&now, d, "-> ") && strcmp(old.data, now.data)) {
                buf_puts(b, "”：姓名由“");
                buf_puts(b, old.data);
                buf_puts(b, "”改为“");
                buf_puts(b, now.data);
                buf_puts(b, "”");
            } else {
                buf_puts(b, "”的姓名或单位");
            }
            buf_puts(b, "。");
            buf_free(&old);
            buf_free(&now);
        } else {
            buf_puts(b, "”。");
        }
    }
    buf_free(&login);
}

static const char *report_kind_label(const char *kind, size_t n)
{
    static const struct {
        const char *kind, *label;
    } ks[] = {{"tongbao", "整改进展情况通报"}, {"dispatch", "调度表"}, {"stats", "统计数据"},
              {"ledger", "整改台账"}};
    for (size_t i = 0; i < ARRAY_SIZE(ks); i++)
        if (strlen(ks[i].kind) == n && strncmp(ks[i].kind, kind, n) == 0)
            return ks[i].label;
    return NULL;
}

static void report_detail(Buf *b, const char *d)
{
    /* "report N: kind format, bytes, sha256 H, to T" */
    const char *p = strstr(d, ": ");
    const char *kind = p ? p + 2 : NULL;
    size_t nk = kind ? strcspn(kind, " ") : 0;
    const char *label = kind ? report_kind_label(kind, nk) : NULL;
    if (!label) {
        buf_puts(b, d);
        return;
    }
    const char *format = kind + nk + (kind[nk] == ' ');
    size_t nf = strcspn(format, ",");
    buf_puts(b, "生成“");
    buf_puts(b, label);
    buf_puts(b, "”（");
    for (size_t i = 0; i < nf && i < 8; i++)
        buf_putc(b, (char)((format[i] >= 'a' && format[i] <= 'z') ? format[i] - 32 : format[i]));
    buf_puts(b, " 格式");
    const char *bytes = format + nf + (format[nf] == ',');
    while (*bytes == ' ')
        bytes++;
    size_t nb = strspn(bytes, "0123456789");
    if (nb && strncmp(bytes + nb, " bytes", 6) == 0) {
        buf_puts(b, "，");
        buf_append(b, bytes, nb);
        buf_puts(b, " 字节");
    }
    buf_puts(b, "）。");
}

/* The remaining kinds with a known detail: "'name', parent …", "file 'f' sha256 h: N findings,
   M measures", "token N 'name'", "token N", "block b (label), N bytes". */
static void other_detail(Buf *b, const char *a, const char *d)
{
    Buf q = BUF_INIT;
    const char *p;
    if (strcmp(a, "unit.create") == 0 && quoted(&q, d, NULL)) {
        buf_puts(b, "新建单位“");
        buf_puts(b, q.data);
        buf_puts(b, "”。");
    } else if (strcmp(a, "inspection.import") == 0 && quoted(&q, d, "file ") &&
               (p = strstr(d, ": ")) != NULL) {
        int findings = 0, measures = 0;
        buf_puts(b, "导入文件“");
        buf_puts(b, q.data);
        if (sscanf(p + 2, "%d findings, %d measures", &findings, &measures) == 2)
            buf_printf(b, "”，共 %d 个反馈问题、%d 项整改措施。", findings, measures);
        else
            buf_puts(b, "”。");
    } else if (strcmp(a, vocab_name(VOCAB_AUDIT_ACTION, AUDIT_EXPORT_AUDIT)) == 0 && *d >= '0' && *d <= '9') {
        buf_puts(b, "导出审计日志 ");
        buf_append(b, d, strspn(d, "0123456789"));
        buf_puts(b, strstr(d, "truncated") ? " 条（达到单次导出上限）。" : " 条。");
    } else if (strcmp(a, "token.create") == 0 && quoted(&q, d, NULL)) {
        buf_puts(b, "创建接口令牌“");
        buf_puts(b, q.data);
        buf_puts(b, "”。");
    } else if (strcmp(a, "token.revoke") == 0 && strncmp(d, "token ", 6) == 0) {
        buf_puts(b, "吊销编号为 ");
        buf_append(b, d + 6, strspn(d + 6, "0123456789"));
        buf_puts(b, " 的接口令牌。");
    } else if (strcmp(a, "report.text.set") == 0 && (p = strchr(d, '(')) != NULL &&
               strchr(p, ')')) {
        buf_puts(b, "修改通报中的“");
        buf_append(b, p + 1, (size_t)(strchr(p, ')') - p - 1));
        buf_puts(b, "”。");
    } else {
        buf_puts(b, d);
    }
    buf_free(&q);
}

/*
** A read of an audited page ("PATH?QUERY from ADDR") and a refusal ("403 GET PATH (route P) from
** ADDR", perhaps "; and N earlier refusals of WHO not audited singly"), as sentences.
*/
static void access_detail(Buf *b, const char *a, const char *d)
{
    const char *from = strstr(d, " from ");
    if (!from) {
        buf_puts(b, d);
        return;
    }
    int status = 0, skip = 0;
    const char *what = d;
    if (strcmp(a, "read") != 0 && sscanf(d, "%d %*s %n", &status, &skip) == 1 && skip > 0)
        what = d + skip; /* past "403 GET " */
    const char *route = strstr(what, " (route ");
    const char *end = route && route < from ? route : from;
    buf_puts(b, strcmp(a, "read") == 0 ? "查阅 " : status == 404 ? "请求不存在或不可见的 " : "请求无权访问的 ");
    buf_append(b, what, (size_t)(end - what));
    from_address(b, d);
    long long earlier = 0;
    const char *and = strstr(from, "; and ");
    if (and && sscanf(and, "; and %lld earlier", &earlier) == 1)
        buf_printf(b, "；此前另有 %lld 次拒绝未逐条记录", earlier);
    buf_puts(b, "。");
}

void audit_view_detail(Buf *b, const AuditEntry *e)
{
    const char *a = e->action ? e->action : "";
    const char *d = e->detail ? e->detail : "";
    if (strncmp(a, "measure.", 8) == 0)
        measure_detail(b, a, d);
    else if (strncmp(a, "login", 5) == 0)
        login_detail(b, e);
    else if (strcmp(a, "logout") == 0)
        buf_puts(b, "退出登录。");
    else if (strcmp(a, "password.change") == 0)
        buf_puts(b, "修改了自己的登录密码。");
    else if (strncmp(a, "user.", 5) == 0)
        user_detail(b, a, d);
    else if (strcmp(a, "report.generate") == 0)
        report_detail(b, d);
    else if (strcmp(a, "demo.generate") == 0)
        buf_puts(b, "生成演示数据。");
    else if (strcmp(a, "read") == 0 || strncmp(a, "refused.", 8) == 0)
        access_detail(b, a, d);
    else
        other_detail(b, a, d);
}
