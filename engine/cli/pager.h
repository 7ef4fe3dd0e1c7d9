/* Paging long screens on a terminal, as git does: standard output goes through a pager while
 * a long screen is printed, then comes back to the terminal.
 *
 * The pager is $SIGNPOST_PAGER, else $PAGER, else "less -R"; an empty value or "cat" turns
 * paging off. LESS is set to FRX when it is unset, so that less prints a screen that fits and
 * exits (F), passes colours (R) and leaves what was read on the terminal (X). Nothing is paged
 * when standard output is not a terminal. A pager that cannot be started is no error: the text
 * is printed as it would be without one. docs/design.md says why an external pager. */
#ifndef SP_CLI_PAGER_H
#define SP_CLI_PAGER_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

typedef struct pager {
    pid_t pid;    /* the pager's process while paging, else 0 */
    int terminal; /* a copy of the terminal's standard output while paging, else -1 */
    struct sigaction old_int, old_quit, old_pipe;
} pager;

/* The pager command from the environment, or NULL when paging is turned off. The string
 * belongs to the environment. */
const char *pager_command(void);

/* Whether pager_start() would page now: standard output is a terminal and a pager is set. */
bool pager_wanted(void);

/* Starts paging when pager_wanted(): flushes stdout, starts the pager and sends standard
 * output to it; SIGINT, SIGQUIT and SIGPIPE are ignored until pager_stop() (Ctrl-C belongs to
 * the pager, and a pager quit early must not kill signpost). Returns true when paging; false
 * (stdout unchanged) when not wanted or when the pager cannot be started. Measure the terminal
 * (width, colour) before: while paging, stdout is a pipe. */
bool pager_start(pager *p);

/* Ends paging: flushes stdout (what a pager quit early did not take is dropped), gives the
 * terminal back to stdout, waits for the pager to end and restores the signals. A no-op when
 * p is not paging. */
void pager_stop(pager *p);

#endif
