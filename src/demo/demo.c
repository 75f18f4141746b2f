/*
** demo.c: the demo generator's driver and organisation (demo.h): districts with their units,
** leaders and users; each district's inspections are written by ledger.c.
*/
#include "demo/internal.h"

#include "base/password.h"

#include "base/buf.h"
#include "base/hash.h"
#include "db/audit_store.h"
#include "db/evidence_seal.h"
#include "db/evidence_store.h"
#include "db/inspection_store.h"
#include "db/org_store.h"
#include "db/user_store.h"

int gen_rand(Gen *g, int n)
{
    /* splitmix64: small, fast and the same on every platform. */
    uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return n <= 0 ? 0 : (int)(z % (uint64_t)n);
}

const char *gen_pick(Gen *g, const WordList *w)
{
    return w->words[gen_rand(g, w->n)];
}

/* One account; its id into *id unless id is NULL. */
static int add_user(Gen *g, const char *login, const char *display, int64_t unit, int64_t person,
                    Role role, int64_t *id, Err *err)
{
    User u = {0};
    u.login = login;
    u.display_name = display;
    u.unit_id = unit;
    u.person_id = person;
    u.roles = ROLE_BIT(role);
    u.password_hash = g->password_hash;
    if (user_store_insert(g->db, &u, err) < 0)
        return -1;
    if (id)
        *id = u.id;
    g->sum->users++;
    return 0;
}

/* A person name unique within the run: surname and given name walk their tables in step. */
static const char *person_name(Gen *g, int k)
{
    const char *surname = demo_surnames.words[(k * 7 + gen_rand(g, 3)) % demo_surnames.n];
    const char *given = demo_given.words[(k / demo_surnames.n + k * 11) % demo_given.n];
    return arena_printf(g->arena, "%s%s", surname, given);
}

/*
** District d: its 区委 and units, its leaders, and users — in the county demo one account of each
** role with easy logins (office, leader, unit …); in the province demo systematic ones. The
** n_unit_users unit accounts go round the units (county: two each; province: 4 or 5 each): the
** first of a unit is its liaison, the second its head.
*/
static int gen_district(Gen *g, District *d, int n_unit_users, Err *err)
{
    bool county = g->opt->scale == DEMO_COUNTY || g->opt->scale == DEMO_CITY;
    Unit root = {0};
    root.name = arena_printf(g->arena, "%s区委", d->name);
    root.short_name = county ? "区委" : NULL;
    root.kind = UNIT_PARTY;
    if (unit_store_insert(g->db, &root, err) < 0)
        return -1;
    d->root_unit = root.id;
    g->sum->units++;
    for (int i = 0; i < demo_n_units && d->n_units < DEMO_MAX_UNITS; i++) {
        Unit u = {0};
        const char *base = demo_units[i].name;
        /* 区发改局 → 清源区发改局; 东城街道 → 清源区东城街道 */
        u.name = strncmp(base, "区", strlen("区")) == 0
                     ? arena_printf(g->arena, "%s%s", d->name, base)
                     : arena_printf(g->arena, "%s区%s", d->name, base);
        u.short_name = county ? base : NULL;
        int kind = model_unit_kind_parse(demo_units[i].kind);
        u.kind = kind < 0 ? UNIT_OTHER : (UnitKind)kind;
        u.parent_id = root.id;
        if (unit_store_insert(g->db, &u, err) < 0)
            return -1;
        d->unit_names[d->n_units] = u.name;
        d->units[d->n_units++] = u.id;
        g->sum->units++;
    }
    for (int i = 0; i < demo_posts.n && d->n_leaders < DEMO_MAX_LEADERS; i++) {
        Person p = {0};
        p.name = person_name(g, d->index * demo_posts.n + i);
        p.post = arena_printf(g->arena, "%s%s", d->name, demo_posts.words[i]);
        p.unit_id = root.id;
        if (person_store_insert(g->db, &p, err) < 0)
            return -1;
        g->sum->persons++;
        const char *login = county ? (i == 0 ? "leader" : arena_printf(g->arena, "leader%02d", i))
                                   : arena_printf(g->arena, "d%02d-leader%02d", d->index + 1, i);
        if (add_user(g, login, p.name, root.id, p.id, ROLE_LEADER, &d->leader_users[d->n_leaders],
                     err) < 0)
            return -1;
        d->leaders[d->n_leaders++] = p.id;
    }
    /* The office (巡改办) sits in the 区委巡察办 unit, the seventh of the table. */
    int64_t office_unit = d->units[6];
    int n_office = county ? 2 : 4;
    for (int i = 0; i < n_office; i++) {
        const char *login = county ? (i == 0 ? "office" : arena_printf(g->arena, "office%02d", i))
                                   : arena_printf(g->arena, "d%02d-office%d", d->index + 1, i + 1);
        const char *display = arena_printf(g->arena, "%s区巡改办%s", d->name, person_name(g, 500 + i));
        if (add_user(g, login, display, office_unit, 0, ROLE_OFFICE, i ? NULL : &d->office_user,
                     err) < 0)
            return -1;
    }
    const char *dl = county ? "discipline" : arena_printf(g->arena, "d%02d-discipline", d->index + 1);
    const char *ol = county ? "observer" : arena_printf(g->arena, "d%02d-observer", d->index + 1);
    if (add_user(g, dl, arena_printf(g->arena, "%s区纪委监委", d->name), d->units[5], 0,
                 ROLE_DISCIPLINE, NULL, err) < 0 ||
        add_user(g, ol, "上级巡视办观察员", 0, 0, ROLE_OBSERVER, NULL, err) < 0)
        return -1;
    for (int i = 0; i < n_unit_users; i++) {
        int u = i % d->n_units, round = i / d->n_units;
        const char *login;
        if (county)
            login = arena_printf(g->arena, "%s%s",
                                 u == DEMO_FEATURED_UNIT ? "unit"
                                                         : arena_printf(g->arena, "unit%02d", u + 1),
                                 round ? "-head" : "");
        else
            login = arena_printf(g->arena, "d%02d-u%02d-%d", d->index + 1, u + 1, round + 1);
        /* Four eyes on close-out: a unit's first account (its liaison, 联络员) reports and asks
           for close-out, its second (its head, 负责人) reviews and approves. */
        const char *display = arena_printf(g->arena, "%s%s",
                                           county ? demo_units[u].name : d->unit_names[u],
                                           round == 1 ? "负责人" : "联络员");
        int64_t *id = round == 0 ? &d->unit_users[u] : round == 1 ? &d->unit_heads[u] : NULL;
        if (add_user(g, login, display, d->units[u], 0, ROLE_UNIT, id, err) < 0)
            return -1;
    }
    return 0;
}

static const char *const scale_names[] = {"county", "province", "city", "nation"};

const char *demo_scale_name(DemoScale s)
{
    return scale_names[s];
}

int demo_scale_parse(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(scale_names); i++)
        if (strcmp(name, scale_names[i]) == 0)
            return (int)i;
    return -1;
}

static int gen_all(Gen *g, Err *err)
{
    bool county = g->opt->scale == DEMO_COUNTY || g->opt->scale == DEMO_CITY;
    if (add_user(g, "sysadmin", "系统管理员", 0, 0, ROLE_SYSADMIN, NULL, err) < 0 ||
        add_user(g, "secadmin", "安全管理员", 0, 0, ROLE_SECADMIN, NULL, err) < 0 ||
        add_user(g, "auditor", "审计管理员", 0, 0, ROLE_AUDITOR, NULL, err) < 0)
        return -1;
    int n_districts = county ? 1 : g->opt->scale == DEMO_NATION ? 750 : 25;
    int rounds = county ? 1 : 4;
    for (int k = 0; k < n_districts; k++) {
        District d;
        memset(&d, 0, sizeof d);
        d.index = k;
        d.name = demo_districts.words[k % demo_districts.n];
        if (k >= demo_districts.n)
            d.name = arena_printf(g->arena, "%s%s", demo_districts.words[k % demo_districts.n],
                                  demo_districts.words[(k / demo_districts.n) % demo_districts.n]);
        if (k >= demo_districts.n * demo_districts.n) /* nation: a third word keeps names unique */
            d.name = arena_printf(g->arena, "%s%s", d.name,
                                  demo_districts.words[(k / (demo_districts.n * demo_districts.n)) %
                                                       demo_districts.n]);
        /* Province: 182 unit accounts per district make 5,000 users in all. */
        if (gen_district(g, &d, county ? 2 * demo_n_units : 182, err) < 0)
            return -1;
        for (int r = 0; r < rounds; r++)
            if (gen_inspection(g, &d, r, err) < 0)
                return -1;
    }
    return 0;
}

/* A small valid one-page PDF saying which sample it is (offsets computed, so readers accept it). */
static void sample_pdf(Buf *b, int k)
{
    size_t off[6];
    buf_puts(b, "%PDF-1.4\n");
    off[1] = b->len;
    buf_puts(b, "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n");
    off[2] = b->len;
    buf_puts(b, "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n");
    off[3] = b->len;
    buf_puts(b, "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
                "/Resources<</Font<</F1 5 0 R>>>>>>endobj\n");
    char text[96];
    int n = snprintf(text, sizeof text, "BT /F1 18 Tf 72 760 Td (Zhenggai demo evidence %d) Tj ET", k + 1);
    off[4] = b->len;
    buf_printf(b, "4 0 obj<</Length %d>>stream\n%s\nendstream endobj\n", n, text);
    off[5] = b->len;
    buf_puts(b, "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n");
    size_t xref = b->len;
    buf_puts(b, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 1; i <= 5; i++)
        buf_printf(b, "%010zu 00000 n \n", off[i]);
    buf_printf(b, "trailer<</Size 6/Root 1 0 R>>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

/* Write the sample evidence files into the data folder, content-addressed like uploads. */
static int demo_samples(Gen *g, const char *files_dir, Err *err)
{
    const char *tmp = evidence_tmp_dir(g->arena, files_dir, err);
    if (!tmp)
        return -1;
    for (int k = 0; k < DEMO_SAMPLES; k++) {
        Buf b = BUF_INIT;
        sample_pdf(&b, k);
        hash_sha256_hex(b.data, b.len, g->sample_sha[k]);
        g->sample_size[k] = (int64_t)b.len;
        const char *path = arena_printf(g->arena, "%s/demo-%d.pdf", tmp, k);
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(b.data, 1, b.len, f) == b.len;
        if (f && fclose(f) != 0)
            ok = false;
        buf_free(&b);
        bool deduped;
        char name[CRYPTO_HEX_SIZE];
        if (!ok)
            return err_fail(err, ERR_IO, "cannot write '%s'", path);
        /* Under --crypto sm: sealed, and named by the SM3 of the content, as uploads are. */
        if (evidence_seal_file(g->db, path, name, err) < 0)
            return -1;
        if (*name)
            snprintf(g->sample_sha[k], sizeof g->sample_sha[k], "%s", name);
        if (evidence_file_place(files_dir, path, g->sample_sha[k], &deduped, err) < 0)
            return -1;
    }
    g->n_samples = DEMO_SAMPLES;
    return 0;
}

int demo_generate(Db *db, const DemoOptions *opt, DemoSummary *sum, Err *err)
{
    Arena arena = ARENA_INIT;
    int64_t *ids;
    int n, rc = -1;
    memset(sum, 0, sizeof *sum);
    if (inspection_store_ids(db, &arena, &ids, &n, err) < 0)
        goto done;
    if (n > 0) {
        err_fail(err, ERR_CONFLICT, "the database already holds %d inspection(s); demo needs an "
                                    "empty database", n);
        goto done;
    }
    char hash[PASSWORD_HASH_SIZE];
    password_hash(DEMO_PASSWORD, hash);
    DbBulk bulk;
    Gen g = {db, &bulk, opt, opt->seed, sum, &arena, hash, 0, {{0}}, {0}};
    if (opt->files_dir && demo_samples(&g, opt->files_dir, err) < 0)
        goto done;
    if (db_bulk_cache(db, err) < 0 || db_begin(db, err) < 0)
        goto done;
    char detail[128];
    rc = bulk_begin(db, &bulk, err);
    if (rc == 0)
        rc = bulk_end(&bulk, gen_all(&g, err), err);
    snprintf(detail, sizeof detail, "%s scale, seed %llu, %d measures",
             demo_scale_name(opt->scale), (unsigned long long)opt->seed,
             sum->measures);
    if (rc == 0)
        rc = audit_store_append(db, "system", AUDIT_DEMO_GENERATE, "database", detail, err);
    rc = db_finish(db, rc, err);
done:
    arena_free(&arena);
    return rc;
}
