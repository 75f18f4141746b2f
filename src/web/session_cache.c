/*
** session_cache.c: the per-thread cache of resolved sessions (session_cache.h). Each worker
** thread has its own few entries in thread-local storage (fixed room, no heap), so no lock is
** taken and no entry is shared. The cookie's value is compared with hash_equal (constant time)
** against every entry, so the time taken says nothing of how much of a value matched.
*/
#include "web/session_cache.h"

#include "base/hash.h"

#define SESSION_CACHE_SLOTS 8

typedef struct SessionSlot {
    bool valid;              /* holds an entry */
    SessionCacheKind kind;   /* what sid is */
    int64_t version[2];      /* the data version it was read at */
    uint64_t used;           /* last use, for replacement */
    char sid[65];            /* the cookie's value */
    char id_hash[65];        /* Session.id_hash */
    char csrf[65];           /* Session.csrf */
    char login[128];         /* User.login */
    char display_name[256];  /* User.display_name */
    char password_hash[192]; /* User.password_hash */
    char last_login_at[48];  /* User.last_login_at, "" for NULL */
    bool has_last_login;     /* last_login_at was not NULL */
    Session s;               /* the session, strings pointing at the room above */
    User u;                  /* the user, likewise */
} SessionSlot;

static _Thread_local SessionSlot slots[SESSION_CACHE_SLOTS];
static _Thread_local uint64_t tick;

bool session_cache_find(Request *r, SessionCacheKind kind, const char *sid,
                        const int64_t version[2], Session *s, User *u)
{
    SessionSlot *hit = NULL;
    for (int i = 0; i < SESSION_CACHE_SLOTS; i++) {
        bool same = hash_equal(slots[i].sid, sid);
        if (slots[i].valid && slots[i].kind == kind && slots[i].version[0] == version[0] &&
            slots[i].version[1] == version[1] && same)
            hit = &slots[i];
    }
    if (!hit)
        return false;
    hit->used = ++tick;
    *s = hit->s;
    s->id_hash = arena_strdup(&r->arena, hit->id_hash);
    s->csrf = arena_strdup(&r->arena, hit->csrf);
    *u = hit->u;
    u->login = arena_strdup(&r->arena, hit->login);
    u->display_name = arena_strdup(&r->arena, hit->display_name);
    u->password_hash = arena_strdup(&r->arena, hit->password_hash);
    u->last_login_at = hit->has_last_login ? arena_strdup(&r->arena, hit->last_login_at) : NULL;
    return true;
}

/* Copy s into room of size n; false when it does not fit (NULL reads as ""). */
static bool copy_in(char *room, size_t n, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    if (len >= n)
        return false;
    memcpy(room, s ? s : "", len + 1);
    return true;
}

void session_cache_put(SessionCacheKind kind, const char *sid, const int64_t version[2],
                       const Session *s, const User *u)
{
    SessionSlot *slot = &slots[0];
    for (int i = 0; i < SESSION_CACHE_SLOTS; i++) {
        if (slots[i].valid && slots[i].kind == kind && hash_equal(slots[i].sid, sid)) {
            slot = &slots[i];
            break;
        }
        if (!slots[i].valid || (slot->valid && slots[i].used < slot->used))
            slot = &slots[i];
    }
    slot->valid = false;
    if (!copy_in(slot->sid, sizeof slot->sid, sid) ||
        !copy_in(slot->id_hash, sizeof slot->id_hash, s->id_hash) ||
        !copy_in(slot->csrf, sizeof slot->csrf, s->csrf) ||
        !copy_in(slot->login, sizeof slot->login, u->login) ||
        !copy_in(slot->display_name, sizeof slot->display_name, u->display_name) ||
        !copy_in(slot->password_hash, sizeof slot->password_hash, u->password_hash) ||
        !copy_in(slot->last_login_at, sizeof slot->last_login_at, u->last_login_at))
        return;
    slot->kind = kind;
    slot->has_last_login = u->last_login_at != NULL;
    slot->s = *s;
    slot->s.id_hash = slot->id_hash;
    slot->s.csrf = slot->csrf;
    slot->u = *u;
    slot->u.login = slot->login;
    slot->u.display_name = slot->display_name;
    slot->u.password_hash = slot->password_hash;
    slot->u.last_login_at = slot->has_last_login ? slot->last_login_at : NULL;
    slot->version[0] = version[0];
    slot->version[1] = version[1];
    slot->used = ++tick;
    slot->valid = true;
}
