/*
** test_multipart.c: the streaming multipart/form-data parser (web/multipart.c) and the upload
** sink that writes file parts to temporary files (web/upload.c). The same body must give the
** same parts whether it arrives whole, split in two at every byte position, or a byte at a time;
** every limit and malformation is refused with its status.
*/
#include "testutil.h"

#include "base/buf.h"
#include "base/hash.h"
#include "web/multipart.h"
#include "web/upload.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

/* Records what the parser reports, as text: "[name|filename|type]content" per part. */
typedef struct Log {
    Buf out;
    int fail_at_begin; /* a status the begin callback returns for the part of this number (1-based) */
    int parts;
} Log;

static int log_begin(void *ctx, const MultipartPart *p)
{
    Log *l = ctx;
    if (++l->parts == l->fail_at_begin)
        return 413;
    buf_printf(&l->out, "[%s|%s|%s]", p->name, p->filename ? p->filename : "-",
               p->content_type ? p->content_type : "-");
    return 0;
}

static int log_data(void *ctx, const char *p, size_t n)
{
    Log *l = ctx;
    assert_true(n > 0);
    buf_append(&l->out, p, n);
    return 0;
}

static int log_end(void *ctx)
{
    buf_puts(&((Log *)ctx)->out, "<end>");
    return 0;
}

static const MultipartHandler log_handler = {log_begin, log_data, log_end};

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryAbC123"
#define B "----WebKitFormBoundaryAbC123"
#define B_NEAR "----WebKitFormBoundaryAbC12" /* the boundary less its last byte */

/* A body with a preamble, text fields, a file whose content imitates the delimiter, an epilogue. */
static const char body[] =
    "preamble to ignore\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
    "tok123\r\n"
    "--" B "\r\n"
    "content-disposition: form-data; name=\"text\"\r\n\r\n"
    "整改进展\r\n第二行\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\证明 \\\"a\\\".pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\n"
    "%PDF\r\n--" B_NEAR "Z\r\r\n--" B_NEAR "\r\n-\r\n--\r\n\r\r\n\r\n--" B_NEAR "\r\n"
    "\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
    "Content-Type: application/octet-stream\r\n\r\n"
    "\r\n"
    "--" B "--\r\n"
    "epilogue --" B "\r\n";

static const char expected[] =
    "[csrf|-|-]tok123<end>"
    "[text|-|-]整改进展\r\n第二行<end>"
    "[file|证明 \"a\".pdf|application/pdf]"
    "%PDF\r\n--" B_NEAR "Z\r\r\n--" B_NEAR "\r\n-\r\n--\r\n\r\r\n\r\n--" B_NEAR "\r\n<end>"
    "[empty||application/octet-stream]<end>";

/* Parse body fed in the given pieces; returns the log (caller frees) and the final status. */
static int parse_pieces(const char *b, size_t n, const size_t *cuts, int n_cuts, Buf *out)
{
    Log l = {BUF_INIT, 0, 0};
    Multipart m;
    assert_int_equal(multipart_init(&m, CT, &log_handler, &l), 0);
    size_t at = 0;
    int st = 0;
    for (int i = 0; i <= n_cuts && st == 0; i++) {
        size_t end = i < n_cuts ? cuts[i] : n;
        st = multipart_feed(&m, b + at, end - at);
        at = end;
    }
    if (st == 0)
        st = multipart_finish(&m);
    *out = l.out;
    return st;
}

static void test_whole_and_every_split(void **state)
{
    (void)state;
    size_t n = sizeof body - 1;
    Buf out;
    assert_int_equal(parse_pieces(body, n, NULL, 0, &out), 0);
    assert_string_equal(out.data, expected);
    buf_free(&out);
    for (size_t cut = 0; cut <= n; cut++) {
        assert_int_equal(parse_pieces(body, n, &cut, 1, &out), 0);
        if (strcmp(out.data, expected) != 0)
            fail_msg("split at %zu gives %s", cut, out.data);
        buf_free(&out);
    }
    /* Three pieces: every pair of cut points a few bytes apart, around the file part. */
    for (size_t a = 0; a + 7 <= n; a += 3) {
        size_t cuts[2] = {a, a + 7};
        assert_int_equal(parse_pieces(body, n, cuts, 2, &out), 0);
        assert_string_equal(out.data, expected);
        buf_free(&out);
    }
    /* One byte at a time. */
    Log l = {BUF_INIT, 0, 0};
    Multipart m;
    assert_int_equal(multipart_init(&m, CT, &log_handler, &l), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(multipart_feed(&m, body + i, 1), 0);
    assert_int_equal(multipart_finish(&m), 0);
    assert_string_equal(l.out.data, expected);
    buf_free(&l.out);
}

static int parse_one(const char *ct, const char *b)
{
    Log l = {BUF_INIT, 0, 0};
    Multipart m;
    int st = multipart_init(&m, ct, &log_handler, &l);
    if (st == 0)
        st = multipart_feed(&m, b, strlen(b));
    if (st == 0)
        st = multipart_finish(&m);
    buf_free(&l.out);
    return st;
}

static void test_bad_input(void **state)
{
    (void)state;
    const char *ok = "--xy\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--xy--";
    assert_int_equal(parse_one("multipart/form-data; boundary=xy", ok), 0);
    assert_int_equal(parse_one("multipart/form-data; boundary=\"xy\"", ok), 0);
    assert_int_equal(parse_one("application/json", ok), 415);
    assert_int_equal(parse_one("multipart/form-dataX; boundary=xy", ok), 415);
    assert_int_equal(parse_one("multipart/form-data", ok), 400);
    assert_int_equal(parse_one("multipart/form-data; boundary=", ok), 400);
    assert_int_equal(parse_one("multipart/form-data; boundary=\"xy", ok), 400);
    char longb[100];
    memset(longb, 'b', 71);
    longb[71] = 0;
    Buf ct = BUF_INIT;
    buf_printf(&ct, "multipart/form-data; boundary=%s", longb);
    assert_int_equal(parse_one(ct.data, ok), 400);
    buf_free(&ct);
    const char *ct2 = "multipart/form-data; boundary=xy";
    /* No closing delimiter; no delimiter at all; nothing. */
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Disposition: form-data; name=a\r\n\r\n1"), 400);
    assert_int_equal(parse_one(ct2, "just text"), 400);
    assert_int_equal(parse_one(ct2, ""), 400);
    /* A part without headers, without a name, with another disposition, a bad header line. */
    assert_int_equal(parse_one(ct2, "--xy\r\n\r\n1\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Disposition: form-data\r\n\r\n1\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Disposition: attachment; name=a\r\n\r\n\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nno colon here\r\n\r\n1\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy\r\nContent-Type: text/plain\r\n\r\n1\r\n--xy--"), 400);
    /* Garbage after a delimiter. */
    assert_int_equal(parse_one(ct2, "--xyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--xy--"), 400);
    assert_int_equal(parse_one(ct2, "--xy-x"), 400);
}

static void test_limits(void **state)
{
    (void)state;
    const char *ct = "multipart/form-data; boundary=xy";
    /* A header block over MULTIPART_MAX_HEAD. */
    Buf b = BUF_INIT;
    buf_puts(&b, "--xy\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
    for (int i = 0; i < MULTIPART_MAX_HEAD; i++)
        buf_putc(&b, 'p');
    buf_puts(&b, "\r\n\r\n1\r\n--xy--");
    assert_int_equal(parse_one(ct, b.data), 400);
    /* More than MULTIPART_MAX_PARTS parts. */
    buf_reset(&b);
    for (int i = 0; i <= MULTIPART_MAX_PARTS; i++)
        buf_puts(&b, "--xy\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n");
    buf_puts(&b, "--xy--");
    assert_int_equal(parse_one(ct, b.data), 400);
    buf_free(&b);
    /* A callback's status stops the parse, and stays. */
    Log l = {BUF_INIT, 2, 0};
    Multipart m;
    assert_int_equal(multipart_init(&m, CT, &log_handler, &l), 0);
    assert_int_equal(multipart_feed(&m, body, sizeof body - 1), 413);
    assert_int_equal(multipart_feed(&m, "x", 1), 413);
    assert_int_equal(multipart_finish(&m), 413);
    assert_string_equal(l.out.data, "[csrf|-|-]tok123<end>");
    buf_free(&l.out);
}

/* ---- the upload sink ---- */

static char tmp_dir[256];

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void request_init(Request *r, bool authed)
{
    memset(r, 0, sizeof *r);
    r->arena = (Arena)ARENA_INIT;
    r->authed = authed;
    r->session.csrf = "tok123";
}

/* Feed b to a fresh sink in pieces of `step` bytes; returns the final status. */
static int sink_run(Request *r, UploadSink *s, const char *b, size_t n, size_t step,
                    int64_t max_file, bool csrf)
{
    UploadLimits lim = {max_file, 1 << 20};
    int st = upload_begin(s, r, CT, tmp_dir, &lim, csrf);
    for (size_t at = 0; st == 0 && at < n; at += step)
        st = upload_feed(s, b + at, n - at < step ? n - at : step);
    if (st == 0)
        st = upload_finish(s);
    return st;
}

static void test_sink(void **state)
{
    (void)state;
    size_t n = sizeof body - 1;
    const char *content = strstr(expected, "%PDF");
    size_t content_len = (size_t)(strstr(content, "<end>") - content);
    char want[HASH_HEX_SIZE];
    hash_sha256_hex(content, content_len, want);
    for (size_t step = 1; step <= n; step += step < 16 ? 1 : 97) {
        Request r;
        UploadSink s;
        request_init(&r, true);
        assert_int_equal(sink_run(&r, &s, body, n, step, 1000, true), 0);
        assert_int_equal(r.n_form, 2);
        assert_string_equal(request_form(&r, "csrf"), "tok123");
        assert_string_equal(request_form(&r, "text"), "整改进展\r\n第二行");
        assert_int_equal(r.n_uploads, 1); /* the empty file input is dropped */
        Upload *u = &r.uploads[0];
        assert_string_equal(u->field, "file");
        assert_string_equal(u->filename, "证明 \"a\".pdf");
        assert_string_equal(u->content_type, "application/pdf");
        assert_int_equal(u->size, (int64_t)content_len);
        assert_string_equal(u->sha256, want);
        struct stat st;
        assert_int_equal(stat(u->tmp_path, &st), 0);
        assert_int_equal(st.st_size, (off_t)content_len);
        assert_int_equal(st.st_mode & 077, 0);
        assert_int_equal(count_files(tmp_dir), 1);
        /* A handler that takes the file: cleanup leaves it. */
        char *taken = NULL;
        if (step == 1) {
            taken = strdup(u->tmp_path);
            u->tmp_path = NULL;
        }
        upload_cleanup(&s);
        assert_int_equal(count_files(tmp_dir), taken ? 1 : 0);
        if (taken) {
            unlink(taken);
            free(taken);
        }
        arena_free(&r.arena);
    }
}

static void test_sink_refusals(void **state)
{
    (void)state;
    size_t n = sizeof body - 1;
    Request r;
    UploadSink s;
    /* The file is over the per-file limit: 413 and no file left. */
    request_init(&r, true);
    assert_int_equal(sink_run(&r, &s, body, n, 5, 20, true), 413);
    upload_cleanup(&s);
    assert_int_equal(count_files(tmp_dir), 0);
    arena_free(&r.arena);
    /* No session, so no CSRF token: the file part is refused before it is written. */
    request_init(&r, false);
    assert_int_equal(sink_run(&r, &s, body, n, 7, 1000, true), 403);
    assert_int_equal(r.n_uploads, 0);
    upload_cleanup(&s);
    assert_int_equal(count_files(tmp_dir), 0);
    arena_free(&r.arena);
    /* The token comes after the file: refused too. */
    const char *late = "--xy\r\nContent-Disposition: form-data; name=f; filename=a.txt\r\n\r\n"
                       "data\r\n--xy\r\nContent-Disposition: form-data; name=csrf\r\n\r\ntok123\r\n--xy--";
    request_init(&r, true);
    UploadLimits lim = {1000, 1000};
    assert_int_equal(upload_begin(&s, &r, "multipart/form-data; boundary=xy", tmp_dir, &lim, true), 0);
    assert_int_equal(upload_feed(&s, late, strlen(late)), 403);
    upload_cleanup(&s);
    arena_free(&r.arena);
    /* The header token admits the file. */
    request_init(&r, true);
    r.csrf_header = "tok123";
    assert_int_equal(upload_begin(&s, &r, "multipart/form-data; boundary=xy", tmp_dir, &lim, true), 0);
    assert_int_equal(upload_feed(&s, late, strlen(late)), 0);
    assert_int_equal(upload_finish(&s), 0);
    assert_int_equal(r.n_uploads, 1);
    assert_int_equal(r.uploads[0].size, 4);
    upload_cleanup(&s);
    assert_int_equal(count_files(tmp_dir), 0);
    arena_free(&r.arena);
    /* The whole body over the request limit. */
    request_init(&r, true);
    lim.max_request = 50;
    assert_int_equal(upload_begin(&s, &r, "multipart/form-data; boundary=xy", tmp_dir, &lim, false), 0);
    assert_int_equal(upload_feed(&s, late, strlen(late)), 413);
    upload_cleanup(&s);
    arena_free(&r.arena);
    /* A file name with a control character, invalid UTF-8 in a text field. */
    const char *bad[] = {
        "--xy\r\nContent-Disposition: form-data; name=f; filename=\"a\tb\"\r\n\r\nx\r\n--xy--",
        "--xy\r\nContent-Disposition: form-data; name=t\r\n\r\n\xff\xfe\r\n--xy--",
    };
    lim.max_request = 1000;
    for (size_t i = 0; i < 2; i++) {
        request_init(&r, true);
        assert_int_equal(upload_begin(&s, &r, "multipart/form-data; boundary=xy", tmp_dir, &lim, false), 0);
        int st = upload_feed(&s, bad[i], strlen(bad[i]));
        assert_int_equal(st ? st : upload_finish(&s), 400);
        upload_cleanup(&s);
        arena_free(&r.arena);
    }
    assert_int_equal(count_files(tmp_dir), 0);
}

static void test_tmp_dir(void **state)
{
    (void)state;
    char db[300];
    snprintf(db, sizeof db, "%s/x.db", tmp_dir);
    char *dir = NULL;
    Err err = ERR_INIT;
    assert_int_equal(upload_tmp_dir(db, &dir, &err), 0);
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    /* Opened to others afterwards: refused. */
    chmod(dir, 0777);
    char *again = NULL;
    assert_int_equal(upload_tmp_dir(db, &again, &err), -1);
    assert_non_null(strstr(err.msg, "open to other users"));
    rmdir(dir);
    free(dir);
    snprintf(db, sizeof db, "%s/x.db-files", tmp_dir);
    rmdir(db);
}

int main(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/zg-multipart-XXXXXX");
    if (!mkdtemp(tmp_dir))
        return 1;
    chmod(tmp_dir, 0700);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_and_every_split), cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_limits),                cmocka_unit_test(test_sink),
        cmocka_unit_test(test_sink_refusals),         cmocka_unit_test(test_tmp_dir),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(tmp_dir);
    return rc;
}
