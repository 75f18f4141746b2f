/*
** upload.c: streaming a multipart/form-data body into a Request (upload.h). The multipart parser
** calls begin/data/end per part; a file part goes to a mkstemp() file in the data folder's tmp/
** with its SHA-256 updated as bytes pass, a text field to a bounded Buf, then to r->form.
*/
#include "web/upload.h"

#include "base/utf8.h"
#include "web/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when s is valid UTF-8 without control characters (C0 and DEL). */
static bool clean_text(const char *s)
{
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

/*
** Room for one more of the n items of size bytes at *items (capacity *cap, first when empty):
** a full array is copied into one twice as large in the arena.
*/
static void grow(Arena *arena, void *items, int n, int *cap, int first, size_t size)
{
    void **p = items;
    if (n < *cap)
        return;
    int next = *cap ? 2 * *cap : first;
    void *bigger = arena_zalloc(arena, (size_t)next * size);
    if (n)
        memcpy(bigger, *p, (size_t)n * size);
    *p = bigger;
    *cap = next;
}

static void add_form(UploadSink *s, const char *name, const char *value)
{
    Request *r = s->r;
    grow(&r->arena, &r->form, r->n_form, &s->cap_form, 8, sizeof *r->form);
    r->form[r->n_form++] = (Param){name, value};
}

static Upload *add_upload(UploadSink *s)
{
    Request *r = s->r;
    grow(&r->arena, &r->uploads, r->n_uploads, &s->cap_uploads, 4, sizeof *r->uploads);
    Upload *u = &r->uploads[r->n_uploads++];
    memset(u, 0, sizeof *u);
    return u;
}

static int part_begin(void *ctx, const MultipartPart *part)
{
    UploadSink *s = ctx;
    Request *r = s->r;
    if (!clean_text(part->name))
        return 400;
    if (!part->filename) {
        s->cur = NULL;
        s->text_name = arena_strdup(&r->arena, part->name);
        buf_reset(&s->text);
        return 0;
    }
    if (strlen(part->filename) > UPLOAD_MAX_FILENAME || !clean_text(part->filename) ||
        (part->content_type && !clean_text(part->content_type)))
        return 400;
    if (s->need_csrf && !auth_csrf_ok(r))
        return 403;
    if (r->n_uploads == UPLOAD_MAX_FILES)
        return 413;
    Upload *u = add_upload(s);
    u->field = arena_strdup(&r->arena, part->name);
    u->filename = arena_strdup(&r->arena, part->filename);
    u->content_type = arena_strdup(&r->arena, part->content_type ? part->content_type
                                                                  : "application/octet-stream");
    char *path = arena_printf(&r->arena, "%s/upload-XXXXXX", s->tmp_dir);
    s->fd = mkstemp(path);
    if (s->fd < 0) {
        fprintf(stderr, "serve: cannot create a file in '%s': %s\n", s->tmp_dir, strerror(errno));
        r->n_uploads--;
        return 500;
    }
    u->tmp_path = path;
    s->cur = u;
    hash_stream_init(&s->hash);
    return 0;
}

static int part_data(void *ctx, const char *p, size_t n)
{
    UploadSink *s = ctx;
    if (!s->cur) {
        if (s->text.len + n > UPLOAD_MAX_TEXT || s->text_total + n > UPLOAD_MAX_TEXT_TOTAL)
            return 413;
        buf_append(&s->text, p, n);
        s->text_total += n;
        return 0;
    }
    if (s->cur->size + (int64_t)n > s->limits.max_file)
        return 413;
    hash_stream_update(&s->hash, p, n);
    s->cur->size += (int64_t)n;
    while (n > 0) {
        ssize_t w = write(s->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            fprintf(stderr, "serve: writing '%s': %s\n", s->cur->tmp_path, strerror(errno));
            return errno == ENOSPC ? 507 : 500;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int part_end(void *ctx)
{
    UploadSink *s = ctx;
    if (!s->cur) {
        if (!utf8_valid(s->text.data, s->text.len) || memchr(s->text.data, 0, s->text.len))
            return 400;
        add_form(s, s->text_name, arena_strndup(&s->r->arena, s->text.data, s->text.len));
        return 0;
    }
    hash_stream_hex(&s->hash, s->cur->sha256);
    int rc = close(s->fd);
    s->fd = -1;
    if (rc < 0)
        return 500;
    /* An empty file input: browsers send filename="" and no content. */
    if (s->cur->size == 0 && !*s->cur->filename) {
        unlink(s->cur->tmp_path);
        s->r->n_uploads--;
    }
    s->cur = NULL;
    return 0;
}

static const MultipartHandler sink_handler = {part_begin, part_data, part_end};

int upload_begin(UploadSink *s, Request *r, const char *content_type, const char *tmp_dir,
                 const UploadLimits *limits, bool need_csrf)
{
    memset(s, 0, sizeof *s);
    s->r = r;
    s->tmp_dir = tmp_dir;
    s->limits = *limits;
    s->need_csrf = need_csrf;
    s->fd = -1;
    buf_init(&s->text);
    int st = multipart_init(&s->mp, content_type, &sink_handler, s);
    /* A body that is no multipart cannot carry the form's token: without the header either,
       the request is a cross-site forgery first (403), as on every other write route. */
    if (st == 415 && need_csrf && !auth_csrf_ok(r))
        return 403;
    return st;
}

int upload_feed(UploadSink *s, const char *p, size_t n)
{
    if (s->mp.status)
        return s->mp.status;
    s->total += (int64_t)n;
    if (s->total > s->limits.max_request)
        return s->mp.status = 413;
    return multipart_feed(&s->mp, p, n);
}

int upload_finish(UploadSink *s)
{
    return multipart_finish(&s->mp);
}

void upload_cleanup(UploadSink *s)
{
    if (!s->r)
        return;
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    for (int i = 0; i < s->r->n_uploads; i++)
        if (s->r->uploads[i].tmp_path) {
            unlink(s->r->uploads[i].tmp_path);
            s->r->uploads[i].tmp_path = NULL;
        }
    buf_free(&s->text);
}

/* mkdir path with mode 0700 unless it is already a folder (private: open to no other user). */
static int make_private_dir(const char *path, bool private, Err *err)
{
    struct stat st;
    if (mkdir(path, 0700) == 0)
        return 0;
    if (errno != EEXIST)
        return err_fail(err, ERR_IO, "cannot create '%s': %s", path, strerror(errno));
    if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
        return err_fail(err, ERR_IO, "'%s' is not a folder", path);
    if (private && (st.st_mode & 077))
        return err_fail(err, ERR_IO, "'%s' is open to other users (mode %o; want 0700)", path,
                        (unsigned)(st.st_mode & 0777));
    return 0;
}

int upload_tmp_dir(const char *db_path, char **out, Err *err)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s-files", db_local_path(db_path));
    if (make_private_dir(b.data, false, err) < 0)
        goto fail;
    buf_puts(&b, "/tmp");
    if (make_private_dir(b.data, true, err) < 0)
        goto fail;
    *out = buf_detach(&b, NULL);
    return 0;
fail:
    buf_free(&b);
    return -1;
}
