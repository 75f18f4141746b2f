/*
** fuzz_docx.c: the .docx reader (libzip, expat, numbering) on arbitrary bytes, and the grammar
** on whatever text it yields.
*/
#include "fuzz.h"

#include "base/buf.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a = ARENA_INIT;
    Err err = ERR_INIT;
    const char *text;
    size_t len;
    if (import_docx(&a, (const char *)data, size, &text, &len, &err) == 0) {
        ImportDoc doc;
        memset(&doc, 0, sizeof doc);
        doc.arena = &a;
        doc.file = "fuzz.docx";
        doc.encoding = "utf-8";
        doc.format = "docx";
        import_parse(&doc, text, len, false);
        Buf out = BUF_INIT;
        import_json(&doc, &out);
        buf_free(&out);
    }
    arena_free(&a);
    return 0;
}
