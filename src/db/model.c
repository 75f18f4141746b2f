/*
** model.c: the lookup of names by id (model.h).
*/
#include "model.h"

const char *idname_find(const IdName *v, int n, int64_t id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid].id == id)
            return v[mid].name;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return "";
}

const char *idname_unit(void *names, int64_t id)
{
    const IdNames *n = names;
    return idname_find(n->units, n->n_units, id);
}

const char *idname_person(void *names, int64_t id)
{
    const IdNames *n = names;
    return idname_find(n->persons, n->n_persons, id);
}

static const DbCol idname_cols[] = {
    DB_COL_INT(IdName, id),
    DB_COL_TEXT(IdName, name),
    DB_COL_STR(IdName, post),
};

const DbRowMap idname_map = DB_MAP(IdName, idname_cols, NULL);
