/*
** render_html.c: a ReportDoc as one standalone HTML page (doc.h): no external file, the
** stylesheet inline, laid out on screen like the printed document and printed on A4 with the
** margins and fonts of an official document. Every byte of text goes through doc_escape; the
** only other bytes are the literals of this file.
*/
#include "doc.h"
#include "report.h"

static const char style[] =
    "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
    "body{margin:2em auto;padding:0 1em;max-width:46em;color:#000;background:#fff;"
    "font:16pt/28pt \"仿宋_GB2312\",\"仿宋\",FangSong,STFangsong,serif}\n"
    "h1{margin:0 0 28pt;text-align:center;font:22pt/1.5 \"方正小标宋简体\",\"方正小标宋_GBK\","
    "\"宋体\",SimSun,\"Songti SC\",serif}\n"
    "h2,h3,h4,h5{margin:0;text-indent:2em;font-size:16pt;font-weight:normal}\n"
    "h2{font-family:\"黑体\",SimHei,\"Heiti SC\",sans-serif}\n"
    "h3{font-family:\"楷体_GB2312\",\"楷体\",KaiTi,STKaiti,serif}\n"
    "h4{font-weight:bold}\n"
    "p{margin:0;text-indent:2em;text-align:justify}\n"
    "p.subtitle{text-indent:0;text-align:center}\n"
    "p.sign{text-indent:0;text-align:right;padding-right:2em}\n"
    "h1+p.subtitle{margin-top:-20pt;margin-bottom:20pt}\n"
    "p:not(.sign)+p.sign{margin-top:28pt}\n"
    "table{width:100%;margin:6pt 0 18pt;border-collapse:collapse;font-size:12pt;line-height:1.45}\n"
    "th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:top;text-align:left}\n"
    "th{font-family:\"黑体\",SimHei,sans-serif;font-weight:normal;background:#eee}\n"
    "td.red{background:#f8696b}td.yellow{background:#ffeb84}td.green{background:#63be7b}"
    "td.closed{background:#d9d9d9}\n"
    "@media print{body{max-width:none;margin:0;padding:0}thead{display:table-header-group}"
    "tr{break-inside:avoid}h2,h3,h4,h5{break-after:avoid}}\n";

/* open, then text escaped, then close: an element with text in it. */
static void element(Buf *out, const char *open, const char *text, const char *close)
{
    buf_puts(out, open);
    doc_escape(out, text);
    buf_puts(out, close);
}

static void table(Buf *out, const DocTable *t)
{
    buf_puts(out, "<table>\n<thead><tr>");
    for (int c = 0; c < t->n_cols; c++) {
        element(out, "<th>", t->head[c], "</th>");
    }
    buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (int r = 0; r < t->n_rows; r++) {
        buf_puts(out, "<tr>");
        for (int c = 0; c < t->n_cols; c++) {
            if (c == t->light_col) {
                buf_puts(out, "<td class=\"");
                buf_puts(out, ledger_light_name(t->lights[r]));
                buf_puts(out, "\">");
            } else {
                buf_puts(out, "<td>");
            }
            doc_escape(out, t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c]);
            buf_puts(out, "</td>");
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody>\n</table>\n");
}

void render_html(const ReportDoc *d, Buf *out)
{
    static const char *const open[] = {
        [BLOCK_TITLE] = "<h1>", [BLOCK_SUBTITLE] = "<p class=\"subtitle\">",
        [BLOCK_H1] = "<h2>",    [BLOCK_H2] = "<h3>",
        [BLOCK_H3] = "<h4>",    [BLOCK_H4] = "<h5>",
        [BLOCK_PARA] = "<p>",   [BLOCK_SIGN] = "<p class=\"sign\">",
    };
    static const char *const close[] = {
        [BLOCK_TITLE] = "</h1>\n", [BLOCK_SUBTITLE] = "</p>\n", [BLOCK_H1] = "</h2>\n",
        [BLOCK_H2] = "</h3>\n",    [BLOCK_H3] = "</h4>\n",      [BLOCK_H4] = "</h5>\n",
        [BLOCK_PARA] = "</p>\n",   [BLOCK_SIGN] = "</p>\n",
    };
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if (*d->author)
        element(out, "<meta name=\"author\" content=\"", d->author, "\">\n");
    element(out, "<title>", d->title, "</title>\n<style>\n");
    buf_puts(out, style);
    buf_puts(out, "</style>\n</head>\n<body>\n<main>\n");
    for (const Block *b = d->first; b; b = b->next) {
        if (b->kind == BLOCK_TABLE) {
            table(out, b->table);
            continue;
        }
        element(out, open[b->kind], b->text, close[b->kind]);
    }
    buf_puts(out, "</main>\n</body>\n</html>\n");
}

bool report_html_body(const char *html, size_t len, size_t *start, size_t *n)
{
    static const char open[] = "<main>\n", close[] = "</main>\n</body>";
    const char *a = NULL, *b = NULL;
    for (size_t i = 0; i + sizeof open - 1 <= len; i++)
        if (memcmp(html + i, open, sizeof open - 1) == 0) {
            a = html + i + sizeof open - 1;
            break;
        }
    for (size_t i = len; a && i >= sizeof close - 1 && !b; i--)
        if (memcmp(html + i - (sizeof close - 1), close, sizeof close - 1) == 0)
            b = html + i - (sizeof close - 1);
    if (!a || !b || b < a)
        return false;
    *start = (size_t)(a - html);
    *n = (size_t)(b - a);
    return true;
}
