/*
** write.c: an ImportDoc → a new inspection in the database (import.h).
*/
#include "import.h"

int import_write(Db *db, const ImportDoc *doc, bool as_new, ImportResult *res, Buf *diff, Err *err)
{
    (void)db; (void)doc; (void)as_new; (void)diff;
    memset(res, 0, sizeof *res);
    return err_fail(err, ERR_INPUT, "writing an import is not built yet");
}
