/*
** fuzz_http.c: a request's head as the server meets it. The input is raw bytes on a connection:
** libmicrohttpd (the server's own, in-process, no listening socket) parses the request line and
** the headers, and a handler reads them as server.c does: the method, the URL (valid UTF-8, the
** login redirect check), the query arguments, Content-Length, the Host allow-list, the session
** cookie, Origin and the CSRF header. Properties: nothing crashes or leaks (ASan), a Host that
** passes the allow-list names one of its hosts, a Content-Length that parses is digits only.
*/
#include "fuzz.h"

#include "base/utf8.h"
#include "web/routes.h"
#include "web/server.h"

#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define HOSTS "zhenggai.example,127.0.0.1"

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    int *bad = cls;
    if (!utf8_valid(key, strlen(key)) || (value && !utf8_valid(value, strlen(value))))
        (*bad)++;
    return MHD_YES;
}

/* What server.c's begin_request reads of the head, with the properties it relies on. */
static void read_head(struct MHD_Connection *con, const char *url, const char *method)
{
    (void)server_method(method);
    if (utf8_valid(url, strlen(url)))
        (void)route_local_page(url);
    int bad = 0;
    MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, each_arg, &bad);
    const char *len = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_CONTENT_LENGTH);
    int64_t n = server_content_length(len);
    if (n > 0 && strspn(len, "0123456789") != strlen(len))
        abort();
    const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (server_host_allowed(HOSTS, host) && strncasecmp(host, "zhenggai.example", 16) != 0 &&
        strncasecmp(host, "127.0.0.1", 9) != 0)
        abort();
    (void)MHD_lookup_connection_value(con, MHD_COOKIE_KIND, SESSION_COOKIE);
    (void)MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
    (void)MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-CSRF-Token");
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    (void)upload;
    if (!*con_cls) {
        *con_cls = con;
        read_head(con, url, method);
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0; /* the body is not this target's */
        return MHD_YES;
    }
    static char ok[] = "ok";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(2, ok, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(con, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static struct MHD_Daemon *daemon_once(void)
{
    static struct MHD_Daemon *d;
    if (!d)
        d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_NO_LISTEN_SOCKET |
                                 MHD_USE_ITC,
                             0, NULL, NULL, answer, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                             (unsigned)2, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
                             MHD_OPTION_END);
    if (!d)
        abort();
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct MHD_Daemon *d = daemon_once();
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        abort();
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
    /* libmicrohttpd owns sv[1] from here, and closes it even when it refuses it. */
    if (MHD_add_connection(d, sv[1], (struct sockaddr *)&peer, sizeof peer) != MHD_YES) {
        close(sv[0]);
        return 0;
    }
    /* Send the input, then read whatever comes back until the server closes (2 s at most). */
    size_t at = 0;
    char reply[4096];
    for (int rounds = 0; rounds < 400; rounds++) {
        struct pollfd p = {sv[0], (short)(POLLIN | (at < size ? POLLOUT : 0)), 0};
        if (poll(&p, 1, 5) < 0)
            break;
        if ((p.revents & POLLOUT) && at < size) {
            ssize_t w = send(sv[0], data + at, size - at, MSG_NOSIGNAL);
            if (w > 0)
                at += (size_t)w;
            if (at == size || w < 0) {
                shutdown(sv[0], SHUT_WR);
                at = size;
            }
        } else if (at == size && size == 0) {
            shutdown(sv[0], SHUT_WR);
        }
        if (p.revents & (POLLIN | POLLHUP)) {
            ssize_t k = recv(sv[0], reply, sizeof reply, 0);
            if (k <= 0)
                break;
        }
    }
    close(sv[0]);
    return 0;
}
