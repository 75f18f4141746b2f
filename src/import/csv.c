/*
** csv.c: a CSV ledger → one sheet of text cells (import_internal.h). The bytes are decoded as
** every text document is (import_decode: UTF-8 with or without BOM, UTF-16 with BOM, GB18030;
** CR LF to LF), then split by RFC 4180: fields separated by commas (tabs when the first line
** has tabs and no commas, as a sheet copied out of Excel), quoted fields with "" for a quote
** and line breaks inside. Bounded by IMPORT_MAX_ROWS rows, SHEET_MAX_COLS columns and
** SHEET_MAX_CELL bytes a cell.
*/
#include "import_internal.h"

/* The delimiter: a tab when the first line has tabs and no commas, else a comma. */
static char delimiter(const char *s, size_t n)
{
    bool tab = false;
    for (size_t i = 0; i < n && s[i] != '\n'; i++) {
        if (s[i] == ',')
            return ',';
        tab |= s[i] == '\t';
    }
    return tab ? '\t' : ',';
}

int import_csv(Arena *arena, const char *name, const char *data, size_t len, Sheet **out,
               const char **encoding, Err *err)
{
    *out = NULL;
    const char *s;
    size_t n;
    if (import_decode(arena, data, len, &s, &n, encoding, err) < 0)
        return -1;
    Sheet *sh = ARENA_NEW(arena, Sheet);
    sh->name = name;
    char delim = delimiter(s, n);
    const char *cells[SHEET_MAX_COLS];
    int n_cells = 0, line = 1, row_line = 1;
    bool any = false;
    Buf cell = BUF_INIT;
    int rc = 0;
    size_t i = 0;
    while (i <= n) {
        bool quoted = i < n && s[i] == '"';
        buf_reset(&cell);
        if (quoted) {
            i++;
            for (;;) {
                if (i >= n) {
                    rc = err_fail(err, ERR_INPUT, "'%s' line %d: a quoted field is not closed",
                                  name, row_line);
                    goto done;
                }
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        buf_putc(&cell, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n')
                    line++;
                buf_putc(&cell, s[i++]);
            }
            /* Text after the closing quote up to the delimiter is kept, as spreadsheets do. */
        }
        while (i < n && s[i] != delim && s[i] != '\n')
            buf_putc(&cell, s[i++]);
        if (cell.len > SHEET_MAX_CELL) {
            rc = err_fail(err, ERR_TOO_LARGE, "'%s' line %d: a field holds more than 1 MB", name,
                          row_line);
            goto done;
        }
        if (n_cells < SHEET_MAX_COLS) {
            cells[n_cells++] = cell.len ? arena_strndup(arena, cell.data, cell.len) : "";
            any |= cell.len > 0;
        }
        bool end_row = i >= n || s[i] == '\n';
        i++;
        if (!end_row)
            continue;
        if (any) {
            if (sh->n_rows >= IMPORT_MAX_ROWS) {
                rc = err_fail(err, ERR_TOO_LARGE, "'%s' has more than %d rows", name,
                              IMPORT_MAX_ROWS);
                goto done;
            }
            SheetRow *r = sheet_add_row(arena, sh, row_line, n_cells);
            memcpy(r->cells, cells, sizeof *cells * (size_t)n_cells);
        }
        n_cells = 0;
        any = false;
        line++;
        row_line = line;
    }
    *out = sh;
done:
    buf_free(&cell);
    return rc;
}
