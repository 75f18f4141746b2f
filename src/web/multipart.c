/*
** multipart.c: the incremental multipart/form-data parser (multipart.h). The delimiter is
** "\r\n--BOUNDARY"; a boundary may not hold CR, so after a mismatch no suffix of the bytes
** matched so far can begin a new match except at a CR: the parser needs only a count of
** matched bytes, never a buffer of the data. Content bytes are handed on in runs, straight from
** the input when no partial match is pending.
*/
#include "web/multipart.h"

#include <strings.h>

enum {
    ST_PREAMBLE, /* before the first delimiter: bytes discarded */
    ST_AFTER,    /* just after a delimiter: "--" ends the body, CRLF starts a part */
    ST_DASH,     /* one '-' seen after a delimiter */
    ST_CR,       /* CR seen after a delimiter */
    ST_HEAD,     /* a part's header block */
    ST_DATA,     /* a part's content */
    ST_EPILOGUE, /* after the closing delimiter: bytes ignored */
};

/* The boundary parameter of a Content-Type into out (NUL-terminated); false when absent or bad. */
static bool boundary_of(const char *ct, char *out, size_t cap)
{
    const char *p = ct;
    while ((p = strchr(p, ';')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "boundary=", 9) != 0)
            continue;
        p += 9;
        bool quoted = *p == '"';
        p += quoted;
        size_t n = 0;
        while (*p && (quoted ? *p != '"' : (*p != ';' && *p != ' ' && *p != '\t'))) {
            unsigned char c = (unsigned char)*p++;
            if (c < 0x20 || c >= 0x7f || n + 1 >= cap)
                return false;
            out[n++] = (char)c;
        }
        if (quoted && *p != '"')
            return false;
        out[n] = 0;
        return n >= 1 && n <= MULTIPART_MAX_BOUNDARY;
    }
    return false;
}

int multipart_init(Multipart *m, const char *content_type, const MultipartHandler *handler,
                   void *ctx)
{
    memset(m, 0, sizeof *m);
    m->handler = handler;
    m->ctx = ctx;
    if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0 ||
        (content_type[19] != ';' && content_type[19] != ' ' && content_type[19] != 0))
        return m->status = 415;
    char b[MULTIPART_MAX_BOUNDARY + 2];
    if (!boundary_of(content_type + 19, b, sizeof b))
        return m->status = 400;
    m->n_delim = (size_t)snprintf(m->delim, sizeof m->delim, "\r\n--%s", b);
    /* The opening delimiter may start the body without the CRLF before it. */
    m->matched = 2;
    m->state = ST_PREAMBLE;
    return 0;
}

/* Decode the parameter value at *pp (quoted-string or token) in place; NULL when malformed. */
static char *param_value(char **pp)
{
    char *p = *pp;
    if (*p == '"') {
        char *start = ++p, *out = p;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1])
                p++;
            *out++ = *p++;
        }
        if (*p != '"')
            return NULL;
        *out = 0; /* may overwrite the closing quote: p still points past the value */
        *pp = p + 1;
        return start;
    }
    char *start = p;
    while (*p && *p != ';' && *p != ' ' && *p != '\t')
        p++;
    if (*p)
        *p++ = 0;
    *pp = p;
    return start;
}

/* Parse "form-data; name=…; filename=…" in place into part. false when it is not one. */
static bool parse_disposition(char *v, MultipartPart *part)
{
    if (strncasecmp(v, "form-data", 9) != 0)
        return false;
    char *p = v + 9;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        if (!*p)
            break;
        char *eq = strchr(p, '=');
        if (!eq)
            return false;
        char *key = p;
        char *key_end = eq;
        while (key_end > key && (key_end[-1] == ' ' || key_end[-1] == '\t'))
            key_end--;
        size_t key_len = (size_t)(key_end - key);
        p = eq + 1;
        while (*p == ' ' || *p == '\t')
            p++;
        char *val = param_value(&p);
        if (!val)
            return false;
        if (key_len == 4 && strncasecmp(key, "name", 4) == 0)
            part->name = val;
        else if (key_len == 8 && strncasecmp(key, "filename", 8) == 0)
            part->filename = val;
    }
    if (!part->name || !*part->name)
        return false;
    if (part->filename) {
        /* Some browsers send the client's path: keep the last component only. */
        const char *slash = strrchr(part->filename, '/');
        const char *back = strrchr(part->filename, '\\');
        if (back && (!slash || back > slash))
            slash = back;
        if (slash)
            part->filename = slash + 1;
    }
    return true;
}

/* Parse the complete header block in m->head (CRLF-separated lines) and begin the part. */
static int begin_part(Multipart *m)
{
    MultipartPart part = {NULL, NULL, NULL};
    bool disposition = false;
    m->head[m->n_head] = 0;
    char *line = m->head;
    while (*line) {
        char *eol = strstr(line, "\r\n");
        if (!eol)
            return 400;
        *eol = 0;
        if (!*line)
            break;
        char *colon = strchr(line, ':');
        if (!colon)
            return 400;
        *colon = 0;
        char *v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        char *end = v + strlen(v);
        while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = 0;
        if (strcasecmp(line, "Content-Disposition") == 0) {
            if (disposition || !parse_disposition(v, &part))
                return 400;
            disposition = true;
        } else if (strcasecmp(line, "Content-Type") == 0) {
            part.content_type = v;
        }
        line = eol + 2;
    }
    if (!disposition)
        return 400;
    if (++m->n_parts > MULTIPART_MAX_PARTS)
        return 400;
    return m->handler->begin(m->ctx, &part);
}

/* Content bytes collected for the handler: runs from the input or held-back delimiter bytes. */
static int emit(Multipart *m, const char *p, size_t n)
{
    if (n == 0 || m->state == ST_PREAMBLE)
        return 0;
    return m->handler->data(m->ctx, p, n);
}

/* One byte after a delimiter, in the small states between parts. */
static int after_delimiter(Multipart *m, char c)
{
    switch (m->state) {
    case ST_AFTER:
        if (c == '-')
            m->state = ST_DASH;
        else if (c == '\r')
            m->state = ST_CR;
        else if (c != ' ' && c != '\t') /* transport padding */
            return 400;
        return 0;
    case ST_DASH:
        if (c != '-')
            return 400;
        m->state = ST_EPILOGUE;
        return 0;
    default: /* ST_CR */
        if (c != '\n')
            return 400;
        m->state = ST_HEAD;
        m->n_head = 0;
        return 0;
    }
}

/* Scan content (or the preamble) for the delimiter; returns the bytes consumed. */
static size_t scan(Multipart *m, const char *p, size_t n, int *status)
{
    size_t i = 0, run = 0; /* p[run..i) is content not handed on yet */
    while (i < n) {
        if (m->matched == 0) {
            const char *cr = memchr(p + i, '\r', n - i);
            if (!cr) {
                i = n;
                break;
            }
            i = (size_t)(cr - p);
            if ((*status = emit(m, p + run, i - run)) != 0)
                return i;
            m->matched = 1;
            run = ++i;
            continue;
        }
        if (p[i] == m->delim[m->matched]) {
            m->matched++;
            run = ++i;
            if (m->matched < m->n_delim)
                continue;
            m->matched = 0;
            bool was_data = m->state == ST_DATA;
            m->state = ST_AFTER;
            if (was_data)
                *status = m->handler->end(m->ctx);
            return i;
        }
        /* A mismatch: the bytes matched so far were content after all; p[i] is looked at again. */
        if ((*status = emit(m, m->delim, m->matched)) != 0)
            return i;
        m->matched = 0;
        run = i;
    }
    if (run < i)
        *status = emit(m, p + run, i - run);
    return i;
}

int multipart_feed(Multipart *m, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && m->status == 0) {
        switch (m->state) {
        case ST_PREAMBLE:
        case ST_DATA:
            i += scan(m, p + i, n - i, &m->status);
            break;
        case ST_HEAD: {
            char c = p[i++];
            if (m->n_head == MULTIPART_MAX_HEAD) {
                m->status = 400;
                break;
            }
            m->head[m->n_head++] = c;
            size_t h = m->n_head;
            if (h >= 4 && memcmp(m->head + h - 4, "\r\n\r\n", 4) == 0) {
                m->n_head -= 2; /* keep the last line's CRLF: begin_part splits on it */
                if ((m->status = begin_part(m)) == 0) {
                    m->state = ST_DATA;
                    m->matched = 0;
                }
            } else if (h == 2 && memcmp(m->head, "\r\n", 2) == 0) {
                m->status = 400; /* a part without headers has no name */
            }
            break;
        }
        case ST_EPILOGUE:
            i = n;
            break;
        default:
            m->status = after_delimiter(m, p[i++]);
        }
    }
    return m->status;
}

int multipart_finish(Multipart *m)
{
    if (m->status == 0 && m->state != ST_EPILOGUE)
        m->status = 400;
    return m->status;
}
