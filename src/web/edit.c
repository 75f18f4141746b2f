/*
** edit.c: reading edits from forms and JSON alike (edit.h).
*/
#include "web/edit.h"

#include "db/edit_store.h"
#include "db/finding_store.h"
#include "db/org_store.h"
#include "web/access.h"
#include "web/api.h"
#include "web/routes.h"

void edit_fault(EditFaults *f, const char *field, const char *text)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->fields[i], field) == 0)
            return;
    if (f->n < 16) {
        f->fields[f->n] = field;
        f->texts[f->n] = text;
        f->n++;
    }
}

const char *edit_fault_text(const EditFaults *f, const char *field)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->fields[i], field) == 0)
            return f->texts[i] ? f->texts[i] : "请检查此项。";
    return NULL;
}

/*
** The value of name as text: the form parameter, or the JSON member (strings as they are,
** integers in decimal, true/false as "1"/"", null as ""). *present false when absent; a JSON
** member of another type is a fault.
*/
static const char *get(EditIn *e, const char *name, bool *present, EditFaults *faults)
{
    if (!e->body) {
        const char *v = request_form(e->r, name);
        *present = v != NULL;
        return v ? v : "";
    }
    json_t *v = json_object_get(e->body, name);
    *present = v != NULL;
    if (!v || json_is_null(v))
        return "";
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(&e->r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "";
    edit_fault(faults, name, NULL);
    return "";
}

/* A text field: trimmed of surrounding ASCII spaces, kept when absent. */
static void read_text(EditIn *e, const char *name, const char **out, EditFaults *faults)
{
    bool present;
    const char *v = get(e, name, &present, faults);
    if (!present)
        return;
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        n--;
    *out = arena_strndup(&e->r->arena, v, n);
}

static void read_day(EditIn *e, const char *name, Day *out, EditFaults *faults)
{
    bool present;
    const char *v = get(e, name, &present, faults);
    if (!present)
        return;
    if (!*v) {
        *out = DAY_NONE;
        return;
    }
    Day d;
    if (date_parse(v, strlen(v), &d) < 0)
        edit_fault(faults, name, "请填写有效日期（如 2026-06-30）。");
    else
        *out = d;
}

/* A checkbox: a form sends it only when ticked; JSON true/false. */
static void read_bool(EditIn *e, const char *name, bool *out, EditFaults *faults)
{
    bool present;
    const char *v = get(e, name, &present, faults);
    if (!e->body)
        *out = present && *v && strcmp(v, "0") != 0;
    else if (present)
        *out = *v != '\0';
}

static void read_int(EditIn *e, const char *name, int lo, int hi, int *out, EditFaults *faults)
{
    bool present;
    const char *v = get(e, name, &present, faults);
    if (!present || (!*v && !e->body))
        return;
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi)
        edit_fault(faults, name, NULL);
    else
        *out = (int)x;
}

/* An enumeration by its stored name; parse returns -1 for an unknown name. */
static void read_enum(EditIn *e, const char *name, int (*parse)(const char *), int *out,
                      EditFaults *faults)
{
    bool present;
    const char *v = get(e, name, &present, faults);
    if (!present)
        return;
    int x = parse(v);
    if (x < 0)
        edit_fault(faults, name, NULL);
    else
        *out = x;
}

/* Faults of plan_check_* (English field names) added with the generic text. */
static void add_checks(EditFaults *faults, const char **fields, int n)
{
    for (int i = 0; i < n; i++)
        edit_fault(faults, fields[i],
                   strcmp(fields[i], "title") == 0 ? "请填写标题（不超过1000字节）。" : NULL);
}

void edit_read_inspection(EditIn *e, Inspection *in, EditFaults *faults)
{
    int kind = (int)in->kind, cycle = (int)in->report_cycle;
    read_enum(e, "kind", model_inspection_kind_parse, &kind, faults);
    in->kind = (InspectionKind)kind;
    read_text(e, "title", &in->title, faults);
    read_text(e, "superior", &in->superior, faults);
    read_text(e, "group_name", &in->group_name, faults);
    read_text(e, "target", &in->target, faults);
    read_day(e, "onsite_start", &in->onsite_start, faults);
    read_day(e, "onsite_end", &in->onsite_end, faults);
    read_day(e, "feedback_on", &in->feedback_on, faults);
    read_day(e, "concentrated_end", &in->concentrated_end, faults);
    read_enum(e, "report_cycle", model_cycle_parse, &cycle, faults);
    in->report_cycle = (ReportCycle)cycle;
    read_int(e, "report_due_day", 0, 28, &in->report_due_day, faults);
    read_int(e, "warn_days", 0, 90, &in->warn_days, faults);
    read_int(e, "revisit_months", INSPECTION_REVISIT_MIN, INSPECTION_REVISIT_MAX,
             &in->revisit_months, faults);
    read_bool(e, "require_signoff", &in->require_signoff, faults);
    read_bool(e, "require_onsite", &in->require_onsite, faults);
    read_text(e, "contact_phone", &in->contact_phone, faults);
    read_text(e, "contact_email", &in->contact_email, faults);
    read_text(e, "contact_address", &in->contact_address, faults);
    const char *fields[16];
    int n;
    plan_check_inspection(in, fields, &n);
    add_checks(faults, fields, n);
}

void edit_read_finding(EditIn *e, Finding *f, EditFaults *faults)
{
    int level = (int)f->level;
    read_enum(e, "level", model_level_parse, &level, faults);
    f->level = (FindingLevel)level;
    read_text(e, "title", &f->title, faults);
    read_text(e, "body", &f->body, faults);
    bool present;
    const char *parent = get(e, "parent_id", &present, faults);
    if (present && *parent) {
        int64_t id;
        if (request_parse_id(parent, strlen(parent), &id))
            f->parent_id = id;
        else
            edit_fault(faults, "parent_id", NULL);
    }
    const char *fields[16];
    int n;
    plan_check_finding(f, fields, &n);
    add_checks(faults, fields, n);
}

/* --- Owners --- */

/*
** Split a form's list of names at 、，, ; and new lines into trimmed, non-empty names; a
** separator inside brackets （…） or (…) belongs to the name ("张三（区委常委、副区长）").
** Returns the count, or -1 when there are more than max.
*/
static int split_names(Arena *arena, const char *s, const char **out, int max)
{
    static const char *const seps[] = {"、", "，", ",", "；", ";", "\n", "\r"};
    static const char *const opens[] = {"（", "("}, *const closes[] = {"）", ")"};
    int n = 0, depth = 0;
    const char *start = s, *p = s;
    for (;;) {
        size_t sep_len = 0;
        if (*p) {
            for (size_t i = 0; i < ARRAY_SIZE(opens); i++) {
                if (strncmp(p, opens[i], strlen(opens[i])) == 0)
                    depth++;
                if (strncmp(p, closes[i], strlen(closes[i])) == 0 && depth > 0)
                    depth--;
            }
            for (size_t i = 0; depth == 0 && i < ARRAY_SIZE(seps) && !sep_len; i++)
                if (strncmp(p, seps[i], strlen(seps[i])) == 0)
                    sep_len = strlen(seps[i]);
        }
        if (*p && !sep_len) {
            p++;
            continue;
        }
        const char *a = start, *b = p;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            if (n == max)
                return -1;
            out[n++] = arena_strndup(arena, a, (size_t)(b - a));
        }
        if (!*p)
            return n;
        p += sep_len;
        start = p;
    }
}

/* A unit by its full or short name; a fault naming it when unknown. */
static int64_t unit_named(EditIn *e, const char *name, const char *field, EditFaults *faults)
{
    int64_t id = 0;
    Err err = ERR_INIT;
    if (unit_store_find(e->r->db, name, &id, &err) < 0 || !id) {
        edit_fault(faults, field, arena_printf(&e->r->arena, "没有名为“%s”的单位。", name));
        return 0;
    }
    return id;
}

/* A person by "姓名" or "姓名（职务）"; a fault when unknown or ambiguous. */
static int64_t person_named(EditIn *e, const char *text, EditFaults *faults)
{
    Arena *a = &e->r->arena;
    const char *name = text, *post = NULL;
    const char *open = strstr(text, "（");
    size_t n = strlen(text);
    if (open && n >= 3 && strcmp(text + n - 3, "）") == 0) {
        name = arena_strndup(a, text, (size_t)(open - text));
        post = arena_strndup(a, open + 3, (size_t)(text + n - 3 - (open + 3)));
    }
    int64_t id;
    int count;
    Err err = ERR_INIT;
    if (edit_store_person_by_name(e->r->db, name, post, &id, &count, &err) < 0 || count == 0) {
        edit_fault(faults, "leaders", arena_printf(a, "没有名为“%s”的人员。", text));
        return 0;
    }
    if (count > 1) {
        edit_fault(faults, "leaders", arena_printf(a, "“%s”有重名，请写成“姓名（职务）”。", text));
        return 0;
    }
    return id;
}

/* JSON: an array of positive ids. */
static int json_ids(EditIn *e, const char *name, int64_t **out, int *n, EditFaults *faults)
{
    json_t *v = json_object_get(e->body, name);
    if (!v)
        return 0;
    if (!json_is_array(v) || json_array_size(v) > PLAN_OWNERS_MAX) {
        edit_fault(faults, name, NULL);
        return 0;
    }
    int64_t *ids = ARENA_ARRAY(&e->r->arena, int64_t, json_array_size(v) + 1);
    size_t i;
    json_t *x;
    int k = 0;
    json_array_foreach(v, i, x)
    {
        if (!json_is_integer(x) || json_integer_value(x) <= 0) {
            edit_fault(faults, name, NULL);
            return 0;
        }
        ids[k++] = json_integer_value(x);
    }
    *out = ids;
    *n = k;
    return 1;
}

/* JSON ids must name existing rows: a unit id or a person id. */
static void check_ids(EditIn *e, const char *field, const int64_t *ids, int n, bool units,
                      EditFaults *faults)
{
    for (int i = 0; i < n; i++) {
        Err err = ERR_INIT;
        Unit u;
        Person p;
        int rc = units ? unit_store_get(e->r->db, &e->r->arena, ids[i], &u, &err)
                       : person_store_get(e->r->db, &e->r->arena, ids[i], &p, &err);
        if (rc < 0) {
            edit_fault(faults, field, NULL);
            return;
        }
    }
}

static void read_owners_json(EditIn *e, Measure *m, EditFaults *faults)
{
    json_t *lead = json_object_get(e->body, "lead_unit_id");
    if (lead) {
        if (json_is_null(lead))
            m->lead_unit_id = 0;
        else if (json_is_integer(lead) && json_integer_value(lead) > 0)
            m->lead_unit_id = json_integer_value(lead);
        else
            edit_fault(faults, "lead_unit_id", NULL);
        if (m->lead_unit_id)
            check_ids(e, "lead_unit_id", &m->lead_unit_id, 1, true, faults);
    }
    if (json_ids(e, "co_unit_ids", &m->co_unit_ids, &m->n_co_units, faults))
        check_ids(e, "co_unit_ids", m->co_unit_ids, m->n_co_units, true, faults);
    if (json_ids(e, "leader_ids", &m->leader_ids, &m->n_leaders, faults))
        check_ids(e, "leader_ids", m->leader_ids, m->n_leaders, false, faults);
}

/*
** A form's list of units (persons when persons) in field name, matched by name into *ids, *n;
** more than PLAN_OWNERS_MAX is a fault saying too_many. Kept when the form has no such field.
*/
static void owner_list(EditIn *e, const char *name, bool persons, const char *too_many,
                       int64_t **ids, int *n, EditFaults *faults)
{
    const char *text = request_form(e->r, name);
    if (!text)
        return;
    const char *names[PLAN_OWNERS_MAX];
    int k = split_names(&e->r->arena, text, names, PLAN_OWNERS_MAX);
    if (k < 0)
        edit_fault(faults, name, too_many);
    *ids = ARENA_ARRAY(&e->r->arena, int64_t, PLAN_OWNERS_MAX);
    *n = 0;
    for (int i = 0; i < k; i++) {
        int64_t id =
            persons ? person_named(e, names[i], faults) : unit_named(e, names[i], name, faults);
        if (id)
            (*ids)[(*n)++] = id;
    }
}

static void read_owners_form(EditIn *e, Measure *m, EditFaults *faults)
{
    Arena *a = &e->r->arena;
    const char *names[PLAN_OWNERS_MAX];
    const char *lead = request_form(e->r, "lead_unit");
    if (lead) {
        int n = split_names(a, lead, names, 1);
        if (n < 0)
            edit_fault(faults, "lead_unit", "牵头单位只能填写一个。");
        m->lead_unit_id = n == 1 ? unit_named(e, names[0], "lead_unit", faults) : 0;
    }
    owner_list(e, "co_units", false, "责任单位最多20个。", &m->co_unit_ids, &m->n_co_units, faults);
    owner_list(e, "leaders", true, "责任领导最多20人。", &m->leader_ids, &m->n_leaders, faults);
}

void edit_read_measure(EditIn *e, Measure *m, EditFaults *faults)
{
    int kind = (int)m->kind;
    read_text(e, "title", &m->title, faults);
    read_text(e, "body", &m->body, faults);
    read_text(e, "target", &m->target, faults);
    read_enum(e, "kind", model_kind_parse, &kind, faults);
    m->kind = (MeasureKind)kind;
    read_day(e, "deadline", &m->deadline, faults);
    read_bool(e, "long_term", &m->long_term, faults);
    read_bool(e, "onsite_required", &m->onsite_required, faults);
    if (m->kind == KIND_LONG_TERM)
        m->long_term = true;
    if (e->body)
        read_owners_json(e, m, faults);
    else
        read_owners_form(e, m, faults);
    const char *fields[16];
    int n;
    plan_check_measure(m, fields, &n);
    add_checks(faults, fields, n);
    if (edit_fault_text(faults, "co_unit_ids") && !e->body)
        edit_fault(faults, "co_units", "责任单位不能与牵头单位相同。");
}

int64_t edit_version_or_reply(EditIn *e)
{
    const char *v = e->r->if_match;
    if (v) {
        while (*v == ' ' || *v == '"' || *v == 'W' || *v == '/')
            v++;
        if (*v == 'v')
            v++;
        int64_t x = 0;
        const char *p = v;
        while (*p >= '0' && *p <= '9' && x < INT64_MAX / 10)
            x = x * 10 + (*p++ - '0');
        if (p == v || x <= 0) {
            route_fail(e->r, 412, "precondition_failed",
                       "If-Match names no version of this object");
            return 0;
        }
        return x;
    }
    EditFaults ignored = {0};
    bool present;
    const char *s = get(e, "version", &present, &ignored);
    int64_t x;
    if (present && request_parse_id(s, strlen(s), &x))
        return x;
    const char *fields[] = {"version"};
    route_fail_fields(e->r, 428, "precondition_required",
                      "send If-Match with the ETag or the version you edit", fields, 1);
    return 0;
}

bool edit_save_begin_or_reply(Request *r, int from, int versioned, EditSave *s)
{
    *s = (EditSave){.in = {r, NULL}, .actor = workflow_actor(&r->user)};
    if (from == EDIT_JSON && !(s->in.body = api_body_or_reply(r)))
        return false;
    if (versioned && !(s->version = edit_version_or_reply(&s->in))) {
        edit_save_end(s);
        return false;
    }
    return true;
}

void edit_save_end(EditSave *s)
{
    json_decref(s->in.body);
    s->in.body = NULL;
}

const char *edit_reason(EditIn *e)
{
    const char *reason = NULL;
    EditFaults ignored = {0};
    read_text(e, "reason", &reason, &ignored);
    return reason && *reason ? reason : NULL;
}

int edit_form_dir(Request *r)
{
    const char *dir = request_form(r, "dir");
    return dir && strcmp(dir, "up") == 0 ? -1 : dir && strcmp(dir, "down") == 0 ? 1 : 0;
}

Inspection edit_new_inspection(const User *u)
{
    Inspection in = {0};
    in.kind = INSPECTION_XUNCHA;
    in.report_cycle = CYCLE_MONTHLY;
    in.warn_days = 7;
    in.revisit_months = INSPECTION_REVISIT_DEFAULT;
    in.onsite_start = in.onsite_end = in.feedback_on = in.concentrated_end = DAY_NONE;
    in.published_on = DAY_NONE;
    in.org_unit_id = u->org_unit_id;
    in.title = in.superior = in.group_name = in.target = "";
    in.contact_phone = in.contact_email = in.contact_address = "";
    return in;
}

Measure edit_new_measure(const Finding *f, const Inspection *in)
{
    Measure m = {0};
    m.inspection_id = in->id;
    m.finding_id = f->id;
    m.kind = KIND_DATED;
    m.deadline = m.closed_on = m.revisit_due = DAY_NONE;
    m.onsite_required = in->require_onsite;
    m.title = m.body = m.target = m.label = "";
    return m;
}

bool edit_refused_or_reply(Request *r, const EditFaults *faults)
{
    if (faults && faults->n)
        r->err.code = ERR_INPUT;
    return route_refusal_or_reply(r, &r->err);
}

int edit_issue(Request *r, Inspection *in, PlanGap **gaps, int *n)
{
    PlanGap *unused_gaps;
    int unused_n;
    gaps = gaps ? gaps : &unused_gaps;
    n = n ? n : &unused_n;
    *n = 0;
    if (!edit_inspection_or_reply(r, in))
        return 0;
    Actor actor = workflow_actor(&r->user);
    return plan_issue(r->db, &actor, in->id, &r->arena, gaps, n, &r->err) == 0 ? 1 : -1;
}

int edit_delete_finding(Request *r, Finding *f, Inspection *in)
{
    if (!edit_finding_or_reply(r, f, in))
        return 0;
    Actor actor = workflow_actor(&r->user);
    return plan_finding_delete(r->db, &actor, f->id, &r->err) < 0 ? -1 : 1;
}

int edit_delete_measure(Request *r, Measure *m, Inspection *in)
{
    if (!edit_measure_or_reply(r, m, in))
        return 0;
    Actor actor = workflow_actor(&r->user);
    return plan_measure_delete(r->db, &actor, m->id, &r->err) < 0 ? -1 : 1;
}

int edit_withdraw_measure(Request *r, int from, Measure *m, Inspection *in)
{
    EditSave s;
    if (!edit_measure_or_reply(r, m, in) || !edit_save_begin_or_reply(r, from, EDIT_VERSIONED, &s))
        return 0;
    int rc = plan_measure_withdraw(r->db, &s.actor, m->id, edit_reason(&s.in), s.version, &r->err);
    edit_save_end(&s);
    return rc < 0 ? -1 : 1;
}

bool edit_inspection_or_reply(Request *r, Inspection *in)
{
    return access_edit_or_reply(r, r->path_id, in);
}

bool edit_finding_or_reply(Request *r, Finding *f, Inspection *in)
{
    Err err = ERR_INIT;
    return route_ok_or_reply(r, finding_store_get(r->db, &r->arena, r->path_id, f, &err), &err) &&
           access_edit_or_reply(r, f->inspection_id, in);
}

bool edit_measure_or_reply(Request *r, Measure *m, Inspection *in)
{
    return access_measure_or_reply(r, r->path_id, m, in) &&
           route_allowed_or_reply(r, access_edit(&r->user, in), "you may not edit this inspection");
}
