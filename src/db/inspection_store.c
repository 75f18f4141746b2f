/*
** inspection_store.c: SQL for inspections and their figures (inspection_store.h).
*/
#include "inspection_store.h"

int inspection_store_insert(Db *db, Inspection *in, Err *err)
{
    char now[TIME_ISO_SIZE];
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO inspection(kind, title, superior, group_name, target, onsite_start,"
                   " onsite_end, feedback_on, concentrated_end, report_cycle, report_due_day,"
                   " warn_days, require_signoff, state, contact_phone, contact_email,"
                   " contact_address, signer, published_on, source_file, source_sha256, created_at,"
                   " org_unit_id, revisit_months) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                   "?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24)"));
    db_bind_text(st, 1, model_inspection_kind_name(in->kind));
    db_bind_text(st, 2, in->title);
    db_bind_text(st, 3, in->superior ? in->superior : "");
    db_bind_text(st, 4, in->group_name ? in->group_name : "");
    db_bind_text(st, 5, in->target ? in->target : "");
    db_bind_day(st, 6, in->onsite_start);
    db_bind_day(st, 7, in->onsite_end);
    db_bind_day(st, 8, in->feedback_on);
    db_bind_day(st, 9, in->concentrated_end);
    db_bind_text(st, 10, model_cycle_name(in->report_cycle));
    db_bind_int(st, 11, in->report_due_day);
    db_bind_int(st, 12, in->warn_days);
    db_bind_int(st, 13, in->require_signoff);
    db_bind_text(st, 14, vocab_name(VOCAB_INSPECTION_STATE, (int)in->state));
    db_bind_text(st, 15, in->contact_phone ? in->contact_phone : "");
    db_bind_text(st, 16, in->contact_email ? in->contact_email : "");
    db_bind_text(st, 17, in->contact_address ? in->contact_address : "");
    db_bind_text(st, 18, in->signer ? in->signer : "");
    db_bind_day(st, 19, in->published_on);
    db_bind_text(st, 20, in->source_file);
    db_bind_text(st, 21, in->source_sha256);
    db_bind_text(st, 22, date_now_iso(now));
    db_bind_id(st, 23, in->org_unit_id);
    db_bind_int(st, 24, in->revisit_months > 0 ? in->revisit_months : INSPECTION_REVISIT_DEFAULT);
    if (db_step_done(db, st, err) < 0)
        return -1;
    in->id = db_last_id(db);
    return 0;
}

int inspection_store_get(Db *db, Arena *arena, int64_t id, Inspection *out, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, kind, title, superior, group_name, target, onsite_start, onsite_end,"
                   " feedback_on, concentrated_end, report_cycle, report_due_day, warn_days,"
                   " require_signoff, state, contact_phone, contact_email, contact_address, signer,"
                   " published_on, source_file, source_sha256, org_unit_id, plan_state, "
                   "require_onsite, version,"
                   " substr(issued_at, 1, 10), revisit_months FROM inspection WHERE id = ?1"));
    db_bind_int(st, 1, id);
    int rc = db_step(db, st, err);
    if (rc == 1) {
        memset(out, 0, sizeof *out);
        out->id = db_col_int(st, 0);
        int kind = model_inspection_kind_parse(db_col_text(st, 1));
        out->kind = kind < 0 ? INSPECTION_OTHER : (InspectionKind)kind;
        out->title = arena_strdup(arena, db_col_text(st, 2));
        out->superior = arena_strdup(arena, db_col_text(st, 3));
        out->group_name = arena_strdup(arena, db_col_text(st, 4));
        out->target = arena_strdup(arena, db_col_text(st, 5));
        out->onsite_start = db_col_day(st, 6);
        out->onsite_end = db_col_day(st, 7);
        out->feedback_on = db_col_day(st, 8);
        out->concentrated_end = db_col_day(st, 9);
        int cycle = model_cycle_parse(db_col_text(st, 10));
        out->report_cycle = cycle < 0 ? CYCLE_MONTHLY : (ReportCycle)cycle;
        out->report_due_day = (int)db_col_int(st, 11);
        out->warn_days = (int)db_col_int(st, 12);
        out->require_signoff = db_col_int(st, 13) != 0;
        out->state = vocab_parse_or(VOCAB_INSPECTION_STATE, db_col_text(st, 14), INSPECTION_DRAFT);
        out->contact_phone = arena_strdup(arena, db_col_text(st, 15));
        out->contact_email = arena_strdup(arena, db_col_text(st, 16));
        out->contact_address = arena_strdup(arena, db_col_text(st, 17));
        out->signer = arena_strdup(arena, db_col_text(st, 18));
        out->published_on = db_col_day(st, 19);
        out->source_file = arena_strdup(arena, db_col_text(st, 20));
        out->source_sha256 = arena_strdup(arena, db_col_text(st, 21));
        out->org_unit_id = db_col_int(st, 22);
        out->plan_state =
            (PlanState)vocab_parse_or(VOCAB_PLAN_STATE, db_col_text(st, 23), PLAN_ISSUED);
        out->require_onsite = db_col_int(st, 24) != 0;
        out->version = db_col_int(st, 25);
        out->issued_on = db_col_day(st, 26);
        out->revisit_months = (int)db_col_int(st, 27);
    }
    db_reset(st);
    if (rc == 0)
        return err_fail(err, ERR_NOTFOUND, "no inspection with id %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int inspection_store_find_source(Db *db, const char *sha256, int64_t *id, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT id FROM inspection WHERE source_sha256 = ?1"));
    db_bind_text(st, 1, sha256);
    return db_find_id(db, st, id, err);
}

int inspection_store_find_similar(Db *db, Arena *arena, const char *group, const char *target,
                                  int64_t *id, const char **source_file, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("SELECT id, source_file FROM inspection WHERE group_name = ?1 AND target = ?2"
                   " AND source_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1"));
    db_bind_text(st, 1, group);
    db_bind_text(st, 2, target);
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

static void id_row(DbStmt *st, Arena *arena, void *out)
{
    (void)arena;
    *(int64_t *)out = db_col_int(st, 0);
}

int inspection_store_ids(Db *db, Arena *arena, int64_t **ids, int *n, Err *err)
{
    DbStmt *st = db_prepare(db, DB_SQL("SELECT id FROM inspection ORDER BY id"));
    return db_collect(db, st, arena, sizeof(int64_t), id_row, (void **)ids, n, err);
}

int inspection_store_set_figure(Db *db, int64_t id, const char *key, const char *value, Err *err)
{
    DbStmt *st = db_prepare(
        db, DB_SQL("INSERT INTO inspection_figure(inspection_id, key, value) VALUES(?1, ?2, ?3)"
                   " ON CONFLICT(inspection_id, key) DO UPDATE SET value = excluded.value"));
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, key);
    db_bind_text(st, 3, value);
    return db_step_done(db, st, err);
}
