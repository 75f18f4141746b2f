/*
** filetype.c: content-based file types (filetype.h). The magic numbers decide; a zip is opened
** with libzip to look at its entries' names (OFD.xml, [Content_Types].xml with word/ or xl/)
** or, for a plain archive, at the first bytes of every entry, one level of nesting deep.
*/
#include "filetype.h"

#include <errno.h>
#include <zip.h>

static const struct {
    const char *media;
    const char *label;
} types[] = {
    [FILETYPE_NONE] = {"application/octet-stream", "未知类型"},
    [FILETYPE_PDF] = {"application/pdf", "PDF 文件"},
    [FILETYPE_OFD] = {"application/ofd", "OFD 版式文件"},
    [FILETYPE_JPEG] = {"image/jpeg", "图片"},
    [FILETYPE_PNG] = {"image/png", "图片"},
    [FILETYPE_DOCX] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "Word 文档"},
    [FILETYPE_XLSX] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       "Excel 表格"},
    [FILETYPE_DOC] = {"application/msword", "Word 文档"},
    [FILETYPE_XLS] = {"application/vnd.ms-excel", "Excel 表格"},
    [FILETYPE_WPS] = {"application/vnd.ms-works", "WPS 文档"},
    [FILETYPE_ZIP] = {"application/zip", "压缩包"},
};
_Static_assert(ARRAY_SIZE(types) == FILETYPE__COUNT, "one entry per file type");

const char *filetype_media(FileType t)
{
    return (unsigned)t < FILETYPE__COUNT ? types[t].media : types[0].media;
}

const char *filetype_label(FileType t)
{
    return (unsigned)t < FILETYPE__COUNT ? types[t].label : types[0].label;
}

FileType filetype_from_media(const char *media)
{
    for (int i = 1; media && i < FILETYPE__COUNT; i++)
        if (strcmp(types[i].media, media) == 0)
            return (FileType)i;
    return FILETYPE_NONE;
}

bool filetype_inline(FileType t)
{
    return t == FILETYPE_PDF || t == FILETYPE_JPEG || t == FILETYPE_PNG;
}

static const char REASON_TYPE[] =
    "文件格式不受支持：佐证材料仅限 PDF、OFD、JPG、PNG、Word、Excel、WPS 文件或其压缩包（按文件内容识别，与扩展名无关）。";
static const char REASON_ZIP[] = "压缩包已损坏或无法读取。";
static const char REASON_ZIP_ENTRY[] =
    "压缩包中含有不受支持的文件：压缩包内只能包含 PDF、OFD、JPG、PNG、Word、Excel、WPS 文件。";
static const char REASON_ZIP_BIG[] = "压缩包中的文件过多或嵌套过深，无法检查。";

bool filetype_name_has_ext(const char *name, const char *ext)
{
    if (!name)
        return false;
    size_t n = strlen(name), e = strlen(ext);
    if (n < e)
        return false;
    for (size_t i = 0; i < e; i++) {
        char c = name[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return false;
    }
    return true;
}

static FileType ole_type(const char *name)
{
    if (filetype_name_has_ext(name, ".xls") || filetype_name_has_ext(name, ".et"))
        return FILETYPE_XLS;
    if (filetype_name_has_ext(name, ".wps"))
        return FILETYPE_WPS;
    return FILETYPE_DOC;
}

enum { MAGIC_NONE, MAGIC_ZIP, MAGIC_TYPE };

/* The type told by the first bytes; MAGIC_ZIP when it is a zip to open. */
static int magic(const unsigned char *p, size_t n, const char *name, FileType *t)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    static const unsigned char ole[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
    if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
        return *t = FILETYPE_PDF, MAGIC_TYPE;
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return *t = FILETYPE_JPEG, MAGIC_TYPE;
    if (n >= sizeof png && memcmp(p, png, sizeof png) == 0)
        return *t = FILETYPE_PNG, MAGIC_TYPE;
    if (n >= sizeof ole && memcmp(p, ole, sizeof ole) == 0)
        return *t = ole_type(name), MAGIC_TYPE;
    if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
        return MAGIC_ZIP;
    return MAGIC_NONE;
}

static FileType zip_check(zip_t *z, int depth, const char **reason);

/* The type of entry i of z, reading its first bytes (a nested zip whole, within limits). */
static FileType entry_type(zip_t *z, zip_uint64_t i, const char *name, int depth,
                           const char **reason)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        *reason = REASON_ZIP;
        return FILETYPE_NONE;
    }
    zip_file_t *f = zip_fopen_index(z, i, 0);
    if (!f) {
        *reason = REASON_ZIP;
        return FILETYPE_NONE;
    }
    unsigned char head[16];
    zip_int64_t k = zip_fread(f, head, sizeof head);
    FileType t = FILETYPE_NONE;
    int m = k > 0 ? magic(head, (size_t)k, name, &t) : MAGIC_NONE;
    if (m == MAGIC_NONE) {
        *reason = REASON_ZIP_ENTRY;
        t = FILETYPE_NONE;
    } else if (m == MAGIC_ZIP) {
        /* A DOCX, XLSX or OFD inside the archive: read it and look inside, one level deep. */
        if (depth > 0 || st.size > FILETYPE_ZIP_MAX_NESTED) {
            *reason = REASON_ZIP_BIG;
        } else {
            unsigned char *data = xmalloc((size_t)st.size + 1);
            memcpy(data, head, (size_t)k);
            size_t got = (size_t)k;
            while (got < st.size) {
                zip_int64_t r = zip_fread(f, data + got, st.size - got);
                if (r <= 0)
                    break;
                got += (size_t)r;
            }
            if (got != st.size) {
                *reason = REASON_ZIP;
            } else {
                zip_error_t ze;
                zip_error_init(&ze);
                zip_source_t *src = zip_source_buffer_create(data, got, 0, &ze);
                zip_t *inner = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
                if (!inner) {
                    if (src)
                        zip_source_free(src);
                    *reason = REASON_ZIP_ENTRY;
                } else {
                    t = zip_check(inner, depth + 1, reason);
                    if (t == FILETYPE_ZIP) {
                        *reason = REASON_ZIP_BIG;
                        t = FILETYPE_NONE;
                    }
                    zip_close(inner);
                }
                zip_error_fini(&ze);
            }
            free(data);
        }
    }
    zip_fclose(f);
    return t;
}

/* OFD, DOCX or XLSX by their parts; else a plain archive whose entries must all be allowed. */
static FileType zip_check(zip_t *z, int depth, const char **reason)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || n > FILETYPE_ZIP_MAX_ENTRIES) {
        *reason = n < 0 ? REASON_ZIP : REASON_ZIP_BIG;
        return FILETYPE_NONE;
    }
    bool ofd = false, types_xml = false, word = false, xl = false;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *e = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!e)
            continue;
        if (strcmp(e, "OFD.xml") == 0)
            ofd = true;
        else if (strcmp(e, "[Content_Types].xml") == 0)
            types_xml = true;
        else if (strncmp(e, "word/", 5) == 0)
            word = true;
        else if (strncmp(e, "xl/", 3) == 0)
            xl = true;
    }
    if (ofd)
        return FILETYPE_OFD;
    if (types_xml && word)
        return FILETYPE_DOCX;
    if (types_xml && xl)
        return FILETYPE_XLSX;
    if (n == 0) {
        *reason = REASON_ZIP_ENTRY;
        return FILETYPE_NONE;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        const char *e = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!e) {
            *reason = REASON_ZIP;
            return FILETYPE_NONE;
        }
        size_t len = strlen(e);
        if (len && e[len - 1] == '/')
            continue; /* a directory */
        if (entry_type(z, (zip_uint64_t)i, e, depth, reason) == FILETYPE_NONE)
            return FILETYPE_NONE;
    }
    return FILETYPE_ZIP;
}

static FileType from_zip(zip_t *z, const char **reason)
{
    FileType t = zip_check(z, 0, reason);
    zip_discard(z);
    return t;
}

FileType filetype_detect_mem(const void *p, size_t n, const char *name, const char **reason)
{
    FileType t = FILETYPE_NONE;
    *reason = REASON_TYPE;
    int m = magic(p, n, name, &t);
    if (m == MAGIC_TYPE)
        return t;
    if (m == MAGIC_NONE)
        return FILETYPE_NONE;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(p, n, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        if (src)
            zip_source_free(src);
        *reason = REASON_ZIP;
        return FILETYPE_NONE;
    }
    return from_zip(z, reason);
}

int filetype_detect_file(const char *path, const char *name, const char **reason)
{
    unsigned char head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t k = fread(head, 1, sizeof head, f);
    fclose(f);
    FileType t = FILETYPE_NONE;
    *reason = REASON_TYPE;
    int m = magic(head, k, name, &t);
    if (m == MAGIC_TYPE)
        return (int)t;
    if (m == MAGIC_NONE)
        return FILETYPE_NONE;
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) {
        *reason = REASON_ZIP;
        return FILETYPE_NONE;
    }
    return (int)from_zip(z, reason);
}
