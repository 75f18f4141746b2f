/*
** owe_store.c: SQL for the daily loop's open items (owe_store.h).
*/
#include "owe_store.h"

static const DbCol owe_cols[] = {
    DB_COL_INT(OweRow, kind),          DB_COL_INT(OweRow, unit_id),
    DB_COL_INT(OweRow, inspection_id), DB_COL_INT(OweRow, measure_id),
    DB_COL_INT(OweRow, object_id),     DB_COL_STR(OweRow, title),
    DB_COL_DAY(OweRow, due),           DB_COL_DAY(OweRow, since),
};

static const DbRowMap owe_map = DB_MAP(OweRow, owe_cols, NULL);

int owe_store_loop(Db *db, Arena *arena, int64_t unit_id, bool units, int64_t org_unit_id,
                   bool office, int limit, OweRow **out, int *n, Err *err)
{
    return db_list(
        db,
        DB_SQL(
            "SELECT 0, m.lead_unit_id, m.inspection_id, p.measure_id, p.id, m.title, NULL,"
            " p.reported_on FROM progress p JOIN measure m ON m.id = p.measure_id"
            " WHERE ?2 <> 0 AND p.state = 'submitted' AND p.unit_id IS DISTINCT FROM m.lead_unit_id"
            " AND (?1 = 0 OR m.lead_unit_id = ?1)"
            " UNION ALL"
            " SELECT 1, s.unit_id, s.inspection_id, s.measure_id, s.id,"
            " coalesce(m.title, f.title, u.name), s.respond_by, s.issued_on FROM supervision s"
            " LEFT JOIN measure m ON m.id = s.measure_id LEFT JOIN finding f ON f.id = s.finding_id"
            " LEFT JOIN unit u ON u.id = s.unit_id"
            " WHERE ?2 <> 0 AND s.state = 'open' AND (?1 = 0 OR s.unit_id = ?1)"
            " UNION ALL"
            " SELECT 2, m.lead_unit_id, m.inspection_id, i.measure_id, i.id, m.title, NULL,"
            " i.given_on FROM instruction i JOIN measure m ON m.id = i.measure_id"
            " WHERE ?2 <> 0 AND i.acknowledged_on IS NULL AND (?1 = 0 OR m.lead_unit_id = ?1)"
            " UNION ALL"
            " SELECT 3, 0, c.inspection_id, it.measure_id, c.id, m.title, NULL, c.drawn_on"
            " FROM spot_check_item it JOIN spot_check c ON c.id = it.check_id"
            " JOIN measure m ON m.id = it.measure_id JOIN inspection n ON n.id = c.inspection_id"
            " WHERE ?4 AND it.result IS NULL"
            " AND (?3 = 0 OR n.org_unit_id = ?3 OR n.org_unit_id IS NULL)"
            " ORDER BY 8 DESC, 5 DESC LIMIT ?5"),
        DB_ARGS(DB_INT(unit_id), DB_INT(units), DB_INT(org_unit_id), DB_INT(office), DB_INT(limit)),
        &owe_map, arena, out, n, err);
}
