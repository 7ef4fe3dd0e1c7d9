/* Internal: opening inputs without blocking, and telling what a file is (see fileio.h). */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

/* The largest key file: minisign's are under 500 bytes (as in minisign.c). */
#define KEY_FILE_MAX 8192

/* ---- Inputs ---------------------------------------------------------------------------------- */

const char *sp_file_kind_why(mode_t mode)
{
    if (S_ISREG(mode))
        return NULL;
    if (S_ISDIR(mode))
        /* TRANSLATORS: this and the next four say why a file is not read; they follow
           "cannot read FILE: ". */
        return _("it is a folder, not a regular file");
    if (S_ISFIFO(mode))
        return _("it is a pipe (FIFO), not a regular file");
    if (S_ISSOCK(mode))
        return _("it is a socket, not a regular file");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return _("it is a device, not a regular file");
    return _("it is not a regular file");
}

static bool acceptable(mode_t mode, unsigned flags)
{
    return S_ISREG(mode) || ((flags & SP_INPUT_PIPE) && S_ISFIFO(mode));
}

/* Sets errno for a file refused for its kind (see sp_input_strerror) and returns -1. */
static int refuse(mode_t mode)
{
    errno = S_ISDIR(mode) ? EISDIR : EINVAL;
    return -1;
}

const char *sp_file_link_why(void)
{
    return _("it is a symbolic link, not a regular file");
}

int sp_input_open(const char *path, unsigned flags)
{
    struct stat st;
    bool nofollow = flags & SP_INPUT_NOFOLLOW;
    /* Refusing by stat first means a device is never opened at all. A missing file falls
     * through to open, whose errno says so. */
    int found = nofollow ? lstat(path, &st) : stat(path, &st);
    if (found == 0 && nofollow && S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        return -1;
    }
    if (found == 0 && !acceptable(st.st_mode, flags))
        return refuse(st.st_mode);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0)
        return -1;
    /* The file can have changed between stat and open: what counts is what was opened. */
    int fl = -1;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!acceptable(st.st_mode, flags)) {
        close(fd);
        return refuse(st.st_mode);
    }
    /* O_NONBLOCK kept a FIFO from blocking the open; reads of it must block. On a regular file
     * the flag means nothing, and two system calls per file add up in a short process. */
    if (!S_ISREG(st.st_mode) &&
        ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0))
        goto fail;
    return fd;
fail:;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

const char *sp_input_strerror(const char *path, int err)
{
    struct stat st;
    if (err == ELOOP && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return sp_file_link_why();
    if ((err == EISDIR || err == EINVAL) && stat(path, &st) == 0) {
        const char *why = sp_file_kind_why(st.st_mode);
        if (why)
            return why;
    }
    return strerror(err);
}

/* Reads fd to its end into a malloc'd NUL-terminated buffer, refusing more than max bytes. */
static int read_all(int fd, size_t max, char **out, size_t *outlen)
{
    sp_buf b = {0};
    char chunk[65536];
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n < 0 ? SP_EIO : 0;
            break;
        }
        if ((size_t)n > max - b.len) {
            rc = SP_ELIMIT;
            break;
        }
        sp_buf_append(&b, chunk, (size_t)n);
    }
    if (rc == 0 && !b.data)
        sp_buf_append(&b, "", 0);
    if (rc == 0 && b.failed)
        rc = SP_ENOMEM;
    if (rc != 0) {
        int saved = errno;
        sp_buf_free(&b);
        errno = saved;
        return rc;
    }
    *out = b.data;
    *outlen = b.len;
    return 0;
}

int sp_input_read(const char *path, unsigned flags, size_t max, char **buf, size_t *len)
{
    int fd = sp_input_open(path, flags);
    if (fd < 0)
        return SP_EIO;
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0)
        rc = SP_EIO;
    else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
        rc = SP_ELIMIT; /* refused before a byte is read */
    else
        rc = read_all(fd, max, buf, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* ---- The same file --------------------------------------------------------------------------- */

/* The real path of path's folder joined with its last name, in a new string; NULL when the
 * folder cannot be resolved or the name is not a plain name ("", ".", ".."). */
static char *real_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return NULL;
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!real)
        return NULL;
    size_t n = strlen(real), m = strlen(name);
    char *out = malloc(n + 1 + m + 1);
    if (out) {
        memcpy(out, real, n);
        out[n] = '/';
        memcpy(out + n + 1, name, m + 1);
    }
    free(real);
    return out;
}

bool sp_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea || eb)
        return false;
    char *ra = real_name(a), *rb = real_name(b);
    /* Unresolvable folders: the names as given are all there is to compare. */
    bool same = ra && rb ? strcmp(ra, rb) == 0 : strcmp(a, b) == 0;
    free(ra);
    free(rb);
    return same;
}

/* ---- Keys ------------------------------------------------------------------------------------ */

/* The kind of key whose file text is in text (len bytes), judged by its form (fileio.h). */
static sp_keyfile key_kind_of(const char *text, size_t len)
{
    static const char comment[] = "untrusted comment:";
    const char *nl = memchr(text, '\n', len);
    if (!nl || len < sizeof(comment) - 1 || memcmp(text, comment, sizeof(comment) - 1) != 0)
        return SP_KEYFILE_NONE;
    const char *b64 = nl + 1, *end = memchr(b64, '\n', len - (size_t)(b64 - text));
    size_t n = end ? (size_t)(end - b64) : len - (size_t)(b64 - text);
    if (n > 0 && b64[n - 1] == '\r')
        n--;
    unsigned char *bin = sodium_malloc(KEY_FILE_MAX);
    size_t binlen = 0;
    sp_keyfile kind = SP_KEYFILE_NONE;
    if (bin &&
        sodium_base642bin(bin, KEY_FILE_MAX, b64, n, NULL, &binlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) == 0 &&
        binlen >= 2 && memcmp(bin, "Ed", 2) == 0)
        kind = binlen == 42 ? SP_KEYFILE_PUBLIC : binlen == 158 ? SP_KEYFILE_SECRET : kind;
    sodium_free(bin); /* wipes it: it can hold an unencrypted secret key */
    return kind;
}

sp_keyfile sp_key_file_kind(const char *path)
{
    if (sp_init() != 0)
        return SP_KEYFILE_NONE;
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return SP_KEYFILE_NONE;
    struct stat st;
    char *text = NULL;
    size_t len = 0;
    sp_keyfile kind = SP_KEYFILE_NONE;
    if (fstat(fd, &st) != 0 || st.st_size > KEY_FILE_MAX || !(text = sodium_malloc(KEY_FILE_MAX)))
        goto done;
    for (ssize_t n; len < KEY_FILE_MAX; len += (size_t)n) {
        n = read(fd, text + len, KEY_FILE_MAX - len);
        if (n < 0 && errno == EINTR)
            n = 0;
        else if (n <= 0)
            break;
    }
    kind = key_kind_of(text, len);
done:
    sodium_free(text);
    close(fd);
    return kind;
}

/* ---- Modes ----------------------------------------------------------------------------------- */

mode_t sp_mode_umask(mode_t mode)
{
    /* umask(2) can only be read by setting it; the program is single-threaded, so nothing
     * creates a file in the moment the mask is 0. */
    mode_t mask = umask(0);
    umask(mask);
    return mode & ~mask & 0777;
}
