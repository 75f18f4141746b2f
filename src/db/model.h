/*
** model.h: the records of the data model (SPEC §3) as the stores read and write them. Their
** states and kinds are the enumerations of vocab.h. Strings in records are owned
** by the Arena the store was given; ids are 0 when absent.
*/
#ifndef ZG_MODEL_H
#define ZG_MODEL_H

#include "base/base.h"
#include "base/date.h"
#include "db/db.h"
#include "db/vocab.h"

/*
** Stored names ("in_progress") and Chinese labels ("整改中") of the enumerations the model's
** records use most, typed; they read the tables of vocab.c (vocab_name for the others). Each
** is declared and defined by one line below.
*/
#define MODEL_WORD(fn, type, vocab, what)                                                          \
    static inline const char *fn(type v)                                                           \
    {                                                                                              \
        return vocab_##what(vocab, (int)v);                                                        \
    }
MODEL_WORD(model_state_name, MeasureState, VOCAB_MEASURE_STATE, name)
MODEL_WORD(model_state_label, MeasureState, VOCAB_MEASURE_STATE, label)
MODEL_WORD(model_kind_name, MeasureKind, VOCAB_MEASURE_KIND, name)
MODEL_WORD(model_kind_label, MeasureKind, VOCAB_MEASURE_KIND, label)
MODEL_WORD(model_level_name, FindingLevel, VOCAB_FINDING_LEVEL, name)
MODEL_WORD(model_status_name, ProblemStatus, VOCAB_PROBLEM_STATUS, name)
MODEL_WORD(model_status_label, ProblemStatus, VOCAB_PROBLEM_STATUS, label)
MODEL_WORD(model_cycle_name, ReportCycle, VOCAB_REPORT_CYCLE, name)
MODEL_WORD(model_inspection_kind_name, InspectionKind, VOCAB_INSPECTION_KIND, name)
MODEL_WORD(model_role_name, Role, VOCAB_ROLE, name)
MODEL_WORD(model_role_label, Role, VOCAB_ROLE, label)
MODEL_WORD(model_unit_kind_name, UnitKind, VOCAB_UNIT_KIND, name)
/* Parse a stored name; return the value, or -1 when s is not a name of that enumeration. */
#define MODEL_PARSE(fn, vocab)                                                                     \
    static inline int fn(const char *s)                                                            \
    {                                                                                              \
        return vocab_parse(vocab, s);                                                              \
    }
MODEL_PARSE(model_state_parse, VOCAB_MEASURE_STATE)
MODEL_PARSE(model_kind_parse, VOCAB_MEASURE_KIND)
MODEL_PARSE(model_level_parse, VOCAB_FINDING_LEVEL)
MODEL_PARSE(model_cycle_parse, VOCAB_REPORT_CYCLE)
MODEL_PARSE(model_inspection_kind_parse, VOCAB_INSPECTION_KIND)
MODEL_PARSE(model_role_parse, VOCAB_ROLE)
MODEL_PARSE(model_unit_kind_parse, VOCAB_UNIT_KIND)

/*
** An id with its name, for the names a page, a report or a reply shows beside ids (units,
** persons). Lists of them come sorted by id from the stores.
*/
typedef struct IdName {
    int64_t id;       /* unit or person id */
    const char *name; /* the name to show */
    const char *post; /* a person's post, "" or NULL when not read */
} IdName;

/* The name of id in v[0..n) (sorted by id), or "" when absent. */
const char *idname_find(const IdName *v, int n, int64_t id);
/* How a row (id, name, post) becomes an IdName; a NULL post reads as "". */
extern const DbRowMap idname_map;

/* The units and persons of one page, report or reply, each sorted by id. */
typedef struct IdNames {
    IdName *units; /* units */
    int n_units;
    IdName *persons; /* persons */
    int n_persons;
} IdNames;

/* idname_find over names (an IdNames) for a unit and a person: a NameLookup's callbacks. */
const char *idname_unit(void *names, int64_t id);
const char *idname_person(void *names, int64_t id);

typedef struct Unit {
    int64_t id;             /* row id */
    const char *name;       /* full name, unique: 区财政局 */
    const char *short_name; /* short name or NULL */
    UnitKind kind;          /* party, government … */
    int64_t parent_id;      /* parent unit or 0 */
} Unit;

typedef struct Person {
    int64_t id;       /* row id */
    const char *name; /* 张三 */
    const char *post; /* 区委常委、常务副区长 */
    int64_t unit_id;  /* unit or 0 */
} Person;

typedef struct User {
    int64_t id;                /* row id */
    const char *login;         /* unique login name */
    const char *display_name;  /* shown in the UI */
    int64_t unit_id;           /* the user's unit or 0 */
    int64_t person_id;         /* the person (for leaders) or 0 */
    unsigned roles;            /* ROLE_BIT set */
    UserState state;           /* active, locked, disabled */
    const char *password_hash; /* Argon2id encoded string, "" when unset */
    int failed_logins;         /* consecutive failures */
    int64_t locked_until;      /* seconds since the epoch; 0 when not locked by failures */
    bool must_change_password; /* first login, or reset by an administrator */
    const char *last_login_at; /* UTC timestamp or NULL */
    int64_t org_unit_id;       /* the root of unit_id's tree (the organisation), or 0 */
    int64_t
        password_changed; /* seconds since the epoch the password was set (or the account made) */
} User;

/* The revisit (回头看) interval of an inspection, in months: the default and the bounds. */
#define INSPECTION_REVISIT_DEFAULT 6 /* as the column default in migrate_evidence.sql */
#define INSPECTION_REVISIT_MIN 1
#define INSPECTION_REVISIT_MAX 36

typedef struct Inspection {
    int64_t id;                /* row id */
    InspectionKind kind;       /* xunshi, xuncha … */
    const char *title;         /* 省委第九巡视组巡视湖里区委反馈意见整改 */
    const char *superior;      /* 省委 */
    const char *group_name;    /* 省委第九巡视组 */
    const char *target;        /* 湖里区委 */
    Day onsite_start;          /* on-site period start or DAY_NONE */
    Day onsite_end;            /* on-site period end or DAY_NONE */
    Day feedback_on;           /* feedback date or DAY_NONE */
    Day concentrated_end;      /* end of the concentrated period or DAY_NONE */
    ReportCycle report_cycle;  /* how often units report */
    int report_due_day;        /* 0: the cycle's default due day */
    int warn_days;             /* yellow this many days before a deadline */
    bool require_signoff;      /* leader sign-off before the office closes */
    InspectionState state;     /* draft, active, closed */
    const char *contact_phone; /* public contact lines */
    const char *contact_email;
    const char *contact_address;
    const char *signer;        /* 中共厦门市湖里区委 */
    Day published_on;          /* publication date of the imported report or DAY_NONE */
    const char *source_file;   /* imported document's file name or NULL */
    const char *source_sha256; /* its SHA-256 (hex) or NULL; unique */
    int64_t org_unit_id;       /* the organisation (root unit) whose office runs it, or 0 */
    PlanState plan_state;      /* draft or issued (existing ledgers count as issued) */
    Day issued_on;             /* the day the plan was issued in the web, or DAY_NONE */
    int revisit_months;        /* 回头看 this many months after closing, 1..36; 0: the default */
    bool require_onsite;       /* new measures need an on-site check before closing */
    int64_t version;           /* bumped by every edit: the If-Match / form version check */
} Inspection;

typedef struct Finding {
    int64_t id;                  /* row id */
    int64_t inspection_id;       /* owning inspection */
    int64_t parent_id;           /* parent finding or 0 */
    FindingLevel level;          /* aspect, item, problem, subproblem */
    int ordinal;                 /* position among siblings, from 1 */
    const char *label;           /* printed label: (一) 1. (3) ① */
    const char *title;           /* heading text */
    const char *body;            /* text under the heading */
    ProblemStatus override;      /* office override or STATUS_NONE */
    const char *override_reason; /* why, when overridden */
    int line_first;              /* source lines, 0 when not imported */
    int line_last;
    int64_t version; /* bumped by every edit (If-Match / form version) */
} Finding;

typedef struct Measure {
    int64_t id;                  /* row id */
    int64_t inspection_id;       /* owning inspection */
    int64_t finding_id;          /* the problem it answers */
    int ordinal;                 /* position under the finding, from 1 */
    const char *label;           /* 一是, 1. … */
    const char *title;           /* short title */
    const char *body;            /* full text */
    const char *target;          /* 目标要求 */
    MeasureKind kind;            /* immediate, dated, long_term */
    Day deadline;                /* DAY_NONE when none */
    bool long_term;              /* 并长期坚持 */
    int64_t lead_unit_id;        /* 牵头单位 or 0 */
    MeasureState state;          /* workflow state */
    int percent;                 /* 0..100 */
    int return_count;            /* times returned by a reviewer */
    bool onsite_required;        /* verification needs an on-site check */
    const char *evidence_waived; /* the office's reason, or NULL */
    Day closed_on;               /* day closed or DAY_NONE */
    Day revisit_due;             /* 回头看 due or DAY_NONE */
    int line_first;              /* source lines, 0 when not imported */
    int line_last;
    int64_t version;       /* bumped by every edit (If-Match / form version) */
    const char *withdrawn; /* the reason it was withdrawn (撤销), or NULL while in force */
    /* Loaded with the measure where the caller asks for them: */
    int64_t *leader_ids; /* persons; n_leaders of them */
    int n_leaders;
    int64_t *co_unit_ids; /* co-units; n_co_units of them */
    int n_co_units;
    Day *report_days; /* days of submitted or accepted progress, ascending */
    int n_reports;
    int n_evidence;      /* evidence files attached */
    bool onsite_passed;  /* an approved onsite_check review exists */
    bool supervised;     /* an open supervision (督办) awaits a response by supervision_due */
    Day supervision_due; /* the earliest such response deadline (when supervised) */
    /* The users who acted on the current close-out request, filled where the workflow decides
       (event_store_closeout_actors): [0] submitted it, then each approval since. */
    int64_t *closeout_actor_ids;
    int n_closeout_actors;
} Measure;

typedef struct Progress {
    int64_t id;          /* row id */
    int64_t measure_id;  /* the measure */
    int64_t unit_id;     /* reporting unit or 0 */
    int64_t author_id;   /* user or 0 */
    const char *period;  /* the cycle it answers */
    const char *body;    /* the report */
    int percent;         /* claimed completion */
    ProgressState state; /* draft, submitted, accepted, returned */
    Day reported_on;     /* day submitted */
} Progress;

typedef struct Event {
    int64_t id;             /* row id */
    int64_t measure_id;     /* measure or 0 */
    int64_t inspection_id;  /* inspection or 0 */
    int64_t actor_id;       /* user or 0 for the system */
    const char *actor;      /* login of the actor, when read back */
    const char *actor_name; /* display name of the actor, when read back */
    const char *actor_post; /* post of the actor's person (leaders), when read back, or NULL */
    const char *at;         /* UTC timestamp */
    const char *action;     /* request_close, deadline_change … */
    const char *from_state; /* state before, or NULL */
    const char *to_state;   /* state after, or NULL */
    const char *comment;    /* reason or note */
} Event;

#endif
