/*
** names.c: unit and person names for the CLI (names.h).
*/
#include "names.h"

#include "db/org_store.h"

int names_init(Names *n, Cli *cli)
{
    memset(n, 0, sizeof *n);
    n->cli = cli;
    return 0;
}

/* Append to a growing arena array (elements of size bytes); returns the new slot. */
static void *grow(Arena *arena, void **items, int *count, int *cap, size_t size)
{
    if (*count == *cap) {
        int new_cap = *cap ? 2 * *cap : 16;
        void *grown = arena_alloc(arena, size * (size_t)new_cap);
        if (*count)
            memcpy(grown, *items, size * (size_t)*count);
        *items = grown;
        *cap = new_cap;
    }
    return (char *)*items + size * (size_t)(*count)++;
}

const char *names_unit(void *names, int64_t id)
{
    Names *n = names;
    for (int i = 0; i < n->n_units; i++)
        if (n->units[i].id == id)
            return n->units[i].short_name ? n->units[i].short_name : n->units[i].name;
    Unit u;
    Err ignored = ERR_INIT;
    if (!id || unit_store_get(&n->cli->db, &n->cli->arena, id, &u, &ignored) < 0)
        return "";
    *(Unit *)grow(&n->cli->arena, (void **)&n->units, &n->n_units, &n->cap_units, sizeof u) = u;
    return u.short_name ? u.short_name : u.name;
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
    *(Person *)grow(&n->cli->arena, (void **)&n->persons, &n->n_persons, &n->cap_persons,
                    sizeof p) = p;
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

/*
** The id that text names: digits are the id itself (option names it in a message), anything
** else a name that store_find looks up; an unknown name fails with "no NOUN named '…'".
*/
static int find_id(Names *n, const char *text, const char *option, const char *noun,
                   int (*store_find)(Db *, const char *, int64_t *, Err *), int64_t *id)
{
    if (all_digits(text))
        return cli_parse_id(n->cli, text, option, id);
    if (store_find(&n->cli->db, text, id, &n->cli->err) < 0)
        return -1;
    if (!*id)
        return err_fail(&n->cli->err, ERR_USAGE, "no %s named '%s'", noun, text);
    return 0;
}

int names_find_unit(Names *n, const char *text, int64_t *id)
{
    return find_id(n, text, "--unit", "unit", unit_store_find, id);
}

int names_find_person(Names *n, const char *text, int64_t *id)
{
    return find_id(n, text, "--leader", "leader", person_store_find, id);
}
