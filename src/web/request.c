/*
** request.c: reading parameters of a request and shaping its reply (request.h).
*/
#include "web/request.h"

#include "db/view_store.h"
#include "web/server.h"

#include <unistd.h>

static const char *find_param(const Param *ps, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ps[i].name, name) == 0)
            return ps[i].value;
    return NULL;
}

const char *request_query(const Request *r, const char *name)
{
    return find_param(r->query, r->n_query, name);
}

const char *request_form(const Request *r, const char *name)
{
    return find_param(r->form, r->n_form, name);
}

bool request_parse_id(const char *s, size_t n, int64_t *out)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > INT64_MAX / 10 - 10)
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v <= 0)
        return false;
    *out = v;
    return true;
}

int request_query_id(const Request *r, const char *name, int64_t *out)
{
    const char *s = request_query(r, name);
    *out = 0;
    if (!s || !*s)
        return 0;
    return request_parse_id(s, strlen(s), out) ? 0 : -1;
}

void request_header(Request *r, const char *name, const char *value)
{
    if (r->n_headers == REQUEST_MAX_HEADERS)
        BUG("more than %d reply headers", REQUEST_MAX_HEADERS);
    r->headers[r->n_headers][0] = name;
    r->headers[r->n_headers][1] = value;
    r->n_headers++;
}

void request_reply_fd(Request *r, int fd, uint64_t size)
{
    request_drop_fd(r);
    r->reply_from_fd = true;
    r->reply_fd = fd;
    r->reply_fd_size = size;
}

void request_drop_fd(Request *r)
{
    if (r->reply_from_fd)
        close(r->reply_fd);
    r->reply_from_fd = false;
}

void request_set_cookie(Request *r, const char *value)
{
    const char *secure = r->config->secure_cookies ? "; Secure" : "";
    if (value)
        request_header(r, "Set-Cookie",
                       arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
                                    SESSION_COOKIE, value, secure));
    else
        request_header(r, "Set-Cookie",
                       arena_printf(&r->arena, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                                    SESSION_COOKIE, secure));
}

void request_redirect(Request *r, const char *path)
{
    r->status = 303;
    request_header(r, "Location", path);
    buf_reset(&r->out);
}

bool request_is_write(const Request *r)
{
    return r->method == HTTP_POST || r->method == HTTP_PUT || r->method == HTTP_DELETE ||
           r->method == HTTP_PATCH;
}

int request_data_version(Request *r, int64_t version[2])
{
    /* A write may move it mid-request: read it each time there. */
    if (!r->has_data_version || request_is_write(r)) {
        if (view_store_data_version(r->db, r->data_version, &r->err) < 0)
            return -1;
        r->has_data_version = true;
    }
    version[0] = r->data_version[0];
    version[1] = r->data_version[1];
    return 0;
}

int request_audit_version(Request *r, int64_t *seq)
{
    int64_t version[2];
    if (request_data_version(r, version) < 0)
        return -1;
    *seq = version[0];
    return 0;
}
