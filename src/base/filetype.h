/*
** filetype.h: the type of a file decided by its content, whatever its name says, against the
** allow-list of evidence files (SPEC §9): PDF, OFD (a zip with OFD.xml), JPEG, PNG, DOCX and
** XLSX (zips with [Content_Types].xml and word/ or xl/), DOC, XLS and WPS in OLE compound
** files, and ZIP archives whose every entry is itself one of those.
*/
#ifndef ZG_FILETYPE_H
#define ZG_FILETYPE_H

#include "base.h"

typedef enum FileType {
    FILETYPE_NONE, /* not allowed */
    FILETYPE_PDF,
    FILETYPE_OFD,
    FILETYPE_JPEG,
    FILETYPE_PNG,
    FILETYPE_DOCX,
    FILETYPE_XLSX,
    FILETYPE_DOC, /* OLE compound file named .doc (or anything else but .xls/.wps) */
    FILETYPE_XLS, /* OLE compound file named .xls or .et */
    FILETYPE_WPS, /* OLE compound file named .wps */
    FILETYPE_ZIP, /* a zip of allowed files */
    FILETYPE__COUNT
} FileType;

/* Limits of the zip check: entries, and the size of a nested zip read into memory. */
#define FILETYPE_ZIP_MAX_ENTRIES 2000
#define FILETYPE_ZIP_MAX_NESTED (64u << 20)

/*
** Decide the type of the file at path. name (the user's file name, may be NULL) only tells the
** OLE containers apart (.doc/.xls/.wps), since their directory would need a full parse.
** Returns the type, FILETYPE_NONE when the content is not allowed (with *reason, a Chinese
** sentence for the user, set), or -1 when the file cannot be read (errno set).
*/
int filetype_detect_file(const char *path, const char *name, const char **reason);
/* The same for bytes in memory. */
FileType filetype_detect_mem(const void *p, size_t n, const char *name, const char **reason);
/* The media type ("application/pdf") and the Chinese label ("PDF 文件", "图片") of a type. */
const char *filetype_media(FileType t);
const char *filetype_label(FileType t);
/* The type whose media type is media, FILETYPE_NONE when none. */
FileType filetype_from_media(const char *media);
/* True when the file name name (may be NULL) ends with ext, lower case (ASCII, any case). */
bool filetype_name_has_ext(const char *name, const char *ext);
/* True when browsers may show the type inline (images and PDF). */
bool filetype_inline(FileType t);

#endif
