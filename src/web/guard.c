/*
** guard.c: receive deadlines per connection (guard.h): a doubly linked list of watched sockets
** under one mutex, and a reaper thread that cuts those past their deadline.
*/
#include "web/guard.h"

#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

struct Guard {
    int fd;            /* the connection's socket */
    int64_t deadline;  /* CLOCK_MONOTONIC milliseconds; 0: none */
    bool cut;          /* shut down already */
    Guard *prev, *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static Guard *head;
static bool running;
static long cuts;
static pthread_t reaper;

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void *reap(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (running) {
        int64_t now = now_ms();
        for (Guard *g = head; g; g = g->next)
            if (g->deadline && now > g->deadline && !g->cut) {
                /* Under the lock: the socket cannot be closed (and its number reused) meanwhile. */
                shutdown(g->fd, SHUT_RDWR);
                g->cut = true;
                cuts++;
            }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&wake, &lock, &until);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int guard_start(void)
{
    running = true;
    if (pthread_create(&reaper, NULL, reap, NULL) != 0) {
        running = false;
        return -1;
    }
    return 0;
}

void guard_stop(void)
{
    pthread_mutex_lock(&lock);
    running = false;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(reaper, NULL);
    while (head) {
        Guard *g = head;
        head = g->next;
        free(g);
    }
}

Guard *guard_open(int fd, int seconds)
{
    Guard *g = xcalloc(1, sizeof *g);
    g->fd = fd;
    g->deadline = seconds ? now_ms() + (int64_t)seconds * 1000 : 0;
    pthread_mutex_lock(&lock);
    g->next = head;
    if (head)
        head->prev = g;
    head = g;
    pthread_mutex_unlock(&lock);
    return g;
}

void guard_set(Guard *g, int seconds)
{
    int64_t d = seconds ? now_ms() + (int64_t)seconds * 1000 : 0;
    pthread_mutex_lock(&lock);
    g->deadline = d;
    pthread_mutex_unlock(&lock);
}

void guard_close(Guard *g)
{
    pthread_mutex_lock(&lock);
    if (g->prev)
        g->prev->next = g->next;
    else
        head = g->next;
    if (g->next)
        g->next->prev = g->prev;
    pthread_mutex_unlock(&lock);
    free(g);
}

long guard_cut_count(void)
{
    pthread_mutex_lock(&lock);
    long n = cuts;
    pthread_mutex_unlock(&lock);
    return n;
}
