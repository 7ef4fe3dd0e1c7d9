/* Did you mean (suggest.h). */
#include "suggest.h"

#include <stdbool.h>
#include <string.h>

#include "cli.h"

/* Names longer than this are no slip of a command or an option name. */
#define NAME_MAX_LEN 64

/* The optimal string alignment distance between a and b (both at most NAME_MAX_LEN bytes). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *suggest_closest(const char *typed, const char *const *names, size_t n)
{
    size_t len = strlen(typed), best_d = 3;
    const char *best = NULL;
    if (len == 0 || len > NAME_MAX_LEN)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (strlen(names[i]) > NAME_MAX_LEN)
            continue;
        size_t d = strncmp(names[i], typed, len) == 0 ? 1 : distance(typed, names[i]);
        if (d < best_d && d < len) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}

size_t suggest_options(const char *cmd, const char **names, size_t max)
{
    static char store[2048];
    const char *text = cli_help_text(cmd);
    size_t n = 0, used = 0;
    for (const char *p = text ? strstr(text, "--") : NULL; p && n < max; p = strstr(p, "--")) {
        size_t k = 2;
        while (p[k] == '-' || (p[k] >= 'a' && p[k] <= 'z') || (p[k] >= '0' && p[k] <= '9'))
            k++;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = strlen(names[i]) == k && strncmp(names[i], p, k) == 0;
        if (k > 2 && !seen && used + k + 1 <= sizeof(store)) {
            memcpy(store + used, p, k);
            store[used + k] = '\0';
            names[n++] = store + used;
            used += k + 1;
        }
        p += k;
    }
    return n;
}
