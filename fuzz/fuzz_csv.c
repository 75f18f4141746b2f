/*
** fuzz_csv.c: the ledger spreadsheet reader (csv) on arbitrary bytes, then the header search,
** the rows → tree reading and the dry-run JSON on whatever sheets it yields.
*/
#include "fuzz.h"

#include "base/buf.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    ImportDoc doc;
    if (import_load_bytes(&doc, &a, "fuzz.csv", (const char *)data, size, &err) == 0) {
        Buf out = BUF_INIT;
        import_json(&doc, &out);
        import_debug(&doc, &out);
        buf_free(&out);
    }
    arena_free(&a);
    return 0;
}
