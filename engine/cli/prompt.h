/* Reading the taker's answers: GNU readline when standard input is a terminal, plain getline()
 * otherwise (no echo, no prompt on stdout), with Ctrl-C and window resizes turned into events
 * the front end can act on. */
#ifndef SP_CLI_PROMPT_H
#define SP_CLI_PROMPT_H

#include <stdbool.h>
#include <stdio.h>

typedef enum prompt_status {
    PROMPT_LINE,      /* a line was read */
    PROMPT_EOF,       /* end of input (Ctrl-D on an empty line) */
    PROMPT_INTERRUPT, /* Ctrl-C (SIGINT) */
} prompt_status;

/* Starts reading: decides between readline and getline, chooses the stream the quiz is shown
 * on (stdout when it is a terminal, else stderr), installs the SIGINT and SIGWINCH handlers
 * and the completion of commands (the NULL-terminated list words, which must outlive the
 * reader). Call prompt_end() before returning to the shell. */
void prompt_begin(const char *const *words);

/* Restores the signal handlers that were in place before prompt_begin(). */
void prompt_end(void);

/* True when answers are read with readline from a terminal. */
bool prompt_is_tty(void);

/* The stream the quiz is shown on, and whether it is a terminal. */
FILE *prompt_ui(void);
bool prompt_ui_is_tty(void);

/* A function that draws the current screen again, called when the window was resized while
 * a line is being read (the line being typed is kept and shown again below it); NULL for
 * none. */
void prompt_on_resize(void (*redraw)(void *), void *arg);

/* Reads one line into *line (malloc'd, without its newline; the caller frees it) after showing
 * prompt. The prompt may wrap escape sequences in \001 and \002 for readline; they are left out
 * when reading without it. Returns PROMPT_LINE, or PROMPT_EOF or PROMPT_INTERRUPT with *line
 * NULL. */
prompt_status prompt_read(const char *prompt, char **line);

/* On a terminal, shows prompt and waits for one key, without Enter. Returns the key (a byte),
 * or -1 for Ctrl-C, Ctrl-D or when input is not a terminal. */
int prompt_key(const char *prompt);

#endif
