/*
** commands.c: the one table of CLI commands, sorted by name (a unit test checks it). help is
** generated from it.
*/
#include "cli.h"

const Command cli_commands[] = {
    {"audit", cmd_audit, CMD_DB, "audit verify [--anchor FILE] | audit anchor [-o FILE]",
     "check the keyed audit chain (and against an anchor kept outside); write its head as an anchor"},
    {"backup", cmd_backup, CMD_DB, "backup DEST",
     "write an online, consistent backup (database, audit key, evidence, MANIFEST of hashes)"},
    {"check", cmd_check, CMD_DB, "check [--anchor FILE]",
     "check the database: integrity, foreign keys, invariants of the rows, roles, the audit log"},
    {"copy", cmd_copy, 0, "copy --from SRC --to DST",
     "copy a whole ledger between SQLite files and PostgreSQL URIs (DST empty), checking counts and audit chains"},
    {"debug-parse", cmd_debug_parse, CMD_HIDDEN, "debug-parse FILE [--json] | --bench [--repeat N] FILE...",
     "print the document importer's tree, or measure its throughput"},
    {"debug-routes", cmd_debug_routes, CMD_HIDDEN, "debug-routes",
     "print the web route table as JSON lines (method, pattern, flags, roles)"},
    {"demo", cmd_demo, CMD_CREATE,
     "demo [--scale county|province|city|nation] [--seed N] [--today DATE] [--crypto default|sm]",
     "fill an empty database with deterministic demo data"},
    {"export", cmd_export, CMD_DB,
     "export ledger [--inspection ID] -o FILE.xlsx|FILE.csv [--as-of DATE]",
     "write the ledger (台账) as a spreadsheet: merged problem cells, lights as colours"},
    {"help", cmd_help, 0, "help", "list the commands"},
    {"import", cmd_import, 0,
     "import doc|ledger FILE [--inspection ID] [--map FILE] [--create-unknown] [--new] "
     "[--dry-run] [--json]",
     "import a feedback, plan or progress report (text, GB18030, Markdown, .docx), or a ledger "
     "(台账) spreadsheet whose unknown units and persons are listed, never created silently"},
    {"init", cmd_init, CMD_CREATE, "init [--crypto default|sm]",
     "create the database (or bring its schema up to date); sm: SM3/SM4 (GB/T 39786)"},
    {"measure", cmd_measure, CMD_DB, "measure list|show|transition …",
     "list measures [--inspection --unit --leader --state --light --as-of --json], show ID, "
     "transition ID ACTION --as LOGIN [--comment TEXT]"},
    {"remind", cmd_remind, CMD_DB,
     "remind [--as-of DATE] [--json] [--send] | remind configure [--webhook URL] [--hour H] "
     "[--secret-file FILE] [--attempts N] [--backoff-ms MS]",
     "who owes what, per unit, leader and the office; --send posts each a signed reminder to the "
     "webhook (serve does it daily at --hour)"},
    {"report", cmd_report, CMD_DB,
     "report [--inspection ID] --kind tongbao|dispatch|stats --format md|html|docx|xlsx|json "
     "[--as-of DATE] [--names] [--attach-ledger] [-o FILE] | report text set|show [--inspection "
     "ID] "
     "--block NAME [--file F] | report publish [--inspection ID] [--as-of DATE] [--attach-ledger] "
     "[--confirm NAME,…]",
     "write the progress report (通报), the dispatch sheet (调度表) or the statistics; set the "
     "report's narrative blocks (organise, leader, plan); publish the 通报 (frozen)"},
    {"restore", cmd_restore, 0, "restore SRC [--check]",
     "verify a backup (hashes, integrity, audit chain) and restore it to --db, a new path"},
    {"serve", cmd_serve, CMD_DB,
     "serve [--listen ADDR:PORT] [--threads N] [--today DATE] [--quiet] [--secure-cookies]"
     " [--session-idle SECONDS] [--session-max SECONDS] [--tz ZONE]",
     "run the web application (pages and the JSON API) until SIGINT or SIGTERM; sessions end "
     "after --session-idle seconds without a request (1800) or --session-max seconds (43200); "
     "pages show times in the office's time zone --tz (Asia/Shanghai)"},
    {"status", cmd_status, CMD_DB, "status --inspection ID [--as-of DATE] [--json]",
     "counts by state and light, problem statuses and the overdue list"},
    {"user", cmd_user, CMD_DB,
     "user add LOGIN --name NAME [--unit UNIT] --role ROLE[,ROLE] [--password-stdin] | "
     "passwd LOGIN [--password-stdin] | lock LOGIN | unlock LOGIN | roles LOGIN ROLE[,ROLE] | list",
     "manage accounts (三员分立: sysadmin, secadmin, auditor are separate, without business "
     "roles)"},
};

const size_t cli_n_commands = ARRAY_SIZE(cli_commands);
