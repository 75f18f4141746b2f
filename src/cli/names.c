/*
** names.c: unit and person names for the CLI (names.h).
*/
#include "names.h"

#include "db/org_store.h"

int names_init(Names *n, Cli *cli)
{
    memset(n, 0, sizeof *n);
    n->cli = cli;
    return unit_store_list(&cli->db, &cli->arena, &n->units, &n->n_units, &cli->err);
}

const char *names_unit(void *names, int64_t id)
{
    Names *n = names;
    int lo = 0, hi = n->n_units - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (n->units[mid].id == id)
            return n->units[mid].short_name ? n->units[mid].short_name : n->units[mid].name;
        if (n->units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return "";
}

const char *names_person(void *names, int64_t id)
{
    Names *n = names;
    for (int i = 0; i < n->n_persons; i++)
        if (n->persons[i].id == id)
            return n->persons[i].name;
    Person p;
    Err ignored = ERR_INIT;
    if (!id || person_store_get(&n->cli->db, &n->cli->arena, id, &p, &ignored) < 0)
        return "";
    if (n->n_persons == n->cap_persons) {
        int cap = n->cap_persons ? 2 * n->cap_persons : 16;
        Person *grown = ARENA_ARRAY(&n->cli->arena, Person, cap);
        if (n->n_persons)
            memcpy(grown, n->persons, sizeof(Person) * (size_t)n->n_persons);
        n->persons = grown;
        n->cap_persons = cap;
    }
    n->persons[n->n_persons++] = p;
    return p.name;
}

NameLookup names_lookup(Names *n)
{
    NameLookup l = {names_unit, names_person, n};
    return l;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

int names_find_unit(Names *n, const char *text, int64_t *id)
{
    if (all_digits(text))
        return cli_parse_id(n->cli, text, "--unit", id);
    if (unit_store_find(&n->cli->db, text, id, &n->cli->err) < 0)
        return -1;
    if (!*id)
        return err_fail(&n->cli->err, ERR_USAGE, "no unit named '%s'", text);
    return 0;
}

int names_find_person(Names *n, const char *text, int64_t *id)
{
    if (all_digits(text))
        return cli_parse_id(n->cli, text, "--leader", id);
    if (person_store_find(&n->cli->db, text, id, &n->cli->err) < 0)
        return -1;
    if (!*id)
        return err_fail(&n->cli->err, ERR_USAGE, "no leader named '%s'", text);
    return 0;
}
