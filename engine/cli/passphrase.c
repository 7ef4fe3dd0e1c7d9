/* Passphrases: from a file, standard input, or the terminal without echo (see passphrase.h). */
#include "passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "base/fileio.h"
#include "signpost/sign.h"

/* Room for the longest passphrase, a CR before the newline, and a NUL. */
#define PASS_BUF (SP_PASSPHRASE_MAX + 2)

enum { LINE_OK = 1, LINE_EOF = 0, LINE_ERROR = -1, LINE_TOO_LONG = -2 };

/* Reads one line from fd a byte at a time, so that nothing after it is consumed and no copy
 * is left in a stdio buffer. The line ending ("\n" or "\r\n") is dropped. Returns LINE_OK (also
 * for a last line without a newline), LINE_EOF when nothing was read, LINE_ERROR (errno set) or
 * LINE_TOO_LONG. */
static int read_line(int fd, char *buf, size_t *len)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return LINE_ERROR;
        if (r == 0 && n == 0)
            return LINE_EOF;
        if (r == 0 || c == '\n')
            break;
        if (n == PASS_BUF - 1)
            return LINE_TOO_LONG;
        buf[n++] = c;
    }
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    *len = n;
    return n > SP_PASSPHRASE_MAX ? LINE_TOO_LONG : LINE_OK;
}

static int secret_alloc(cli_secret *s)
{
    s->data = sodium_malloc(PASS_BUF);
    s->len = 0;
    if (!s->data) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

void cli_secret_free(cli_secret *s)
{
    sodium_free(s->data); /* wipes before freeing; NULL is a no-op */
    s->data = NULL;
    s->len = 0;
}

/* Reads the first line of fd into a new secret; where names the source for messages. */
static int read_secret(int fd, const char *where, cli_secret *out)
{
    int rc = secret_alloc(out);
    if (rc != EXIT_OK)
        return rc;
    switch (read_line(fd, out->data, &out->len)) {
    case LINE_OK: return EXIT_OK;
    case LINE_EOF:
        /* TRANSLATORS: %s is a file name or "standard input". */
        cli_error(_("no passphrase: %s is empty"), where);
        rc = EXIT_NEGATIVE;
        break;
    case LINE_TOO_LONG:
        /* TRANSLATORS: %s is a file name or "standard input". */
        cli_error(_("the passphrase in %s is longer than %d bytes"), where, SP_PASSPHRASE_MAX);
        rc = EXIT_NEGATIVE;
        break;
    default:
        /* TRANSLATORS: the first %s is a file name or "standard input". */
        cli_error(_("cannot read the passphrase from %s: %s"), where, strerror(errno));
        rc = EXIT_IO;
    }
    cli_secret_free(out);
    return rc;
}

/* The passphrase file may be a pipe (`--passphrase-file <(pass show signpost)`): the program
 * writing it holds it open, and the first line is read as soon as it comes. A FIFO that nothing
 * writes to reads as empty at once; a device, a socket or a folder is refused unopened. */
static int from_file(const char *file, cli_secret *out)
{
    int fd = sp_input_open(file, SP_INPUT_PIPE);
    if (fd < 0) {
        cli_error(_("cannot open the passphrase file %s: %s"), file,
                  sp_input_strerror(file, errno));
        return EXIT_IO;
    }
    int rc = read_secret(fd, file, out);
    close(fd);
    return rc;
}

/* ---- The terminal ---------------------------------------------------------------------------- */

/* While echo is off, a signal that ends the program must turn it back on first. */
static int tty_fd = -1;
static struct termios tty_saved;
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static struct sigaction old_actions[4];

static void restore_and_reraise(int sig)
{
    tcsetattr(tty_fd, TCSAFLUSH, &tty_saved);
    (void)!write(tty_fd, "\n", 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_fatal_signals(bool on)
{
    struct sigaction sa = {0};
    sa.sa_handler = restore_and_reraise;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < 4; i++) {
        if (on)
            sigaction(fatal_signals[i], &sa, &old_actions[i]);
        else
            sigaction(fatal_signals[i], &old_actions[i], NULL);
    }
}

/* Shows prompt on the terminal fd and reads a line there, with echo off unless echo is set.
 * Echo goes off before the prompt shows, so that nothing typed after the prompt is echoed (and
 * TCSAFLUSH drops what was typed before it, as getpass does). */
static int tty_read(int fd, const char *prompt, bool echo, char *buf, size_t *len)
{
    if (echo) {
        (void)!write(fd, prompt, strlen(prompt));
        return read_line(fd, buf, len);
    }
    if (tcgetattr(fd, &tty_saved) != 0)
        return LINE_ERROR;
    struct termios quiet = tty_saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ECHONL; /* the newline still shows, so the next prompt starts a line */
    tty_fd = fd;
    catch_fatal_signals(true);
    tcsetattr(fd, TCSAFLUSH, &quiet);
    (void)!write(fd, prompt, strlen(prompt));
    int rc = read_line(fd, buf, len);
    tcsetattr(fd, TCSAFLUSH, &tty_saved);
    catch_fatal_signals(false);
    return rc;
}

/* Reads one passphrase at the terminal into a new secret. */
static int tty_secret(int fd, const char *prompt, cli_secret *out)
{
    int rc = secret_alloc(out);
    if (rc != EXIT_OK)
        return rc;
    int r = tty_read(fd, prompt, false, out->data, &out->len);
    if (r == LINE_OK)
        return EXIT_OK;
    if (r == LINE_TOO_LONG)
        cli_error(_("the passphrase is longer than %d bytes"), SP_PASSPHRASE_MAX);
    else if (r == LINE_EOF)
        cli_error("%s", _("no passphrase given"));
    else
        cli_error(_("cannot read the passphrase from the terminal: %s"), strerror(errno));
    cli_secret_free(out);
    return r == LINE_ERROR ? EXIT_IO : EXIT_NEGATIVE;
}

static int from_terminal(const char *prompt, bool confirm, cli_secret *out)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cli_error(_("cannot open the terminal to ask for the passphrase: %s"), strerror(errno));
        return EXIT_IO;
    }
    cli_secret again = {0};
    int rc = tty_secret(fd, prompt, out);
    if (rc == EXIT_OK && confirm && out->len > 0) {
        rc = tty_secret(fd, _("Passphrase (again): "), &again);
        if (rc == EXIT_OK &&
            (again.len != out->len || sodium_memcmp(again.data, out->data, out->len) != 0)) {
            cli_error("%s", _("the passphrases do not match"));
            rc = EXIT_NEGATIVE;
        }
        cli_secret_free(&again);
        if (rc != EXIT_OK)
            cli_secret_free(out);
    }
    close(fd);
    return rc;
}

int cli_passphrase_get(const char *file, const char *prompt, bool confirm, cli_secret *out,
                       cli_pass_source *source)
{
    *out = (cli_secret){0};
    if (file) {
        *source = CLI_PASS_FILE;
        return from_file(file, out);
    }
    if (!isatty(STDIN_FILENO)) {
        *source = CLI_PASS_STDIN;
        /* TRANSLATORS: where a passphrase was read from, in place of a file name. */
        return read_secret(STDIN_FILENO, _("standard input"), out);
    }
    *source = CLI_PASS_TERMINAL;
    return from_terminal(prompt, confirm, out);
}

bool cli_tty_confirm(const char *question)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return false;
    char answer[PASS_BUF];
    size_t len = 0;
    bool yes = tty_read(fd, question, true, answer, &len) == LINE_OK &&
               (strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0);
    close(fd);
    return yes;
}
