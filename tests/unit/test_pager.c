/* Unit tests of the pager (engine/cli/pager.c): which command, when it pages, and that the text
 * reaches the pager, or the terminal when the pager cannot start or quits early. Standard
 * output is made a terminal with a pseudo-terminal for the cases that page. */
#include "testmain.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/pager.h"

static void clear_env(void)
{
    unsetenv("SIGNPOST_PAGER");
    unsetenv("PAGER");
    unsetenv("LESS");
}

static void signpost_pager_comes_first_then_pager_then_less(void **state)
{
    (void)state;
    clear_env();
    assert_string_equal(pager_command(), "less -R");
    setenv("PAGER", "more", 1);
    assert_string_equal(pager_command(), "more");
    setenv("SIGNPOST_PAGER", "most -s", 1);
    assert_string_equal(pager_command(), "most -s");
    setenv("SIGNPOST_PAGER", "", 1); /* set but empty: no paging, as git does */
    assert_null(pager_command());
    setenv("SIGNPOST_PAGER", " cat ", 1);
    assert_null(pager_command());
    unsetenv("SIGNPOST_PAGER");
    setenv("PAGER", "cat", 1);
    assert_null(pager_command());
    clear_env();
}

static void nothing_is_paged_when_stdout_is_not_a_terminal(void **state)
{
    (void)state;
    clear_env();
    int saved = dup(STDOUT_FILENO);
    int devnull = open("/dev/null", O_WRONLY);
    fflush(stdout);
    dup2(devnull, STDOUT_FILENO);
    pager p;
    bool paged = pager_start(&p);
    dup2(saved, STDOUT_FILENO);
    close(devnull);
    close(saved);
    assert_false(paged);
    assert_int_equal(p.pid, 0);
}

/* Runs text through the pager cmd with stdout on a pseudo-terminal; returns whether it paged,
 * and what reached the terminal in tty (up to size bytes). */
static bool page_on_a_pty(const char *cmd, const char *text, char *tty, size_t size)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    assert_true(slave >= 0);
    int saved = dup(STDOUT_FILENO);
    fflush(stdout);
    dup2(slave, STDOUT_FILENO);
    setenv("SIGNPOST_PAGER", cmd, 1);
    pager p;
    bool paged = pager_start(&p);
    fputs(text, stdout);
    pager_stop(&p);
    fflush(stdout);
    bool error = ferror(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(slave);
    fcntl(master, F_SETFL, O_NONBLOCK);
    ssize_t n = read(master, tty, size - 1);
    tty[n > 0 ? n : 0] = '\0';
    close(master);
    unsetenv("SIGNPOST_PAGER");
    assert_false(error);
    return paged;
}

static void the_text_goes_through_the_pager_with_less_set_as_git_does(void **state)
{
    (void)state;
    clear_env();
    char path[] = "/tmp/signpost-pager-XXXXXX", cmd[256], tty[256], got[256] = "";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    snprintf(cmd, sizeof(cmd), "echo \"LESS=$LESS\" >%s; cat >>%s", path, path);
    assert_true(page_on_a_pty(cmd, "line one\nline two\n", tty, sizeof(tty)));
    ssize_t n = read(fd, got, sizeof(got) - 1);
    got[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    assert_string_equal(got, "LESS=FRX\nline one\nline two\n");
    assert_null(strstr(tty, "line one")); /* the pager had it, not the terminal */
}

static void a_pager_that_cannot_start_leaves_the_text_on_the_terminal(void **state)
{
    (void)state;
    clear_env();
    char tty[256];
    assert_false(page_on_a_pty("/nonexistent/pager -R", "shown anyway\n", tty, sizeof(tty)));
    assert_non_null(strstr(tty, "shown anyway"));
}

static void a_pager_quit_early_is_no_error(void **state)
{
    (void)state;
    clear_env();
    static char text[1 << 18]; /* more than a pipe holds */
    memset(text, 'x', sizeof(text) - 1);
    char tty[256];
    assert_true(page_on_a_pty("true", text, tty, sizeof(tty))); /* no SIGPIPE, no error */
    assert_null(strstr(tty, "xxxx"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signpost_pager_comes_first_then_pager_then_less),
        cmocka_unit_test(nothing_is_paged_when_stdout_is_not_a_terminal),
        cmocka_unit_test(the_text_goes_through_the_pager_with_less_set_as_git_does),
        cmocka_unit_test(a_pager_that_cannot_start_leaves_the_text_on_the_terminal),
        cmocka_unit_test(a_pager_quit_early_is_no_error),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
