/*
** replay.c: a plain main() for the fuzz targets: feed LLVMFuzzerTestOneInput every file named
** on the command line or found in the directories named (SQLite's fuzzcheck idea). Fails when
** it found nothing to replay, so a misplaced corpus cannot pass silently.
*/
#include "fuzz.h"

#include "base/buf.h"

#include <dirent.h>
#include <sys/stat.h>

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    Buf b = BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, k);
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
    buf_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
            return 1;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (replay_file(argv[i]) < 0)
                return 1;
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d)
            return 1;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            Buf path = BUF_INIT;
            buf_printf(&path, "%s/%s", argv[i], e->d_name);
            int rc = replay_file(path.data);
            buf_free(&path);
            if (rc < 0) {
                closedir(d);
                return 1;
            }
            count++;
        }
        closedir(d);
    }
    printf("replayed %d inputs\n", count);
    return count > 0 ? 0 : 1;
}
