/*
** fuzz_text.c: the text path of the importer: encoding detection and conversion (UTF-8, BOM,
** UTF-16, GB18030), the line grammar, metadata and figures, and both printers. The first byte
** chooses Markdown or plain text.
*/
#include "fuzz.h"

#include "base/buf.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a = ARENA_INIT;
    ImportDoc doc;
    Err err = ERR_INIT;
    const char *name = size && (data[0] & 1) ? "fuzz.md" : "fuzz.txt";
    if (import_load_bytes(&doc, &a, name, (const char *)data, size, &err) == 0) {
        Buf out = BUF_INIT;
        import_json(&doc, &out);
        import_debug(&doc, &out);
        buf_free(&out);
    }
    arena_free(&a);
    return 0;
}
