/* Reading the taker's answers (prompt.h).
 *
 * Signals: the handlers only set flags. Inside readline(), readline catches SIGINT itself,
 * restores the terminal, calls our handler and goes on reading; its event hook, run about ten
 * times a second while it waits for a key, sees the flag and ends the line at once
 * (rl_done), so that Ctrl-C is answered without the taker pressing Enter. The same hook
 * redraws the screen after a SIGWINCH. Without readline, SIGINT interrupts getline() (the
 * handler is installed without SA_RESTART). */
#include "prompt.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <readline/readline.h>

#include "signpost/load.h"

/* The longest line read without readline; longer lines are cut (and are no answer anyway). */
#define MAX_LINE 4096

static volatile sig_atomic_t got_int;
static volatile sig_atomic_t got_winch;
static struct sigaction old_int, old_winch;
static bool use_readline;
static FILE *ui;
static const char *const *completion_words;
static void (*redraw_fn)(void *);
static void *redraw_arg;

static void on_signal(int sig)
{
    if (sig == SIGINT)
        got_int = 1;
    else
        got_winch = 1;
}

static int event_hook(void)
{
    if (got_int) {
        rl_done = 1;
    } else if (got_winch) {
        got_winch = 0;
        if (redraw_fn) {
            redraw_fn(redraw_arg);
            rl_on_new_line();
            rl_redisplay();
        }
    }
    return 0;
}

static char *complete_word(const char *text, int state)
{
    static size_t next;
    if (!state)
        next = 0;
    size_t n = strlen(text);
    while (completion_words && completion_words[next]) {
        const char *w = completion_words[next++];
        if (strncmp(w, text, n) == 0)
            return strdup(w);
    }
    return NULL;
}

/* Completes the commands, and only them, at the start of the line. */
static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1;      /* never complete file names */
    rl_completion_append_character = '\0'; /* ":skip", not ":skip " */
    if (start != 0 || (text[0] && text[0] != ':'))
        return NULL;
    return rl_completion_matches(text, complete_word);
}

void prompt_begin(const char *const *words)
{
    completion_words = words;
    use_readline = isatty(STDIN_FILENO);
    ui = isatty(STDOUT_FILENO) ? stdout : stderr;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: SIGINT must interrupt getline() */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGWINCH, &sa, &old_winch);
    if (!use_readline)
        return;
    rl_readline_name = "signpost";
    rl_instream = stdin;
    rl_outstream = ui;
    rl_attempted_completion_function = complete;
    rl_event_hook = event_hook;
}

void prompt_end(void)
{
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGWINCH, &old_winch, NULL);
    rl_event_hook = NULL;
}

bool prompt_is_tty(void)
{
    return use_readline;
}
FILE *prompt_ui(void)
{
    return ui;
}
bool prompt_ui_is_tty(void)
{
    return isatty(fileno(ui));
}

void prompt_on_resize(void (*redraw)(void *), void *arg)
{
    redraw_fn = redraw;
    redraw_arg = arg;
}

static prompt_status read_readline(const char *prompt, char **out)
{
    char *line = readline(prompt);
    if (got_int) {
        got_int = 0;
        free(line);
        return PROMPT_INTERRUPT;
    }
    if (!line) {
        fputc('\n', ui); /* readline leaves the cursor after the prompt at Ctrl-D */
        return PROMPT_EOF;
    }
    *out = line;
    return PROMPT_LINE;
}

/* Shows a prompt without readline's \001 \002 markers. */
static void show_plain(const char *prompt)
{
    for (const char *p = prompt; *p; p++)
        if (*p != '\001' && *p != '\002')
            fputc(*p, ui);
    fflush(ui);
}

static prompt_status read_plain(const char *prompt, char **out)
{
    show_plain(prompt);
    char *line = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0 || got_int) {
        free(line);
        fputc('\n', ui);
        if (got_int) {
            got_int = 0;
            return PROMPT_INTERRUPT;
        }
        return PROMPT_EOF;
    }
    /* The answer is not echoed: end the prompt's line so that what follows starts cleanly. */
    fputc('\n', ui);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n > MAX_LINE)
        line[MAX_LINE] = '\0';
    *out = line;
    return PROMPT_LINE;
}

prompt_status prompt_read(const char *prompt, char **line)
{
    *line = NULL;
    fflush(stdout);
    sp_quiz_cache_flush(); /* while the taker reads (sp_quiz_cache_defer) */
    return use_readline ? read_readline(prompt, line) : read_plain(prompt, line);
}

int prompt_key(const char *prompt)
{
    struct termios saved, raw;
    if (!use_readline || tcgetattr(STDIN_FILENO, &saved) != 0)
        return -1;
    sp_quiz_cache_flush();
    show_plain(prompt);
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO); /* ISIG stays: Ctrl-C is still SIGINT */
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    unsigned char c = 0;
    ssize_t n = -1;
    /* A resize interrupts read() too; only Ctrl-C stops waiting. */
    while (!got_int && (n = read(STDIN_FILENO, &c, 1)) < 0 && errno == EINTR)
        continue;
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    fputc('\n', ui);
    if (n != 1 || got_int || c == 4) {
        got_int = 0;
        return -1;
    }
    return c;
}
