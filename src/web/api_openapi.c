/*
** api_openapi.c: GET /api/v1/openapi.json, the OpenAPI 3.1 description of the JSON API, made
** from the route table itself (every /api/ route, its method, path parameters, whether it needs
** a login and the CSRF header, the roles it admits) and from the tables below of request and
** reply shapes, so that a new route appears without anyone writing it down. A route without an
** entry in `docs` is still listed (its reply as a plain object); the web test checks that every
** API route is in the document and that sample replies match their schemas.
*/
#include "web/api.h"
#include "base/json.h"
#include "web/handlers.h"
#include "web/routes.h"

/* One member of a schema. type: string, integer, boolean, date, object, array:<type>, ref:<Name>.
 */
typedef struct SchemaField {
    const char *name;
    const char *type;
    bool required;
} SchemaField;

typedef struct Schema {
    const char *name;
    const SchemaField *fields;
    int n;
} Schema;

#define FIELDS(...)                                                                                \
    (const SchemaField[]){__VA_ARGS__},                                                            \
        (int)(sizeof((const SchemaField[]){__VA_ARGS__}) / sizeof(SchemaField))

static const Schema schemas[] = {
    {"Error", FIELDS({"error", "ref:ErrorBody", true})},
    {"ErrorBody", FIELDS({"code", "string", true}, {"message", "string", true},
                         {"fields", "array:string", true}, {"gaps", "array:ref:Gap", false})},
    {"Named", FIELDS({"id", "integer", true}, {"name", "string", true})},
    {"Inspection",
     FIELDS({"id", "integer", true}, {"kind", "string", true}, {"title", "string", true},
            {"superior", "string", false}, {"group", "string", false}, {"target", "string", false},
            {"state", "string", false}, {"onsite_start", "date", false},
            {"onsite_end", "date", false}, {"feedback_on", "date", false},
            {"concentrated_end", "date", false}, {"report_cycle", "string", true},
            {"warn_days", "integer", true}, {"revisit_months", "integer", true},
            {"require_signoff", "boolean", true},
            {"org_unit_id", "integer", false}, {"plan_state", "string", true},
            {"report_due_day", "integer", false}, {"require_onsite", "boolean", false},
            {"contact_phone", "string", false}, {"contact_email", "string", false},
            {"contact_address", "string", false}, {"version", "integer", false})},
    {"InspectionInput",
     FIELDS({"kind", "string", false}, {"title", "string", false}, {"superior", "string", false},
            {"group_name", "string", false}, {"target", "string", false},
            {"onsite_start", "date", false}, {"onsite_end", "date", false},
            {"feedback_on", "date", false}, {"concentrated_end", "date", false},
            {"report_cycle", "string", false}, {"report_due_day", "integer", false},
            {"warn_days", "integer", false}, {"revisit_months", "integer", false},
            {"require_signoff", "boolean", false},
            {"require_onsite", "boolean", false}, {"contact_phone", "string", false},
            {"contact_email", "string", false}, {"contact_address", "string", false},
            {"version", "integer", false})},
    {"Finding",
     FIELDS({"id", "integer", true}, {"inspection_id", "integer", true},
            {"parent_id", "integer", false}, {"level", "string", true},
            {"ordinal", "integer", true}, {"label", "string", true}, {"title", "string", true},
            {"body", "string", true}, {"version", "integer", true})},
    {"FindingInput", FIELDS({"level", "string", false}, {"title", "string", false},
                            {"body", "string", false}, {"parent_id", "integer", false},
                            {"move", "string", false}, {"version", "integer", false})},
    {"Measure",
     FIELDS({"id", "integer", true}, {"inspection_id", "integer", true},
            {"finding_id", "integer", true}, {"label", "string", true}, {"title", "string", true},
            {"kind", "string", true}, {"deadline", "date", false}, {"long_term", "boolean", true},
            {"state", "string", true}, {"percent", "integer", true}, {"version", "integer", false},
            {"withdrawn_reason", "string", false}, {"light", "string", true},
            {"light_reasons", "array:string", true}, {"lead_unit", "ref:Named", false},
            {"co_units", "array:ref:Named", true}, {"leaders", "array:ref:Named", true},
            {"body", "string", false}, {"target", "string", false})},
    {"MeasureInput",
     FIELDS({"title", "string", false}, {"body", "string", false}, {"target", "string", false},
            {"kind", "string", false}, {"deadline", "date", false}, {"long_term", "boolean", false},
            {"onsite_required", "boolean", false}, {"lead_unit_id", "integer", false},
            {"co_unit_ids", "array:integer", false}, {"leader_ids", "array:integer", false},
            {"reason", "string", false}, {"finding_id", "integer", false},
            {"move", "string", false}, {"version", "integer", false})},
    {"Withdraw", FIELDS({"reason", "string", true}, {"version", "integer", false})},
    {"SupervisionInput",
     FIELDS({"kind", "string", true}, {"text", "string", true}, {"respond_by", "date", false},
            {"talk_on", "date", false}, {"inspection_id", "integer", false})},
    {"Supervision",
     FIELDS({"id", "integer", true}, {"inspection_id", "integer", true},
            {"measure_id", "integer", true}, {"finding_id", "integer", true},
            {"unit_id", "integer", true}, {"kind", "string", true}, {"state", "string", true},
            {"respond_by", "date", false})},
    {"Gap", FIELDS({"kind", "string", true}, {"message", "string", true},
                   {"finding_id", "integer", true}, {"measure_id", "integer", false},
                   {"label", "string", true}, {"title", "string", true})},
    {"Coverage", FIELDS({"plan_state", "string", true}, {"complete", "boolean", true},
                        {"total", "integer", true}, {"gaps", "array:ref:Gap", true})},
    {"NameList", FIELDS({"items", "array:ref:PickerName", true})},
    {"PickerName",
     FIELDS({"id", "integer", true}, {"name", "string", true}, {"post", "string", false})},
    {"InspectionList", FIELDS({"items", "array:object", true}, {"next", "integer", false})},
    {"UnitList", FIELDS({"items", "array:object", true}, {"next", "integer", false})},
    {"MeasureList", FIELDS({"items", "array:ref:Measure", true}, {"next", "string", false},
                           {"total", "integer", false})},
    {"Session", FIELDS({"user", "object", true}, {"csrf", "string", false})},
    {"Object", FIELDS({"_", "object", false})},
};

/* What the table cannot say about a route: its summary and its shapes. */
typedef struct RouteDoc {
    Method method;
    const char *pattern;
    const char *summary;
    const char *request; /* schema name of the JSON body, or NULL */
    const char *reply;   /* schema name of the success reply */
    int status;          /* success status */
} RouteDoc;

static const RouteDoc docs[] = {
    {HTTP_POST, "/api/v1/session", "Log in (cookie session)", NULL, "Session", 201},
    {HTTP_GET, "/api/v1/session", "The session's user and CSRF token", NULL, "Session", 200},
    {HTTP_GET, "/api/v1/inspections", "Inspections the user may read, by id (after, limit 1..500)",
     NULL, "InspectionList", 200},
    {HTTP_POST, "/api/v1/inspections", "Create a draft inspection (office)", "InspectionInput",
     "Inspection", 201},
    {HTTP_PATCH, "/api/v1/inspections/:id", "Edit an inspection's fields (office)",
     "InspectionInput", "Inspection", 200},
    {HTTP_GET, "/api/v1/inspections/:id/coverage",
     "The coverage check of the plan: every gap counted, the first 200 listed", NULL, "Coverage",
     200},
    {HTTP_POST, "/api/v1/inspections/:id/issue",
     "Issue the plan (下发); 422 with gaps when incomplete, 409 when issued", NULL, "Inspection",
     200},
    {HTTP_POST, "/api/v1/inspections/:id/findings", "Add a finding", "FindingInput", "Finding",
     201},
    {HTTP_PATCH, "/api/v1/findings/:id", "Edit or move a finding", "FindingInput", "Finding", 200},
    {HTTP_DELETE, "/api/v1/findings/:id", "Delete a finding without measures", NULL, NULL, 204},
    {HTTP_POST, "/api/v1/findings/:id/measures", "Add a measure to a finding", "MeasureInput",
     "Measure", 201},
    {HTTP_POST, "/api/v1/findings/:id/supervisions", "Supervise (督办) a problem",
     "SupervisionInput", "Supervision", 201},
    {HTTP_POST, "/api/v1/units/:id/supervisions",
     "Supervise (督办) a unit within inspection_id", "SupervisionInput", "Supervision", 201},
    {HTTP_GET, "/api/v1/measures", "Measures, filtered and paged", NULL, "MeasureList", 200},
    {HTTP_GET, "/api/v1/measures/:id", "One measure with its timeline", NULL, "Measure", 200},
    {HTTP_PATCH, "/api/v1/measures/:id",
     "Edit or move a measure; after issue a deadline or owner change needs a reason",
     "MeasureInput", "Measure", 200},
    {HTTP_DELETE, "/api/v1/measures/:id", "Delete a measure of a draft plan", NULL, NULL, 204},
    {HTTP_POST, "/api/v1/measures/:id/withdraw", "Withdraw (撤销) a measure of an issued plan",
     "Withdraw", "Measure", 200},
    {HTTP_GET, "/api/v1/units",
     "Units the user may see, by id (after, limit 1..500); with q, those whose names contain q "
     "(at most 20)",
     NULL, "UnitList", 200},
    {HTTP_GET, "/api/v1/persons", "Persons whose name or post contains q (at most 20)", NULL,
     "NameList", 200},
};

static const char *method_lower(Method m)
{
    static const struct {
        Method method;
        const char *name;
    } names[] = {{HTTP_GET, "get"},       {HTTP_POST, "post"},   {HTTP_PUT, "put"},
                 {HTTP_DELETE, "delete"}, {HTTP_PATCH, "patch"}, {HTTP_HEAD, "head"}};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (names[i].method == m)
            return names[i].name;
    return "get";
}

/* The schema of one type word (see SchemaField.type). */
static void type_schema(JsonW *j, const char *type)
{
    json_obj(j);
    if (strncmp(type, "ref:", 4) == 0) {
        Buf ref = BUF_INIT;
        buf_printf(&ref, "#/components/schemas/%s", type + 4);
        json_kstr(j, "$ref", ref.data);
        buf_free(&ref);
    } else if (strncmp(type, "array:", 6) == 0) {
        json_kstr(j, "type", "array");
        json_key(j, "items");
        type_schema(j, type + 6);
    } else if (strcmp(type, "date") == 0) {
        json_kstr(j, "type", "string");
        json_kstr(j, "format", "date");
    } else {
        json_kstr(j, "type", type);
    }
    json_end(j);
}

static void schema_json(JsonW *j, const Schema *s)
{
    json_kobj(j, s->name);
    json_kstr(j, "type", "object");
    json_kobj(j, "properties");
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->fields[i].name, "_") != 0) {
            json_key(j, s->fields[i].name);
            type_schema(j, s->fields[i].type);
        }
    json_end(j);
    json_karr(j, "required");
    for (int i = 0; i < s->n; i++)
        if (s->fields[i].required)
            json_str(j, s->fields[i].name);
    json_end(j);
    json_end(j);
}

static const RouteDoc *doc_of(const Route *rt)
{
    for (size_t i = 0; i < ARRAY_SIZE(docs); i++)
        if (docs[i].method == rt->method && strcmp(docs[i].pattern, rt->pattern) == 0)
            return &docs[i];
    return NULL;
}

/* "/api/v1/measures/:id" → "/api/v1/measures/{id}". */
static void openapi_path(Buf *b, const char *pattern)
{
    for (const char *p = pattern; *p; p++) {
        if (*p != ':') {
            buf_putc(b, *p);
            continue;
        }
        buf_putc(b, '{');
        for (p++; *p && *p != '/'; p++)
            buf_putc(b, *p);
        buf_putc(b, '}');
        if (!*p)
            break;
        buf_putc(b, '/');
    }
}

static void content(JsonW *j, const char *schema)
{
    json_kobj(j, "content");
    json_kobj(j, "application/json");
    json_key(j, "schema");
    Buf ref = BUF_INIT;
    buf_printf(&ref, "ref:%s", schema);
    type_schema(j, ref.data);
    buf_free(&ref);
    json_end(j);
    json_end(j);
}

static void error_reply(JsonW *j, const char *status, const char *text)
{
    json_kobj(j, status);
    json_kstr(j, "description", text);
    content(j, "Error");
    json_end(j);
}

/* A parameter of an operation: its name, where it goes, what it is (desc may be NULL), its type. */
static void parameter(JsonW *j, const char *name, const char *in, const char *desc, bool required,
                      const char *type)
{
    json_obj(j);
    json_kstr(j, "name", name);
    json_kstr(j, "in", in);
    if (desc)
        json_kstr(j, "description", desc);
    if (required) {
        json_kbool(j, "required", true);
    }
    json_key(j, "schema");
    type_schema(j, type);
    json_end(j);
}

/* The operation's "responses": its success, and the errors its flags and method can answer. */
static void responses(JsonW *j, const Route *rt, const RouteDoc *d)
{
    json_kobj(j, "responses");
    char status[8];
    snprintf(status, sizeof status, "%d", d ? d->status : 200);
    json_kobj(j, status);
    json_kstr(j, "description", "success");
    if (!d || d->reply)
        content(j, d ? d->reply : "Object");
    json_end(j);
    if (rt->flags & ROUTE_LOGIN) {
        error_reply(j, "401", "not logged in");
        error_reply(j, "403", "not allowed for this user");
    }
    if (strstr(rt->pattern, ":id"))
        error_reply(j, "404", "no such object");
    if (rt->method != HTTP_GET) {
        error_reply(j, "409", "a state conflict: an issued plan, or a version that moved on");
        error_reply(j, "422", "invalid input; fields names the fields at fault");
    }
    json_end(j);
}

static void operation(JsonW *j, const Route *rt)
{
    const RouteDoc *d = doc_of(rt);
    json_kobj(j, method_lower(rt->method));
    json_kstr(j, "summary", d ? d->summary : rt->pattern);
    Buf roles = BUF_INIT;
    for (int i = 0; i < ROLE__COUNT; i++)
        if (rt->roles == ROLES_ANY || (rt->roles & ROLE_BIT(i)))
            buf_printf(&roles, "%s%s", roles.len ? "," : "", model_role_name((Role)i));
    json_kstr(j, "x-roles", roles.data);
    buf_free(&roles);
    json_karr(j, "parameters");
    if (strstr(rt->pattern, ":id"))
        parameter(j, "id", "path", NULL, true, "integer");
    if (rt->flags & ROUTE_CSRF)
        parameter(j, "X-CSRF-Token", "header",
                  "the session's CSRF token (not needed with a Bearer token)", false, "string");
    if (rt->method == HTTP_PATCH || (d && d->request && strcmp(d->request, "Withdraw") == 0))
        parameter(j, "If-Match", "header",
                  "the ETag (or version) being edited; or \"version\" in the body", false,
                  "string");
    json_end(j);
    if (d && d->request) {
        json_kobj(j, "requestBody");
        json_kbool(j, "required", true);
        content(j, d->request);
        json_end(j);
    }
    if (rt->flags & ROUTE_LOGIN) {
        json_karr(j, "security");
        json_obj(j);
        json_karr(j, "session");
        json_end(j);
        json_end(j);
        json_obj(j);
        json_karr(j, "bearer");
        json_end(j);
        json_end(j);
        json_end(j);
    }
    responses(j, rt, d);
    json_end(j);
}

void api_openapi(Request *r)
{
    JsonW j;
    api_object_begin(r, 0, &j);
    json_kstr(&j, "openapi", "3.1.0");
    json_kobj(&j, "info");
    json_kstr(&j, "title", "Zhenggai 整改 JSON API");
    json_kstr(&j, "version", "1");
    json_kstr(&j, "description",
              "Made from the route table of the running server. Errors are "
              "{\"error\":{\"code\",\"message\",\"fields\"}}; edits name the version they change "
              "(If-Match or \"version\") and a version that moved on answers 409.");
    json_end(&j);
    json_kobj(&j, "paths");
    /* Routes of one path share its entry: gather them in table order. */
    for (size_t i = 0; i < web_n_routes; i++) {
        const Route *rt = &web_routes[i];
        if (strncmp(rt->pattern, "/api/", 5) != 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < i; k++)
            seen |= strcmp(web_routes[k].pattern, rt->pattern) == 0;
        if (seen)
            continue;
        Buf path = BUF_INIT;
        openapi_path(&path, rt->pattern);
        json_key(&j, path.data);
        buf_free(&path);
        json_obj(&j);
        for (size_t k = i; k < web_n_routes; k++)
            if (strcmp(web_routes[k].pattern, rt->pattern) == 0)
                operation(&j, &web_routes[k]);
        json_end(&j);
    }
    json_end(&j);
    json_kobj(&j, "components");
    json_kobj(&j, "schemas");
    for (size_t i = 0; i < ARRAY_SIZE(schemas); i++)
        schema_json(&j, &schemas[i]);
    json_end(&j);
    json_kobj(&j, "securitySchemes");
    json_kobj(&j, "session");
    json_kstr(&j, "type", "apiKey");
    json_kstr(&j, "in", "cookie");
    json_kstr(&j, "name", "zg_sid");
    json_end(&j);
    json_kobj(&j, "bearer");
    json_kstr(&j, "type", "http");
    json_kstr(&j, "scheme", "bearer");
    json_end(&j);
    json_end(&j);
    json_end(&j);
    api_object_end(r, &j);
}
