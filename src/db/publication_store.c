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
    if (db_run(db,
               DB_SQL("INSERT INTO publication(inspection_id, title, as_of, published_at,"
                      " published_by, confirmed) VALUES(?1,?2,?3,?4,?5,?6)"),
               DB_ARGS(DB_INT(p->inspection_id), DB_TEXT(p->title), DB_DAY(p->as_of), DB_NOW,
                       DB_ID(p->published_by), DB_STR(p->confirmed)),
               err) < 0)
        return -1;
    p->id = db_last_id(db);
    for (int i = 0; i < n_files; i++) {
        if (db_run(db,
                   DB_SQL("INSERT INTO publication_file(publication_id, format, sha256,"
                          " bytes) VALUES(?1,?2,?3,?4)"),
                   DB_ARGS(DB_INT(p->id), DB_TEXT(files[i].format), DB_TEXT(files[i].sha256),
                           DB_BLOB(files[i].bytes, files[i].len)),
                   err) < 0)
            return -1;
    }
    return 0;
}

static const DbCol publication_cols[] = {
    DB_COL_INT(Publication, id),           DB_COL_INT(Publication, inspection_id),
    DB_COL_STR(Publication, title),        DB_COL_DAY(Publication, as_of),
    DB_COL_STR(Publication, published_at), DB_COL_INT(Publication, published_by),
    DB_COL_STR(Publication, confirmed),
};

static const DbRowMap publication_map = DB_MAP(Publication, publication_cols, NULL);

#define PUBLICATION_COLUMNS                                                                        \
    "SELECT id, inspection_id, title, as_of, published_at, published_by, confirmed"                \
    " FROM publication"

int publication_store_get(Db *db, Arena *arena, int64_t id, Publication *out, Err *err)
{
    return db_get_id(db, DB_SQL(PUBLICATION_COLUMNS " WHERE id = ?1"), id, &publication_map, arena,
                     out, "published report", err);
}

int publication_store_list(Db *db, Arena *arena, int64_t inspection_id, int64_t before, int limit,
                           Publication **out, int *n, Err *err)
{
    const char *sql = inspection_id > 0
                          ? DB_SQL(PUBLICATION_COLUMNS " WHERE inspection_id = ?1 AND id < ?2"
                                                       " ORDER BY id DESC LIMIT ?3")
                          : DB_SQL(PUBLICATION_COLUMNS " WHERE ?1 = 0 AND id < ?2"
                                                       " ORDER BY id DESC LIMIT ?3");
    return db_list(db, sql,
                   DB_ARGS(DB_INT(inspection_id > 0 ? inspection_id : 0),
                           DB_INT(before > 0 ? before : INT64_MAX), DB_INT(limit)),
                   &publication_map, arena, out, n, err);
}

int publication_store_file(Db *db, Arena *arena, int64_t id, const char *format,
                           PublicationFile *out, Err *err)
{
    DbStmt *st = db_query(db,
                          DB_SQL("SELECT format, sha256, bytes FROM publication_file"
                                 " WHERE publication_id = ?1 AND format = ?2"),
                          DB_ARGS(DB_INT(id), DB_TEXT(format)));
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
