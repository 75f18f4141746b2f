/*
** zipxml.c: the guarded reading of zipped XML (import_internal.h) that .docx and .xlsx share.
** A zip is opened from memory with libzip's consistency checks and a bound on its entry count;
** a part is read or streamed through a counted loop that stops at a byte budget whatever the
** headers claim (zip bombs); an expat parser made here refuses any DOCTYPE or entity
** declaration, so no entity is ever expanded.
*/
#include "import_internal.h"

int import_zip_open(const char *data, size_t len, const char *what, zip_t **out, Err *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return err_fail(err, ERR_INPUT, "cannot read the %s", what);
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) {
        int rc = err_fail(err, ERR_INPUT, "damaged or truncated %s (%s)", what,
                          zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || n > IMPORT_MAX_ZIP_ENTRIES) {
        zip_close(z);
        return err_fail(err, ERR_TOO_LARGE, "the %s holds more than %d parts (a zip bomb?)", what,
                        IMPORT_MAX_ZIP_ENTRIES);
    }
    *out = z;
    return 0;
}

static int too_large(Err *err, const char *name, size_t max)
{
    return err_fail(err, ERR_TOO_LARGE, "'%s' is larger than %zu MB uncompressed (a zip bomb?)",
                    name, max / (1024 * 1024));
}

int import_zip_stream(zip_t *z, const char *name, size_t *budget, ImportZipSink sink, void *ud,
                      bool *found, Err *err)
{
    *found = false;
    zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0)
        return 0;
    *found = true;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > *budget)
        return too_large(err, name, *budget);
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f)
        return err_fail(err, ERR_INPUT, "damaged file: cannot open '%s' (%s)", name,
                        zip_strerror(z));
    char chunk[65536];
    int rc = 0;
    for (;;) {
        zip_int64_t k = zip_fread(f, chunk, sizeof chunk);
        if (k < 0) {
            rc = err_fail(err, ERR_INPUT, "damaged or truncated file: cannot read '%s' (%s)",
                          name, zip_file_strerror(f));
            break;
        }
        if ((size_t)k > *budget) {
            rc = too_large(err, name, *budget);
            break;
        }
        *budget -= (size_t)k;
        if (sink(ud, chunk, (size_t)k, k == 0, err) < 0) {
            rc = -1;
            break;
        }
        if (k == 0)
            break;
    }
    zip_fclose(f);
    return rc;
}

static int to_buf(void *ud, const char *s, size_t n, bool last, Err *err)
{
    (void)last;
    (void)err;
    buf_append(ud, s, n);
    return 0;
}

int import_zip_read(zip_t *z, Arena *arena, const char *name, size_t max, char **out, size_t *len,
                    bool *found, Err *err)
{
    Buf b = BUF_INIT;
    size_t budget = max;
    int rc = import_zip_stream(z, name, &budget, to_buf, &b, found, err);
    if (rc == 0 && *found) {
        *out = arena_strndup(arena, b.data, b.len);
        *len = b.len;
    }
    buf_free(&b);
    return rc;
}

/* Refuse the document of the guard ud: stop its parser, which then fails. */
static void refuse(void *ud)
{
    XmlGuard *g = ud;
    g->refused = true;
    XML_StopParser(g->xp, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const char *name, const char *sysid, const char *pubid,
                               int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    refuse(ud);
}

static void XMLCALL on_entity(void *ud, const char *name, int is_param, const char *value,
                              int value_len, const char *base, const char *sysid, const char *pubid,
                              const char *notation)
{
    (void)name;
    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)sysid;
    (void)pubid;
    (void)notation;
    refuse(ud);
}

void import_xml_start(XmlGuard *g, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text)
{
    XML_Parser xp = XML_ParserCreateNS(NULL, '|');
    if (!xp)
        die_oom(0);
    g->xp = xp;
    g->refused = false;
    XML_SetUserData(xp, g);
    XML_SetElementHandler(xp, start, end);
    XML_SetCharacterDataHandler(xp, text);
    XML_SetStartDoctypeDeclHandler(xp, on_doctype);
    XML_SetEntityDeclHandler(xp, on_entity);
}

int import_xml_feed(XmlGuard *g, const char *name, const char *s, size_t n, bool last, Err *err)
{
    if (g->failed)
        return -1;
    if (n > INT32_MAX || XML_Parse(g->xp, s, (int)n, last) == XML_STATUS_ERROR || g->refused) {
        g->failed = true;
        if (g->refused)
            return err_fail(err, ERR_INPUT, "'%s' declares a DOCTYPE or entities, refused", name);
        if (g->stop_msg[0])
            return err_fail(err, g->stop_code, "%s", g->stop_msg);
        return err_fail(err, ERR_INPUT, "'%s' is not well-formed XML (line %lu: %s)", name,
                        (unsigned long)XML_GetCurrentLineNumber(g->xp),
                        XML_ErrorString(XML_GetErrorCode(g->xp)));
    }
    return 0;
}

void import_xml_stop(XmlGuard *g, ErrCode code, const char *msg)
{
    if (!g->stop_msg[0]) {
        g->stop_code = code;
        snprintf(g->stop_msg, sizeof g->stop_msg, "%s", msg);
    }
    XML_StopParser(g->xp, XML_FALSE);
}

void import_xml_end(XmlGuard *g)
{
    if (g->xp)
        XML_ParserFree(g->xp);
    g->xp = NULL;
}

const char *import_xml_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *import_xml_attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(import_xml_local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}
