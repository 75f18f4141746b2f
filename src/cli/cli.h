/*
** cli.h: the command-line front door. main() calls cli_main, which finds the command in the
** table of commands.c, opens the database when the command's flags ask for it, runs it and
** turns its Err into one line on stderr and an exit code (0 ok, 1 failure, 2 usage).
*/
#ifndef ZG_CLI_H
#define ZG_CLI_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"

typedef struct Cli {
    const char *name;    /* the command's name */
    int argc;            /* arguments after the command name, global options removed */
    char **argv;
    bool *used;          /* per argument: consumed by an option or positional lookup */
    const char *db_path; /* --db, $ZHENGGAI_DB or ./zhenggai.db */
    Db db;               /* open when the command has CMD_DB or CMD_CREATE */
    Arena arena;         /* freed when the command returns */
    Err err;             /* the failure a command returns -1 with */
} Cli;

typedef int (*CmdFn)(Cli *cli);

enum {
    CMD_DB = 1,     /* open the existing database (and migrate it) */
    CMD_CREATE = 2, /* open or create the database */
    CMD_HIDDEN = 4, /* debug-* commands: not listed by help */
};

typedef struct Command {
    const char *name;  /* as typed: "measure" */
    CmdFn fn;          /* cmd_measure */
    unsigned flags;    /* CMD_* */
    const char *usage; /* "measure list|show|transition …" */
    const char *help;  /* one line of what it does */
} Command;

extern const Command cli_commands[];
extern const size_t cli_n_commands;

int cli_main(int argc, char **argv);

/* The value of option name ("--inspection VALUE" or "--inspection=VALUE"), or NULL. */
const char *cli_opt(Cli *cli, const char *name);
/* True when the bare flag is present. */
bool cli_flag(Cli *cli, const char *name);
/* The i-th positional argument (0-based, options skipped), or NULL. Marks it used. */
const char *cli_arg(Cli *cli, int i);
/* Fail with ERR_USAGE when an argument was not consumed. Call after reading all options. */
int cli_finish(Cli *cli);
/* Parse an integer id option or positional value; fails with ERR_USAGE naming what. */
int cli_parse_id(Cli *cli, const char *text, const char *what, int64_t *out);
/* Parse the date option name ("--as-of", "--today"; default today) into *out. */
int cli_date(Cli *cli, const char *name, Day *out);
/*
** The inspection a command is about: --inspection ID when given; otherwise the only
** inspection of the database. With none, or several and no --inspection, fail ERR_USAGE, the
** message listing the inspections one line each (id and title).
*/
int cli_inspection(Cli *cli, int64_t *id);
/* Write s to stdout; a write error fails the command. */
int cli_write(Cli *cli, const char *s, size_t n);

/* The commands, one file each. */
int cmd_audit(Cli *cli);
int cmd_check(Cli *cli);
int cmd_backup(Cli *cli);
int cmd_copy(Cli *cli);
int cmd_restore(Cli *cli);
int cmd_help(Cli *cli);
int cmd_init(Cli *cli);
int cmd_demo(Cli *cli);
int cmd_status(Cli *cli);
int cmd_measure(Cli *cli);
int cmd_import(Cli *cli);
int cmd_debug_parse(Cli *cli);
int cmd_debug_routes(Cli *cli);
int cmd_serve(Cli *cli);
int cmd_user(Cli *cli);
int cmd_export(Cli *cli);
int cmd_report(Cli *cli);
int cmd_remind(Cli *cli);
/* serve_jobs.c: sweep the evidence store, start the daily reminder thread (today: DAY_NONE real). */
int serve_jobs_start(Cli *cli, Day today);

#endif
