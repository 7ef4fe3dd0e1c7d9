/* Text from files on the terminal, made harmless (see safe.h). */
#include "safe.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "base/util.h"

char *safe_dup(const char *s)
{
    sp_buf b = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            sp_buf_printf(&b, "\\x%02X", p[i]);
            i++;
            continue;
        }
        if (cp < 0x80 && sp_is_hostile_codepoint(cp, false))
            sp_buf_printf(&b, "\\x%02X", (unsigned)cp);
        else if (sp_is_hostile_codepoint(cp, false))
            sp_buf_printf(&b, "\\u%04X", (unsigned)cp);
        else
            sp_buf_append(&b, (const char *)p + i, k);
        i += k;
    }
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : strdup("");
}

void safe_fputs(const char *s, FILE *out)
{
    char *clean = safe_dup(s);
    if (clean)
        fputs(clean, out);
    free(clean);
}

/* The width of one code point of safe text. */
static int cp_width(uint32_t cp)
{
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int safe_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int width = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        width += k ? cp_width(cp) : 1;
        i += k ? k : 1;
    }
    return width;
}

bool safe_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

void safe_pad(const char *s, int cols, FILE *out)
{
    char *clean = safe_dup(s);
    if (!clean)
        return;
    int width = safe_width(clean);
    if (width > cols) {
        const unsigned char *p = (const unsigned char *)clean;
        size_t n = strlen(clean), i = 0;
        width = 0;
        while (i < n) {
            uint32_t cp;
            size_t k = sp_utf8_decode(p + i, n - i, &cp);
            int w = k ? cp_width(cp) : 1;
            if (width + w > cols - 1)
                break;
            width += w;
            i += k ? k : 1;
        }
        clean[i] = '\0';
        fputs(clean, out);
        fputs(safe_utf8() ? "\xE2\x80\xA6" : ".", out);
        width++;
    } else {
        fputs(clean, out);
    }
    for (; width < cols; width++)
        fputc(' ', out);
    free(clean);
}
