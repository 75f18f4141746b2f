/*
** http_post.c: one HTTP/1.1 POST over a plain socket (http_post.h).
*/
#include "http_post.h"

#include "base/buf.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* Split "http://host[:port]/path" into its parts (in buffers of the given sizes). */
static bool parse_url(const char *url, char *host, size_t nh, char *port, size_t np,
                      const char **path)
{
    if (strncmp(url, "http://", 7) != 0)
        return false;
    const char *h = url + 7;
    const char *slash = strchr(h, '/');
    const char *end = slash ? slash : h + strlen(h);
    const char *colon = memchr(h, ':', (size_t)(end - h));
    const char *hend = colon ? colon : end;
    if (hend == h || (size_t)(hend - h) >= nh)
        return false;
    memcpy(host, h, (size_t)(hend - h));
    host[hend - h] = 0;
    if (colon) {
        size_t k = (size_t)(end - colon - 1);
        if (k == 0 || k >= np)
            return false;
        memcpy(port, colon + 1, k);
        port[k] = 0;
        for (size_t i = 0; i < k; i++)
            if (port[i] < '0' || port[i] > '9')
                return false;
    } else {
        snprintf(port, np, "80");
    }
    *path = slash ? slash : "/";
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ')
            return false; /* no header injection through the URL */
    return true;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int http_post(const char *url, const char *headers, const char *body, size_t n,
              int timeout_seconds, int *status, Err *err)
{
    char host[256], port[8];
    const char *path;
    if (!parse_url(url, host, sizeof host, port, sizeof port, &path))
        return err_fail(err, ERR_INPUT, "bad webhook URL '%s' (http://host[:port]/path)", url);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(host, port, &hints, &ai);
    if (gai != 0)
        return err_fail(err, ERR_IO, "cannot resolve '%s': %s", host, gai_strerror(gai));
    int fd = -1;
    for (struct addrinfo *a = ai; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        struct timeval tv = {timeout_seconds, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, a->ai_addr, a->ai_addrlen) < 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(ai);
    if (fd < 0)
        return err_fail(err, ERR_IO, "cannot connect to %s:%s", host, port);
    Buf req = BUF_INIT;
    buf_printf(&req,
               "POST %s HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/json; charset=utf-8\r\n"
               "Content-Length: %zu\r\nConnection: close\r\nUser-Agent: zhenggai\r\n%s\r\n",
               path, host, port, n, headers ? headers : "");
    buf_append(&req, body, n);
    int rc = send_all(fd, req.data, req.len);
    buf_free(&req);
    if (rc < 0) {
        close(fd);
        return err_fail(err, ERR_IO, "cannot send to %s:%s", host, port);
    }
    char line[128];
    size_t got = 0;
    while (got < sizeof line - 1) {
        ssize_t k = recv(fd, line + got, sizeof line - 1 - got, 0);
        if (k <= 0)
            break;
        got += (size_t)k;
        if (memchr(line, '\n', got))
            break;
    }
    close(fd);
    line[got] = 0;
    int code = 0;
    if (strncmp(line, "HTTP/1.", 7) != 0 || sscanf(line + 8, " %3d", &code) != 1 || code < 100)
        return err_fail(err, ERR_IO, "no HTTP reply from %s:%s", host, port);
    *status = code;
    return 0;
}
