/*
** serve_jobs.c: what `serve` does besides answering requests: at start, sweep the evidence
** store (files left without a row by a crash, stale temporary files); while it runs, a thread
** that checks every half minute whether the daily reminder is due and, when this server wins
** the day's claim, delivers it (ledger/deliver.h). Several servers on one database send each
** day's reminders once.
*/
#include "cli.h"

#include "db/evidence_store.h"
#include "ledger/deliver.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

typedef struct Jobs {
    char *db_path; /* owned */
    Day today;     /* DAY_NONE: the real date */
} Jobs;

static void *reminder_thread(void *p)
{
    Jobs *j = p;
    Db db;
    Err err = ERR_INIT;
    char who[96];
    char host[64] = "";
    gethostname(host, sizeof host - 1);
    snprintf(who, sizeof who, "%s:%d", host, (int)getpid());
    if (db_open(&db, j->db_path, 0, &err) < 0) {
        fprintf(stderr, "serve: reminders: %s\n", err.msg);
        return NULL;
    }
    for (;;) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        Day today = j->today != DAY_NONE ? j->today : date_today();
        bool ran;
        err_clear(&err);
        if (deliver_daily(&db, today, tm.tm_hour, who, &ran, &err) < 0)
            fprintf(stderr, "serve: reminders: %s\n", err.msg);
        else if (ran)
            fprintf(stderr, "serve: daily reminders delivered\n");
        sleep(30);
    }
    return NULL;
}

int serve_jobs_start(Cli *cli, Day today)
{
    Arena a = ARENA_INIT;
    int removed;
    int rc = evidence_store_sweep(&cli->db, evidence_files_dir(&a, cli->db_path), 3600, &removed,
                                  &cli->err);
    arena_free(&a);
    if (rc < 0)
        return -1;
    if (removed)
        fprintf(stderr, "serve: removed %d evidence file(s) left without a record\n", removed);
    Jobs *j = xcalloc(1, sizeof *j);
    j->db_path = xstrdup(cli->db_path);
    j->today = today;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* The thread lives as long as the process; its Jobs is never freed. */
    if (pthread_create(&t, &attr, reminder_thread, j) != 0) {
        free(j->db_path);
        free(j);
        fprintf(stderr, "serve: cannot start the reminder thread\n");
    }
    pthread_attr_destroy(&attr);
    return 0;
}
