/*
** publication_store.c: SQL for published reports (publication_store.h).
*/
#include "publication_store.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

int publication_store_create(Db *db, Publication *p, const PublicationFile *files, int n_files,
                             Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st =
        db_prepare(db, DB_SQL("INSERT INTO publication(inspection_id, title, as_of, published_at,"
                              " published_by, confirmed) VALUES(?1,?2,?3,?4,?5,?6)"));
    db_bind_int(st, 1, p->inspection_id);
    db_bind_text(st, 2, p->title);
    db_bind_day(st, 3, p->as_of);
    db_bind_text(st, 4, date_now_iso(now));
    db_bind_id(st, 5, p->published_by);
    db_bind_text(st, 6, or_empty(p->confirmed));
    if (db_step_done(db, st, err) < 0)
        return -1;
    p->id = db_last_id(db);
    for (int i = 0; i < n_files; i++) {
        st = db_prepare(db, DB_SQL("INSERT INTO publication_file(publication_id, format, sha256,"
                                   " bytes) VALUES(?1,?2,?3,?4)"));
        db_bind_int(st, 1, p->id);
        db_bind_text(st, 2, files[i].format);
        db_bind_text(st, 3, files[i].sha256);
        db_bind_blob(st, 4, files[i].bytes, files[i].len);
        if (db_step_done(db, st, err) < 0)
            return -1;
    }
    return 0;
}

static void publication_row(DbStmt *st, Arena *arena, void *out)
{
    Publication *p = out;
    p->id = db_col_int(st, 0);
    p->inspection_id = db_col_int(st, 1);
    p->title = arena_strdup(arena, or_empty(db_col_text(st, 2)));
    p->as_of = db_col_day(st, 3);
    p->published_at = arena_strdup(arena, or_empty(db_col_text(st, 4)));
    p->published_by = db_col_int(st, 5);
    p->confirmed = arena_strdup(arena, or_empty(db_col_text(st, 6)));
}

int publication_store_get(Db *db, Arena *arena, int64_t id, Publication *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, inspection_id, title, as_of, published_at, published_by, confirmed"
                   " FROM publication WHERE id = ?1"));
    db_bind_int(st, 1, id);
    Publication *v;
    int n;
    if (db_collect(db, st, arena, sizeof(Publication), publication_row, (void **)&v, &n, err) < 0)
        return -1;
    if (n == 0)
        return err_fail(err, ERR_NOTFOUND, "no published report with id %lld", (long long)id);
    *out = v[0];
    return 0;
}

int publication_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t before, int limit,
                           Publication **out, int *n, Err *err)
{
    DbStmt *st;
    if (inspection_id > 0) {
        st = db_prepare(db,
                        DB_SQL("SELECT id, inspection_id, title, as_of, published_at,"
                               " published_by, confirmed FROM publication"
                               " WHERE inspection_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3"));
        db_bind_int(st, 1, inspection_id);
    } else {
        st = db_prepare(db, DB_SQL("SELECT id, inspection_id, title, as_of, published_at,"
                                   " published_by, confirmed FROM publication"
                                   " WHERE ?1 = 0 AND id < ?2 ORDER BY id DESC LIMIT ?3"));
        db_bind_int(st, 1, 0);
    }
    db_bind_int(st, 2, before > 0 ? before : INT64_MAX);
    db_bind_int(st, 3, limit);
    return db_collect(db, st, arena, sizeof(Publication), publication_row, (void **)out, n, err);
}

int publication_store_file(Db *db, Arena *arena, int64_t id, const char *format,
                           PublicationFile *out, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT format, sha256, bytes FROM publication_file"
                                             " WHERE publication_id = ?1 AND format = ?2"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, format);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        out->format = arena_strdup(arena, or_empty(db_col_text(st, 0)));
        out->sha256 = arena_strdup(arena, or_empty(db_col_text(st, 1)));
        const void *p = db_col_blob(st, 2, &out->len);
        char *copy = arena_alloc(arena, out->len + 1);
        if (out->len)
            memcpy(copy, p, out->len);
        copy[out->len] = 0;
        out->bytes = copy;
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no %s file of published report %lld", format,
                        (long long)id);
    return 0;
}
