/*
** owe_store.c: SQL for the daily loop's open items (owe_store.h).
*/
#include "owe_store.h"

static void row(DbStmt *st, Arena *arena, void *out)
{
    OweRow *o = out;
    o->kind = (OweStoreKind)db_col_int(st, 0);
    o->unit_id = db_col_int(st, 1);
    o->inspection_id = db_col_int(st, 2);
    o->measure_id = db_col_int(st, 3);
    o->object_id = db_col_int(st, 4);
    o->title = arena_strdup(arena, db_col_text(st, 5));
    o->due = db_col_day(st, 6);
    o->since = db_col_day(st, 7);
    if (!o->title)
        o->title = "";
}

int owe_store_loop(Db *db, Arena *arena, int64_t unit_id, bool units, int64_t org_unit_id,
                   bool office, int limit, OweRow **out, int *n, Err *err)
{
    DbStmt *st = db_prepare(
        db,
        DB_SQL("SELECT 0, m.lead_unit_id, m.inspection_id, p.measure_id, p.id, m.title, NULL,"
               " p.reported_on FROM progress p JOIN measure m ON m.id = p.measure_id"
               " WHERE ?2 AND p.state = 'submitted' AND p.unit_id IS NOT m.lead_unit_id"
               " AND (?1 = 0 OR m.lead_unit_id = ?1)"
               " UNION ALL"
               " SELECT 1, s.unit_id, s.inspection_id, s.measure_id, s.id,"
               " coalesce(m.title, f.title, u.name), s.respond_by, s.issued_on FROM supervision s"
               " LEFT JOIN measure m ON m.id = s.measure_id LEFT JOIN finding f ON f.id = s.finding_id"
               " LEFT JOIN unit u ON u.id = s.unit_id"
               " WHERE ?2 AND s.state = 'open' AND (?1 = 0 OR s.unit_id = ?1)"
               " UNION ALL"
               " SELECT 2, m.lead_unit_id, m.inspection_id, i.measure_id, i.id, m.title, NULL,"
               " i.given_on FROM instruction i JOIN measure m ON m.id = i.measure_id"
               " WHERE ?2 AND i.acknowledged_on IS NULL AND (?1 = 0 OR m.lead_unit_id = ?1)"
               " UNION ALL"
               " SELECT 3, 0, c.inspection_id, it.measure_id, c.id, m.title, NULL, c.drawn_on"
               " FROM spot_check_item it JOIN spot_check c ON c.id = it.check_id"
               " JOIN measure m ON m.id = it.measure_id JOIN inspection n ON n.id = c.inspection_id"
               " WHERE ?4 AND it.result IS NULL"
               " AND (?3 = 0 OR n.org_unit_id = ?3 OR n.org_unit_id IS NULL)"
               " ORDER BY 8 DESC, 5 DESC LIMIT ?5"));
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, units);
    db_bind_int(st, 3, org_unit_id);
    db_bind_int(st, 4, office);
    db_bind_int(st, 5, limit);
    return db_collect(db, st, arena, sizeof(OweRow), row, (void **)out, n, err);
}
