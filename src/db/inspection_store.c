/*
** inspection_store.c: SQL for inspections and their figures (inspection_store.h).
*/
#include "inspection_store.h"

int inspection_store_insert(Db *db, Inspection *in, Err *err)
{
    return db_insert(
        db,
        DB_SQL("INSERT INTO inspection(kind, title, superior, group_name, target, onsite_start,"
               " onsite_end, feedback_on, concentrated_end, report_cycle, report_due_day,"
               " warn_days, require_signoff, state, contact_phone, contact_email,"
               " contact_address, signer, published_on, source_file, source_sha256, created_at,"
               " org_unit_id, revisit_months) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
               "?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24)"),
        DB_ARGS(DB_TEXT(model_inspection_kind_name(in->kind)), DB_TEXT(in->title),
                DB_STR(in->superior), DB_STR(in->group_name), DB_STR(in->target),
                DB_DAY(in->onsite_start), DB_DAY(in->onsite_end), DB_DAY(in->feedback_on),
                DB_DAY(in->concentrated_end), DB_TEXT(model_cycle_name(in->report_cycle)),
                DB_INT(in->report_due_day), DB_INT(in->warn_days), DB_INT(in->require_signoff),
                DB_TEXT(vocab_name(VOCAB_INSPECTION_STATE, (int)in->state)),
                DB_STR(in->contact_phone), DB_STR(in->contact_email), DB_STR(in->contact_address),
                DB_STR(in->signer), DB_DAY(in->published_on), DB_TEXT(in->source_file),
                DB_TEXT(in->source_sha256), DB_NOW, DB_ID(in->org_unit_id),
                DB_INT(in->revisit_months > 0 ? in->revisit_months : INSPECTION_REVISIT_DEFAULT)),
        &in->id, err);
}

static const DbCol inspection_cols[] = {
    DB_COL_INT(Inspection, id),
    DB_COL_VOCAB(Inspection, kind, VOCAB_INSPECTION_KIND, INSPECTION_OTHER),
    DB_COL_TEXT(Inspection, title),
    DB_COL_TEXT(Inspection, superior),
    DB_COL_TEXT(Inspection, group_name),
    DB_COL_TEXT(Inspection, target),
    DB_COL_DAY(Inspection, onsite_start),
    DB_COL_DAY(Inspection, onsite_end),
    DB_COL_DAY(Inspection, feedback_on),
    DB_COL_DAY(Inspection, concentrated_end),
    DB_COL_VOCAB(Inspection, report_cycle, VOCAB_REPORT_CYCLE, CYCLE_MONTHLY),
    DB_COL_INT(Inspection, report_due_day),
    DB_COL_INT(Inspection, warn_days),
    DB_COL_INT(Inspection, require_signoff),
    DB_COL_VOCAB(Inspection, state, VOCAB_INSPECTION_STATE, INSPECTION_DRAFT),
    DB_COL_TEXT(Inspection, contact_phone),
    DB_COL_TEXT(Inspection, contact_email),
    DB_COL_TEXT(Inspection, contact_address),
    DB_COL_TEXT(Inspection, signer),
    DB_COL_DAY(Inspection, published_on),
    DB_COL_TEXT(Inspection, source_file),
    DB_COL_TEXT(Inspection, source_sha256),
    DB_COL_INT(Inspection, org_unit_id),
    DB_COL_VOCAB(Inspection, plan_state, VOCAB_PLAN_STATE, PLAN_ISSUED),
    DB_COL_INT(Inspection, require_onsite),
    DB_COL_INT(Inspection, version),
    DB_COL_DAY(Inspection, issued_on),
    DB_COL_INT(Inspection, revisit_months),
};

static const DbRowMap inspection_map = DB_MAP(Inspection, inspection_cols, NULL);

int inspection_store_get(Db *db, Arena *arena, int64_t id, Inspection *out, Err *err)
{
    return db_get_id(
        db,
        DB_SQL("SELECT id, kind, title, superior, group_name, target, onsite_start, onsite_end,"
               " feedback_on, concentrated_end, report_cycle, report_due_day, warn_days,"
               " require_signoff, state, contact_phone, contact_email, contact_address, signer,"
               " published_on, source_file, source_sha256, org_unit_id, plan_state,"
               " require_onsite, version, substr(issued_at, 1, 10), revisit_months"
               " FROM inspection WHERE id = ?1"),
        id, &inspection_map, arena, out, "inspection", err);
}

int inspection_store_find_source(Db *db, const char *sha256, int64_t *id, Err *err)
{
    return db_scalar(db, DB_SQL("SELECT id FROM inspection WHERE source_sha256 = ?1"),
                     DB_ARGS(DB_TEXT(sha256)), id, err);
}

int inspection_store_find_similar(Db *db, Arena *arena, const char *group, const char *target,
                                  int64_t *id, const char **source_file, Err *err)
{
    DbStmt *st = db_query(
        db,
        DB_SQL("SELECT id, source_file FROM inspection WHERE group_name = ?1 AND target = ?2"
               " AND source_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1"),
        DB_ARGS(DB_TEXT(group), DB_TEXT(target)));
    *id = 0;
    *source_file = NULL;
    int rc = db_step(db, st, err);
    if (rc == 1) {
        *id = db_col_int(st, 0);
        *source_file = arena_strdup(arena, db_col_text(st, 1));
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int inspection_store_ids(Db *db, Arena *arena, int64_t **ids, int *n, Err *err)
{
    return db_list(db, DB_SQL("SELECT id FROM inspection ORDER BY id"), DB_NOARGS, &db_map_ids,
                   arena, ids, n, err);
}

int inspection_store_set_figure(Db *db, int64_t id, const char *key, const char *value, Err *err)
{
    return db_run(
        db,
        DB_SQL("INSERT INTO inspection_figure(inspection_id, key, value) VALUES(?1, ?2, ?3)"
               " ON CONFLICT(inspection_id, key) DO UPDATE SET value = excluded.value"),
        DB_ARGS(DB_INT(id), DB_TEXT(key), DB_TEXT(value)), err);
}
