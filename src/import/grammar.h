/*
** grammar.h: the Chinese literals of official documents and the small lexical functions bound
** to them (numerals are base/cnum.h): level markers (一、 (一) 1. (1) ①) in their full- and half-width forms,
** section keywords, problem headings, 一是 enumerators, date and deadline forms, headline
** figures, clue outcomes and contact labels. Every literal of the importer lives in grammar.c,
** in tables whose rows carry an example that tests/unit/test_grammar.c checks row by row; the
** structural code (parse.c, meta.c) only calls these functions.
*/
#ifndef ZG_IMPORT_GRAMMAR_H
#define ZG_IMPORT_GRAMMAR_H

#include "base/base.h"
#include "base/date.h"

/* The role of a part of a progress report, from its heading (SPEC §7.1). */
typedef enum GrammarSection {
    SECTION_PREAMBLE, /* before the first section heading */
    SECTION_ORGANISE, /* 组织整改落实情况 */
    SECTION_PROBLEMS, /* the rectification of the feedback's problems */
    SECTION_CLUES,    /* transferred clues and their outcomes */
    SECTION_OPEN,     /* matters still open: 基本完成事项 / 正在整改尚未完成事项 */
    SECTION_PLAN,     /* the plan ahead: 下一步工作打算 */
    SECTION_OTHER,    /* a heading of no known role */
    SECTION__COUNT
} GrammarSection;

/* Stable English name of a section role ("problems"). */
const char *grammar_section_name(GrammarSection s);

/* A level marker at the start of a line. */
typedef struct GrammarMarker {
    int rank;    /* 1 一、 2 (一) 3 1. 4 (1) 5 ①; 0 when the line has no marker */
    int ordinal; /* the number the marker carries, from 1 */
    size_t len;  /* bytes of the marker and the blanks after it */
} GrammarMarker;

/* Bytes of the code point at s in valid UTF-8 text (1..4, never more than n, 0 when n is 0):
** the cheap way to step through text that import_decode has checked. */
static inline size_t grammar_step(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return n == 0 ? 0 : k < n ? k : n;
}

/* The classes of punctuation grammar_mark knows. */
typedef enum GrammarMark {
    MARK_BLANK,        /* space, tab, U+3000, U+00A0 */
    MARK_SENTENCE_END, /* 。；;！!？? (and a half-width . that ends a sentence) */
    MARK_FULL_STOP,    /* 。！？!? (and that .): the end of a sentence for figures */
    MARK_CLAUSE,       /* ，,、：: */
    MARK_QUOTE_OPEN,   /* “「『"‘ */
    MARK_QUOTE_CLOSE,  /* ”」』"’ */
    MARK_COLON,        /* : ： */
    MARK__COUNT
} GrammarMark;

/* Bytes of one mark of class kind at s, or 0. */
size_t grammar_mark(GrammarMark kind, const char *s, size_t n);
/* Bytes of one decimal digit (ASCII or full-width) at s, or 0; its value in *d. */
size_t grammar_digit(const char *s, size_t n, int *d);

/* Chinese numerals: base/cnum.h. */

/* Recognise a level marker at the start of s[0..n). False (m->rank 0) when there is none. */
bool grammar_marker(const char *s, size_t n, GrammarMarker *m);

/*
** The section role a heading's text (without its marker) announces, or SECTION_OTHER when it
** names none of them.
*/
GrammarSection grammar_section(const char *s, size_t n);

/*
** True when a heading names a problem (关于“X”问题的整改情况, “X”问题整改方面 …). *name and
** *name_len receive the problem's name within s ("“X”问题").
*/
bool grammar_problem_heading(const char *s, size_t n, size_t *name, size_t *name_len);
/* True when a heading introduces a sub-problem (针对…问题). */
bool grammar_subproblem_heading(const char *s, size_t n);
/* True when a heading names a field of the feedback (…方面), i.e. an aspect. */
bool grammar_aspect_heading(const char *s, size_t n);

/*
** A line that opens the report on a problem's rectification (整改情况: 整改措施：…): the bytes
** of the label and its colon, or 0.
*/
size_t grammar_report_label(const char *s, size_t n);
/* A deadline label (完成时限: 整改时限：…) at s: the bytes of label and colon, or 0. */
size_t grammar_deadline_label(const char *s, size_t n);

/* Offset of the first deadline label (with its colon) in s[0..n), or (size_t)-1. */
size_t grammar_find_deadline_label(const char *s, size_t n);
/* True when a line may hold a contact label (a quick test before grammar_contact_label). */
bool grammar_contact_line(const char *s, size_t n);

/* An enumerator 一是 / 二是 … at s: its value in *value and its bytes, or 0. */
size_t grammar_enumerator(const char *s, size_t n, int *value);

/*
** A date at s: 2022年12月31日, 2022年12月底, 2022年底, 2025年上半年, 6月25日 (year from
** year_ctx, 0 when unknown), 2025-06-30, 2025.06.30. With end true, a date naming a month or
** a year means its last day (deadlines); otherwise its first. Returns the bytes read, 0 when s
** holds no date.
*/
size_t grammar_date(const char *s, size_t n, int year_ctx, bool end, Day *out);

/*
** The deadline stated in s[0..n) (a deadline label's value or a sentence): the first date in it
** (end of the named period) into *deadline (DAY_NONE when none), *long_term when it says
** 长期坚持, *immediate when it says 立行立改. Returns true when any of the three was found.
*/
bool grammar_deadline(const char *s, size_t n, int year_ctx, Day *deadline, bool *long_term,
                      bool *immediate);

/* The status an open-matters heading announces (基本完成事项 …), or -1. Values are
** ProblemStatus of db/model.h. */
int grammar_open_status(const char *s, size_t n);

/* ---- headline figures and clue outcomes ---- */


typedef struct GrammarHit {
    int key;          /* FigureKey (db/vocab.h), or -1 for an outcome without a figure */
    const char *type; /* the clue outcome type (立案, 诫勉 …) or NULL for plain figures */
    double value;     /* the number; 万元 for money */
    size_t at;        /* byte offset of the number in the sentence */
} GrammarHit;

/*
** Scan one sentence for headline figures and clue outcomes. Numbers inside a parenthesis that
** starts with 含 / 包括 are skipped (they repeat a count already given). Writes at most max
** hits into hits and returns their count.
*/
int grammar_scan_figures(const char *s, size_t n, GrammarHit *hits, int max);
/* True when a sentence speaks of transferred clues (线索, 信访件 …). */
bool grammar_clue_context(const char *s, size_t n);

/* ---- inspection metadata ---- */

typedef enum GrammarContact { CONTACT_PHONE, CONTACT_EMAIL, CONTACT_ADDRESS } GrammarContact;

/* A contact label (联系电话, 电子邮箱, 通信地址 …) at s: kind in *kind, bytes (with a colon if
** any), or 0. */
size_t grammar_contact_label(const char *s, size_t n, GrammarContact *kind);
/* True when a line carries the publication date (发布日期, 发布时间, 来源 …). */
bool grammar_published_line(const char *s, size_t n);

/*
** Find an inspecting group (省委第九巡视组, 省委巡视九组, 市委第三巡察组 …) in s: its offset
** and length in s, and its normalised form "省委第九巡视组" written to out (arena-free: out has
** 128 bytes). *kind receives 0 for 巡视 and 1 for 巡察. False when there is none.
*/
bool grammar_group(const char *s, size_t n, size_t *at, size_t *len, char out[128], int *kind);
/* The inspected organisation in "对X开展了巡视" / "对X进行巡察": offset and length in s. */
bool grammar_target(const char *s, size_t n, size_t *at, size_t *len);
/* True when a sentence reports the feedback (反馈); *at is the offset of the keyword. */
bool grammar_feedback(const char *s, size_t n, size_t *at);
/* Bytes of a range word between two dates (至, 到, —, -) at s, or 0. */
size_t grammar_range_word(const char *s, size_t n);
/* True when a line looks like a signer: an organisation name (中共…委, …委员会, …党组). */
bool grammar_signer(const char *s, size_t n);
/* The signer in a title "中共X委关于…的通报": bytes of the name before 关于, or 0. */
size_t grammar_title_signer(const char *s, size_t n);

/* A table header cell's column: 1 sequence number, 2 problem, 3 measures, 4 deadline, 0 other. */
int grammar_column(const char *s, size_t n);
/* True when a line looks like a document title (…关于…的通报 / 报告 / 方案). */
bool grammar_title(const char *s, size_t n);

/* ---- tables, exported for the row-by-row tests (tests/unit/test_grammar.c) ---- */

/* A literal with the value it stands for and an example the function must map to that value. */
typedef struct GrammarWord {
    const char *word;    /* the literal */
    int value;           /* what it means (a section, a status, a number …) */
    const char *example; /* a text in which the owning function must find it */
} GrammarWord;

typedef struct GrammarMarkerForm {
    const char *open;    /* "(" "（" or "" */
    const char *close;   /* "、" ")" "．" … */
    bool chinese;        /* numeral in Chinese (一) rather than digits (1) */
    int rank;            /* level 1..5 */
    const char *example; /* a line starting with this form */
    int ordinal;         /* the example's number */
} GrammarMarkerForm;

typedef struct GrammarProblemForm {
    const char *prefix;  /* "关于" or "" */
    const char *suffix;  /* what follows 问题: "的整改情况" */
    bool quoted;         /* the name must end in a closing quote before 问题 */
    const char *example; /* a heading of this form */
    const char *name;    /* the name it yields */
} GrammarProblemForm;

typedef struct GrammarDateForm {
    const char *example; /* a date text */
    bool end;            /* read as a deadline (end of the period) */
    const char *iso;     /* the day it means, with year context 2021 */
} GrammarDateForm;

typedef struct GrammarFigure {
    int key;             /* FigureKey (db/vocab.h), -1 for an outcome only */
    int outcome;         /* clue outcome (OutcomeType of db/vocab.h), or -1 */
    const char *keyword; /* the word naming the count; NULL: the outcome's label */
    bool number_first;   /* "279项整改措施" rather than "整改措施279项" */
    int units;           /* GRAMMAR_UNIT_* bits accepted after the number */
    int filler;          /* code points allowed between keyword and number */
    const char *context; /* a word the sentence must contain, or NULL */
    const char *example; /* a sentence stating it */
    double expect;       /* the value the example gives */
} GrammarFigure;

enum {
    GRAMMAR_UNIT_ITEM = 1,   /* 项 条 个 */
    GRAMMAR_UNIT_PERSON = 2, /* 人 名 人次 */
    GRAMMAR_UNIT_CASE = 4,   /* 件 起 */
    GRAMMAR_UNIT_MONEY = 8,  /* 万元 元 亿元, converted to 万元 */
};

typedef struct GrammarMarkerRange {
    uint32_t first;      /* code point of the marker numbered 1 (① U+2460) */
    int count;           /* how many consecutive code points follow the scheme */
    int rank;            /* level 3..5 */
    const char *example; /* a line starting with one of them */
    int ordinal;         /* the example's number */
} GrammarMarkerRange;

extern const GrammarMarkerRange grammar_marker_ranges[];
extern const size_t grammar_n_marker_ranges;
extern const GrammarWord grammar_stem_markers[]; /* 甲、乙、丙 …; value: the ordinal */
extern const size_t grammar_n_stem_markers;
extern const GrammarMarkerForm grammar_marker_forms[];
extern const size_t grammar_n_marker_forms;
extern const GrammarWord grammar_sections[];
extern const size_t grammar_n_sections;
extern const GrammarProblemForm grammar_problem_forms[];
extern const size_t grammar_n_problem_forms;
extern const GrammarWord grammar_headings[]; /* value 1 subproblem (针对), 2 aspect (方面) */
extern const size_t grammar_n_headings;
extern const GrammarWord grammar_report_labels[];
extern const size_t grammar_n_report_labels;
extern const GrammarWord grammar_deadline_labels[];
extern const size_t grammar_n_deadline_labels;
extern const GrammarWord grammar_term_words[]; /* value 1 long-term, 2 immediate */
extern const size_t grammar_n_term_words;
extern const GrammarDateForm grammar_date_forms[];
extern const size_t grammar_n_date_forms;
extern const GrammarWord grammar_open_words[];
extern const size_t grammar_n_open_words;
extern const GrammarFigure grammar_figures[];
extern const size_t grammar_n_figures;
/* The word of a figure row: its keyword, or its outcome's label (the word the 通报 writes). */
const char *grammar_figure_keyword(const GrammarFigure *f);
extern const GrammarWord grammar_clue_words[];
extern const size_t grammar_n_clue_words;
extern const GrammarWord grammar_contact_words[];
extern const size_t grammar_n_contact_words;
extern const GrammarWord grammar_published_words[];
extern const size_t grammar_n_published_words;
extern const GrammarWord grammar_group_words[]; /* superiors (value 0) and kinds (1 巡视, 2 巡察) */
extern const size_t grammar_n_group_words;
extern const GrammarWord grammar_columns[];
extern const size_t grammar_n_columns;
extern const GrammarWord grammar_title_words[]; /* value 1: must contain; 2: may end with */
extern const size_t grammar_n_title_words;
extern const GrammarWord grammar_misc_words[]; /* target verbs, feedback, range words, signers */
extern const size_t grammar_n_misc_words;

#endif
