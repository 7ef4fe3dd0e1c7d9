/* Internal: atomic and exclusive file writes (see atomic.h). */
#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes all of data to fd; 0 or -1 with errno set. */
static int write_all(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fsyncs the folder that holds path, so that a new name in it survives a crash. */
static int sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return -1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Fills the open file fd: mode, data, fsync, close. Closes fd in every case. */
static int fill_and_close(int fd, const void *data, size_t len, mode_t mode)
{
    if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return close(fd);
}

/* A temporary file in path's folder: path + ".tmpXXXXXX", created with O_EXCL and mode 0600.
 * Returns its descriptor and its name in *tmp (malloc'd), or -1 (*tmp NULL when out of
 * memory). */
static int make_temp(const char *path, char **tmp)
{
    static const char suffix[] = ".tmpXXXXXX";
    size_t n = strlen(path);
    *tmp = malloc(n + sizeof(suffix));
    if (!*tmp)
        return -1;
    memcpy(*tmp, path, n);
    memcpy(*tmp + n, suffix, sizeof(suffix));
    return mkostemp(*tmp, O_CLOEXEC);
}

int sp_write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    char *tmp;
    int fd = make_temp(path, &tmp);
    if (!tmp)
        return SP_ENOMEM;
    int rc = SP_EIO;
    if (fd < 0)
        goto done;
    if (fill_and_close(fd, data, len, mode) != 0 || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        goto done;
    }
    if (sync_folder(path) == 0)
        rc = 0;
done:
    free(tmp);
    return rc;
}

/* Gives the complete temporary file tmp the name path, unless path exists: link(2), which
 * never replaces and never follows a symbolic link at path; where the file system has no hard
 * links, rename with RENAME_NOREPLACE; where it has neither, an empty file created with O_EXCL
 * and renamed over (the one case in which a crash can leave an empty file at path). Returns 0,
 * or -1 with errno set (EEXIST when path exists). */
static int name_new(const char *tmp, const char *path)
{
    if (link(tmp, path) == 0)
        return 0;
    if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
        return -1;
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    close(fd);
    if (rename(tmp, path) == 0)
        return 0;
    int saved = errno;
    unlink(path);
    errno = saved;
    return -1;
}

int sp_write_new(const char *path, const void *data, size_t len, mode_t mode)
{
    char *tmp;
    int fd = make_temp(path, &tmp);
    if (!tmp)
        return SP_ENOMEM;
    int rc = SP_EIO;
    if (fd < 0)
        goto done;
    if (fill_and_close(fd, data, len, mode) != 0 || name_new(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        rc = saved == EEXIST ? SP_EEXIST : SP_EIO;
        goto done;
    }
    unlink(tmp); /* the file lives on under path (after a rename, tmp is gone already) */
    if (sync_folder(path) == 0)
        rc = 0;
done:
    free(tmp);
    return rc;
}

/* ---- Several files, all or nothing ----------------------------------------------------------- */

enum { STAGED, NAMED_NEW, EXCHANGED, REPLACED };

int sp_stage(sp_staged *s, const char *path, const void *data, size_t len, mode_t mode)
{
    *s = (sp_staged){0};
    char *tmp, *copy = NULL;
    int fd = make_temp(path, &tmp);
    if (!tmp)
        return SP_ENOMEM;
    int rc = SP_EIO;
    if (fd >= 0 && fill_and_close(fd, data, len, mode) == 0)
        rc = (copy = strdup(path)) ? 0 : SP_ENOMEM;
    if (rc != 0) {
        int saved = errno;
        if (fd >= 0)
            unlink(tmp);
        free(tmp);
        errno = saved;
        return rc;
    }
    *s = (sp_staged){.path = copy, .tmp = tmp, .state = STAGED};
    return 0;
}

/* Replaces path by the staged file, keeping the old one under the temporary name when the
 * file system can exchange the two. */
static int exchange(sp_staged *s)
{
    struct stat st;
    if (lstat(s->path, &st) != 0)
        return errno == ENOENT ? 1 : -1; /* nothing to replace */
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    if (renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->path, RENAME_EXCHANGE) == 0) {
        s->state = EXCHANGED;
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    if (rename(s->tmp, s->path) != 0)
        return -1;
    s->state = REPLACED;
    return 0;
}

int sp_staged_commit(sp_staged *s, bool replace)
{
    int rc = replace ? exchange(s) : 1;
    if (rc == 1) { /* a new name */
        rc = name_new(s->tmp, s->path);
        if (rc == 0)
            s->state = NAMED_NEW;
    }
    if (rc == 0)
        return 0;
    return errno == EEXIST ? SP_EEXIST : SP_EIO;
}

static void staged_clear(sp_staged *s)
{
    free(s->path);
    free(s->tmp);
    *s = (sp_staged){0};
}

int sp_staged_finish(sp_staged *s)
{
    unlink(s->tmp); /* the old file after an exchange; a second name after link(2) */
    int rc = sync_folder(s->path) == 0 ? 0 : SP_EIO;
    int saved = errno;
    staged_clear(s);
    errno = saved;
    return rc;
}

bool sp_staged_abort(sp_staged *s)
{
    if (!s->path)
        return true;
    int saved = errno;
    bool ok = true;
    if (s->state == NAMED_NEW)
        ok = unlink(s->path) == 0;
    else if (s->state == EXCHANGED)
        ok = renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->path, RENAME_EXCHANGE) == 0;
    else if (s->state == REPLACED)
        ok = false;
    unlink(s->tmp);
    if (s->state != STAGED)
        (void)sync_folder(s->path);
    staged_clear(s);
    errno = saved;
    return ok;
}
