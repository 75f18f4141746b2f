/*
** render_docx.c: a ReportDoc as a .docx laid out as an official document (党政机关公文格式,
** SPEC §7.3), its OOXML parts written here and zipped in memory with libzip:
**
**   A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right), body 仿宋_GB2312 16 pt
**   (三号) on a 28 pt line, first lines indented two characters; the title 方正小标宋简体
**   22 pt (二号) centred; first-level headings 黑体, second-level 楷体_GB2312, third 仿宋 bold;
**   page numbers "— N —" centred in the footer (a PAGE field).
**
** Headings use the built-in style names "heading 1" … "heading 4" with outline levels, so the
** navigation panes of Word and WPS list them. Fonts that may be missing name a fallback in the
** font table (w:altName: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体; and
** 仿宋 → FangSong, 楷体 → KaiTi, 黑体 → SimHei, 宋体 → SimSun) with the GB2312 character set
** and font family, from which Word, WPS and LibreOffice pick a substitute. All text goes
** through doc_escape. Entries carry a fixed time, so the same report gives the same bytes.
*/
#include "doc.h"

#include <zip.h>

/* The parts are XML, laid out as XML rather than as C. */
/* clang-format off */
#define W_NS                                                                                        \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                     \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char content_types[] =
    XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char document_rels[] =
    XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>";

static const char settings[] =
    XML_DECL "<w:settings " W_NS ">"
             "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
             "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
             "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
             "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
             "</w:settings>";

static const char app_props[] =
    XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "extended-properties\"><Application>Zhenggai</Application></Properties>";

/* rFonts with an East Asian font and Times New Roman for Latin letters and digits. */
#define FONTS(ea)                                                                                   \
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" ea            \
    "\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/>"

/* A heading style: id, built-in name, outline level, font, bold. */
#define HEADING(id, name, level, ea, bold)                                                          \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>"              \
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>"            \
    "<w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"" level "\"/></w:pPr>"                  \
    "<w:rPr>" FONTS(ea) bold "</w:rPr></w:style>"

static const char styles[] =
    XML_DECL "<w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS("仿宋_GB2312")
    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"560\" "
    "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:widowControl/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
    "<w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
    "<w:outlineLvl w:val=\"9\"/></w:pPr>"
    "<w:rPr>" FONTS("方正小标宋简体") "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:spacing w:after=\"280\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
    "<w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr>" FONTS("楷体_GB2312") "</w:rPr></w:style>"
    HEADING("Heading1", "heading 1", "0", "黑体", "")
    HEADING("Heading2", "heading 2", "1", "楷体_GB2312", "")
    HEADING("Heading3", "heading 3", "2", "仿宋_GB2312", "<w:b/><w:bCs/>")
    HEADING("Heading4", "heading 4", "3", "仿宋_GB2312", "")
    "<w:style w:type=\"paragraph\" w:styleId=\"Signature\"><w:name w:val=\"Signature\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:right=\"1280\" w:firstLineChars=\"0\" "
    "w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"300\" w:lineRule=\"auto\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr>"
    "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>"
    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:rPr>" FONTS("宋体") "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/>"
    "<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

/* A font of the font table with its fallback; see the file's comment. */
#define FONT(name, alt, family, panose)                                                             \
    "<w:font w:name=\"" name "\"><w:altName w:val=\"" alt "\"/><w:panose1 w:val=\"" panose        \
    "\"/><w:charset w:val=\"86\"/><w:family w:val=\"" family "\"/>"                                \
    "<w:pitch w:val=\"variable\"/></w:font>"

static const char font_table[] =
    XML_DECL "<w:fonts " W_NS ">"
    FONT("仿宋_GB2312", "仿宋", "modern", "02010609030101010101")
    FONT("仿宋", "FangSong", "modern", "02010609060101010101")
    FONT("楷体_GB2312", "楷体", "modern", "02010609030101010101")
    FONT("楷体", "KaiTi", "modern", "02010609060101010101")
    FONT("黑体", "SimHei", "modern", "02010609060101010101")
    FONT("方正小标宋简体", "宋体", "roman", "02000000000000000000")
    FONT("宋体", "SimSun", "auto", "02010600030101010101")
    "<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/>"
    "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
    "</w:fonts>";

static const char footer[] =
    XML_DECL "<w:ftr " W_NS "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
             "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
             "<w:r><w:t>1</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
             "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";

/* clang-format on */

/* A paragraph of style (NULL: Normal); loose drops the heading style's keep-with-next. */
static void paragraph_kept(Buf *b, const char *style, const char *text, bool loose)
{
    buf_puts(b, "<w:p>");
    if (style)
        buf_printf(b, "<w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style,
                   loose ? "<w:keepNext w:val=\"0\"/>" : "");
    if (*text) {
        buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
        doc_escape(b, text);
        buf_puts(b, "</w:t></w:r>");
    }
    buf_puts(b, "</w:p>");
}

static void paragraph(Buf *b, const char *style, const char *text)
{
    paragraph_kept(b, style, text, false);
}

static bool is_heading(const Block *x)
{
    return x && x->kind >= BLOCK_H1 && x->kind <= BLOCK_H4;
}

static void cell(Buf *b, const char *text, bool head, const char *fill)
{
    buf_puts(b, "<w:tc><w:tcPr>");
    if (fill)
        buf_printf(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%s\"/>", fill);
    buf_puts(b, "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>");
    if (*text) {
        buf_puts(b, head ? "<w:r><w:rPr>" FONTS("黑体") "</w:rPr>" : "<w:r>");
        buf_puts(b, "<w:t xml:space=\"preserve\">");
        doc_escape(b, text);
        buf_puts(b, "</w:t></w:r>");
    }
    buf_puts(b, "</w:p></w:tc>");
}

static void table(Buf *b, const DocTable *t)
{
    static const char *const fills[LIGHT__COUNT] = {
        [LIGHT_GREEN] = "63BE7B",
        [LIGHT_YELLOW] = "FFEB84",
        [LIGHT_RED] = "F8696B",
        [LIGHT_CLOSED] = "D9D9D9",
    };
    buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (size_t i = 0; i < ARRAY_SIZE(sides); i++)
        buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                   sides[i]);
    buf_puts(b, "</w:tblBorders></w:tblPr><w:tblGrid>");
    for (int c = 0; c < t->n_cols; c++)
        buf_puts(b, "<w:gridCol/>");
    buf_puts(b, "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (int c = 0; c < t->n_cols; c++)
        cell(b, t->head[c], true, "E7E6E6");
    buf_puts(b, "</w:tr>");
    for (int r = 0; r < t->n_rows; r++) {
        buf_puts(b, "<w:tr>");
        for (int c = 0; c < t->n_cols; c++)
            cell(b, t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c], false,
                 c == t->light_col ? fills[t->lights[r]] : NULL);
        buf_puts(b, "</w:tr>");
    }
    buf_puts(b, "</w:tbl>");
    paragraph(b, NULL, "");
}

static void document(const ReportDoc *d, Buf *b)
{
    static const char *const styles_of[BLOCK__COUNT] = {
        [BLOCK_TITLE] = "Title",    [BLOCK_SUBTITLE] = "Subtitle", [BLOCK_H1] = "Heading1",
        [BLOCK_H2] = "Heading2",    [BLOCK_H3] = "Heading3",       [BLOCK_H4] = "Heading4",
        [BLOCK_SIGN] = "Signature",
    };
    buf_puts(b, XML_DECL "<w:document " W_NS "><w:body>");
    bool signed_yet = false;
    for (const Block *x = d->first; x; x = x->next) {
        if (x->kind == BLOCK_TABLE) {
            table(b, x->table);
            continue;
        }
        /* The signature stands apart from the text: one empty line, then name and date. */
        if (x->kind == BLOCK_SIGN && !signed_yet) {
            paragraph(b, NULL, "");
            signed_yet = true;
        }
        /* Headings keep with what follows, but a chain of them binds only its last two: a
           whole chain moved to the next page would leave the page before half empty. */
        bool loose = is_heading(x) && is_heading(x->next) && is_heading(x->next->next);
        paragraph_kept(b, styles_of[x->kind], x->text, loose);
    }
    /* A4 portrait, twips: 11906 × 16838; margins 37, 26, 35, 28 mm. */
    buf_puts(b, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
                "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" "
                "w:header=\"851\" w:footer=\"1134\" w:gutter=\"0\"/>"
                "<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>");
}

static void core_props(const ReportDoc *d, Buf *b)
{
    buf_puts(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
                         "2006/metadata/core-properties\" "
                         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    doc_escape(b, d->title);
    buf_puts(b, "</dc:title><dc:creator>");
    doc_escape(b, d->author);
    buf_puts(b, "</dc:creator></cp:coreProperties>");
}

/* Append the bytes of the closed archive's source to out: 0, or -1 when they cannot be read. */
static int source_bytes(zip_source_t *src, Buf *out)
{
    zip_stat_t st;
    if (zip_source_open(src) < 0)
        return -1;
    if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
        zip_source_close(src);
        return -1;
    }
    size_t start = out->len;
    buf_grow(out, (size_t)st.size);
    zip_int64_t got = zip_source_read(src, out->data + start, st.size);
    zip_source_close(src);
    if (got < 0 || (zip_uint64_t)got != st.size)
        return -1;
    out->len = start + (size_t)got;
    out->data[out->len] = 0;
    return 0;
}

int render_docx(const ReportDoc *d, Buf *out, Err *err)
{
    Buf doc = BUF_INIT, core = BUF_INIT;
    document(d, &doc);
    core_props(d, &core);
    const struct {
        const char *name;
        const char *data;
        size_t len;
    } parts[] = {
        {"[Content_Types].xml", content_types, sizeof content_types - 1},
        {"_rels/.rels", package_rels, sizeof package_rels - 1},
        {"word/document.xml", doc.data, doc.len},
        {"word/_rels/document.xml.rels", document_rels, sizeof document_rels - 1},
        {"word/styles.xml", styles, sizeof styles - 1},
        {"word/settings.xml", settings, sizeof settings - 1},
        {"word/fontTable.xml", font_table, sizeof font_table - 1},
        {"word/footer1.xml", footer, sizeof footer - 1},
        {"docProps/core.xml", core.data, core.len},
        {"docProps/app.xml", app_props, sizeof app_props - 1},
    };
    /* 2020-01-01: a fixed time for every entry, so the bytes depend on the content only. */
    const time_t fixed_time = 1577836800;
    int rc = -1;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = NULL;
    if (!src)
        goto fail;
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za)
        goto fail;
    /* Our reference outlives the archive's, to read the bytes after zip_close. */
    zip_source_keep(src);
    for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
        zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (s)
                zip_source_free(s);
            zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
            goto fail;
        }
        zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
        zip_file_set_mtime(za, (zip_uint64_t)idx, fixed_time, 0);
    }
    if (zip_close(za) < 0) {
        zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
        zip_discard(za);
        za = NULL;
        goto fail;
    }
    za = NULL;
    if (source_bytes(src, out) < 0)
        goto fail;
    rc = 0;
    goto done;
fail:
    err_fail(err, ERR_IO, "cannot write the .docx: %s", zip_error_strerror(&ze));
done:
    if (za)
        zip_discard(za);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    buf_free(&doc);
    buf_free(&core);
    return rc;
}
