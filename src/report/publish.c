/*
** publish.c: publishing a 通报 (report.h). The redaction check looks for every person named
** in the ledger (the leaders of its measures) and every clue subject in the report's text; a
** name found stops publishing unless the office confirmed it. A published report is rendered
** once as md, html and docx and frozen with the SHA-256 of each (publication_store.h); it is
** never regenerated.
*/
#include "report.h"

#include "base/hash.h"
#include "db/audit_store.h"
#include "db/clue_store.h"
#include "db/publication_store.h"

/* True when name is one of confirmed[0..n). */
static bool confirmed_has(const char *const *confirmed, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(confirmed[i], name) == 0)
            return true;
    return false;
}

/* Add name to the hits unless it is already there. */
static void add_hit(Arena *arena, const char ***hits, int *n, int *cap, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*hits)[i], name) == 0)
            return;
    if (*n == *cap) {
        const char **w = ARENA_ARRAY(arena, const char *, (size_t)*cap * 2 + 8);
        if (*n)
            memcpy(w, *hits, sizeof *w * (size_t)*n);
        *hits = w;
        *cap = *cap * 2 + 8;
    }
    (*hits)[(*n)++] = name;
}

int report_redaction(Db *db, Arena *arena, const ReportData *d, const char *text,
                     const char ***hits, int *n_hits, Err *err)
{
    const char **subjects;
    int n_subjects, cap = 0;
    *hits = NULL;
    *n_hits = 0;
    if (clue_store_subject_names(db, arena, d->l.in.id, &subjects, &n_subjects, err) < 0)
        return -1;
    /* A one-character name would match ordinary words: names are two characters or more. */
    for (int i = 0; i < d->n_persons; i++) {
        const char *name = d->persons[i].name;
        if (name && strlen(name) >= 6 && strstr(text, name))
            add_hit(arena, hits, n_hits, &cap, name);
    }
    for (int i = 0; i < n_subjects; i++)
        if (strlen(subjects[i]) >= 6 && strstr(text, subjects[i]))
            add_hit(arena, hits, n_hits, &cap, subjects[i]);
    return 0;
}

/* The title: the first line of the Markdown without its "# ". */
static const char *title_of(Arena *arena, const Buf *md)
{
    const char *s = md->data, *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : md->len;
    if (n >= 2 && s[0] == '#' && s[1] == ' ') {
        s += 2;
        n -= 2;
    }
    return arena_strndup(arena, s, n);
}

int report_publish(Db *db, Arena *arena, const ReportData *d, const char *actor, int64_t user_id,
                   const char *const *confirmed, int n_confirmed, ReportPublished *out, Err *err)
{
    static const ReportFormat formats[] = {FORMAT_MD, FORMAT_HTML, FORMAT_DOCX};
    Buf bytes[ARRAY_SIZE(formats)];
    PublicationFile files[ARRAY_SIZE(formats)];
    int rc = -1;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        buf_init(&bytes[i]);
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        if (report_render(d, arena, REPORT_TONGBAO, formats[i], &bytes[i], err) < 0)
            goto done;
    const char **hits;
    int n_hits;
    if (report_redaction(db, arena, d, bytes[0].data, &hits, &n_hits, err) < 0)
        goto done;
    out->hits = ARENA_ARRAY(arena, const char *, (size_t)n_hits + 1);
    for (int i = 0; i < n_hits; i++)
        if (!confirmed_has(confirmed, n_confirmed, hits[i]))
            out->hits[out->n_hits++] = hits[i];
    if (out->n_hits) {
        err_fail(err, ERR_CONFLICT, "the report names %d person(s) not confirmed", out->n_hits);
        goto done;
    }
    Buf names = BUF_INIT;
    for (int i = 0; i < n_hits; i++)
        buf_printf(&names, "%s\n", hits[i]);
    Publication p = {0};
    p.inspection_id = d->l.in.id;
    p.title = title_of(arena, &bytes[0]);
    p.as_of = d->as_of;
    p.published_by = user_id;
    p.confirmed = arena_strndup(arena, names.data, names.len);
    buf_free(&names);
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        char *sha = arena_alloc(arena, 65);
        hash_sha256_hex(bytes[i].data, bytes[i].len, sha);
        files[i].format = report_format_name(formats[i]);
        files[i].sha256 = sha;
        files[i].bytes = bytes[i].data;
        files[i].len = bytes[i].len;
    }
    if (db_begin(db, err) < 0)
        goto done;
    char object[32];
    snprintf(object, sizeof object, "inspection:%lld", (long long)d->l.in.id);
    Buf detail = BUF_INIT;
    int step = publication_store_create(db, &p, files, (int)ARRAY_SIZE(formats), err);
    for (size_t i = 0; step == 0 && i < ARRAY_SIZE(formats); i++) {
        char sha[65];
        step = report_record(db, d->l.in.id, "tongbao", files[i].format, &bytes[i], actor,
                             "publication", sha, err);
    }
    if (step == 0) {
        buf_printf(&detail, "publication %lld as of ", (long long)p.id);
        char iso[DATE_ISO_SIZE];
        buf_puts(&detail, date_format(d->as_of, iso));
        buf_printf(&detail, ", docx sha256 %s, %d name(s) confirmed", files[2].sha256, n_hits);
        step = audit_store_append(db, actor, AUDIT_REPORT_PUBLISH, object, detail.data, err);
    }
    buf_free(&detail);
    if (step < 0) {
        db_rollback(db);
        goto done;
    }
    if (db_commit(db, err) < 0)
        goto done;
    out->id = p.id;
    rc = 0;
done:
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        buf_free(&bytes[i]);
    return rc;
}
