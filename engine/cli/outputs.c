/* The checks made before any command writes a file (see outputs.h). */
#include "outputs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "base/fileio.h"
#include "signpost/load.h"

int outputs_not_an_input(const char *cmd, const char *out, const out_input *inputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!inputs[i].path || !sp_same_file(out, inputs[i].path))
            continue;
        /* TRANSLATORS: the first %s is the file to write; the second says what the other file
           is ("the secret key", "the answer file"...), the third is its name. */
        return cli_usage_error(cmd, _("refusing to write %s: it is the same file as %s %s"), out,
                               inputs[i].role, inputs[i].path);
    }
    return EXIT_OK;
}

int outputs_not_in_quiz(const char *cmd, const char *out, const sp_quiz *quiz)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    out_input in = {dirs ? dirs->path : NULL, _("a file of the quiz")};
    int rc = outputs_not_an_input(cmd, out, &in, 1);
    for (size_t i = 0; rc == EXIT_OK && i < sp_quiz_bank_count(quiz); i++) {
        in.path = sp_quiz_bank(quiz, i)->path;
        rc = outputs_not_an_input(cmd, out, &in, 1);
    }
    return rc;
}

int outputs_not_a_key(const char *out)
{
    switch (sp_key_file_kind(out)) {
    case SP_KEYFILE_SECRET:
        cli_error(_("refusing to write over %s: it holds a secret key"), out);
        return EXIT_IO;
    case SP_KEYFILE_PUBLIC:
        cli_error(_("refusing to write over %s: it holds a public key"), out);
        return EXIT_IO;
    default: return EXIT_OK;
    }
}

int outputs_can_write(const char *out)
{
    struct stat st;
    if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error(_("cannot write %s: it is a folder; give the name of a file in it"), out);
        return EXIT_IO;
    }
    char dir[PATH_MAX];
    const char *slash = strrchr(out, '/');
    size_t n = slash ? (size_t)(slash - out) : 0;
    if (n >= sizeof(dir)) {
        cli_error(_("cannot write %s: %s"), out, strerror(ENAMETOOLONG));
        return EXIT_IO;
    }
    snprintf(dir, sizeof(dir), "%.*s", (int)n, out);
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else if (n == 0)
        snprintf(dir, sizeof(dir), "/");
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error(_("cannot write %s: there is no folder %s"), out, dir);
        return EXIT_IO;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        cli_error(_("cannot write %s: %s"), out, strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int outputs_check(const char *cmd, const char *out, const out_input *inputs, size_t n)
{
    int rc = outputs_not_an_input(cmd, out, inputs, n);
    return rc == EXIT_OK ? outputs_not_a_key(out) : rc;
}
