/*
** import.c: loading a document (import.h): read the file with a size limit, hash it (SHA-256
** with libsodium), recognise its format by content (a zip is a .docx; old binary Word, PDF and
** OFD files are refused by name), decode it and parse it.
*/
#include "import_internal.h"

#include <errno.h>
#include "base/filetype.h"
#include "base/hash.h"
#include <sys/stat.h>

/* Name the file in front of a failure's message: "'x.docx': damaged …". */
static int fail_file(Err *err, const char *name)
{
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    return err_fail(err, err->code, "'%s': %s", name, msg);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* True when data holds the bytes of word (a zip's part names are stored as plain text). */
static bool holds(const char *data, size_t len, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= len; i++)
        if (data[i] == word[0] && memcmp(data + i, word, k) == 0)
            return true;
    return false;
}

int import_load_bytes(ImportDoc *doc, Arena *arena, const char *name, const char *data, size_t len,
                      Err *err)
{
    memset(doc, 0, sizeof *doc);
    doc->arena = arena;
    doc->file = arena_strdup(arena, name);
    hash_sha256_hex(data, len, doc->sha256);

    if (len == 0) {
        err_fail(err, ERR_INPUT, "empty file");
        return fail_file(err, name);
    }
    if (len > IMPORT_MAX_BYTES) {
        err_fail(err, ERR_TOO_LARGE, "larger than %u MB", IMPORT_MAX_BYTES / (1024 * 1024));
        return fail_file(err, name);
    }
    const char *text;
    size_t text_len;
    bool markdown = false;
    bool zip = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
    if ((zip && (filetype_name_has_ext(name, ".xlsx") || holds(data, len, "xl/workbook.xml"))) ||
        filetype_name_has_ext(name, ".csv")) {
        /* A ledger spreadsheet: sheets of cells rather than lines of text. */
        Sheet *sheets;
        doc->format = zip ? "xlsx" : "csv";
        doc->encoding = "utf-8";
        if ((zip ? import_xlsx(arena, data, len, &sheets, err)
                 : import_csv(arena, base_name(name), data, len, &sheets, &doc->encoding, err)) <
                0 ||
            import_sheets(doc, sheets, err) < 0)
            return fail_file(err, name);
        return 0;
    }
    if (zip) {
        if (import_docx(arena, data, len, &text, &text_len, err) < 0)
            return fail_file(err, name);
        doc->encoding = "utf-8";
        doc->format = "docx";
    } else if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        err_fail(err, ERR_INPUT, "an old binary Word (.doc) file: save it as .docx");
        return fail_file(err, name);
    } else if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) {
        err_fail(err, ERR_INPUT, "a PDF: import the .docx or text it was made from");
        return fail_file(err, name);
    } else {
        if (filetype_name_has_ext(name, ".docx")) {
            err_fail(err, ERR_INPUT, "not a .docx (no zip signature): truncated or damaged");
            return fail_file(err, name);
        }
        if (import_decode(arena, data, len, &text, &text_len, &doc->encoding, err) < 0)
            return fail_file(err, name);
        markdown = filetype_name_has_ext(name, ".md") || filetype_name_has_ext(name, ".markdown");
        doc->format = markdown ? "markdown" : "text";
    }
    import_parse(doc, text, text_len, markdown);
    return 0;
}

int import_load_file(ImportDoc *doc, Arena *arena, const char *path, Err *err)
{
    Buf b = BUF_INIT;
    int rc = buf_read_file(&b, path, IMPORT_MAX_BYTES, err);
    if (rc < 0 && err && err->code == ERR_TOO_LARGE)
        err_fail(err, ERR_TOO_LARGE, "'%s' is larger than %u MB", path,
                 IMPORT_MAX_BYTES / (1024 * 1024));
    if (rc == 0)
        rc = import_load_bytes(doc, arena, path, b.data, b.len, err);
    buf_free(&b);
    return rc;
}
