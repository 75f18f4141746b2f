/*
** ledger.c: loading one inspection's ledger (ledger.h).
*/
#include "ledger.h"

#include "db/finding_store.h"
#include "db/inspection_store.h"
#include "db/measure_store.h"

int ledger_load(Db *db, Arena *arena, int64_t inspection_id, Ledger *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (inspection_store_get(db, arena, inspection_id, &out->in, err) < 0)
        return -1;
    if (finding_store_list(db, arena, inspection_id, &out->findings, &out->n_findings, err) < 0)
        return -1;
    MeasureFilter f = MEASURE_FILTER_ALL;
    f.inspection_id = inspection_id;
    return measure_store_load(db, arena, &f, MEASURE_LOAD_OWNERS | MEASURE_LOAD_REPORTS,
                              &out->measures, &out->n_measures, err);
}

int ledger_tx(Db *db, LedgerTxFn fn, void *ctx, Err *err)
{
    if (db_begin(db, err) < 0)
        return -1;
    Arena arena = ARENA_INIT;
    int rc = db_finish(db, fn(db, &arena, ctx, err), err);
    arena_free(&arena);
    return rc;
}
