/* RFC 8785 canonical JSON (jcs.h). */
#include "jcs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* ---- Numbers ----------------------------------------------------------------------------- */

/* The decimal digits of a finite, positive d and its exponent, as "%.*e" writes them with
 * prec digits after the point: digits gets the prec + 1 digits, *exp10 the exponent. */
static void sci_digits(double d, int prec, char digits[20], int *exp10)
{
    char tmp[40];
    snprintf(tmp, sizeof(tmp), "%.*e", prec, d);
    size_t n = 0;
    const char *p = tmp;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    digits[n] = '\0';
    *exp10 = atoi(p + 1);
}

/* Whether the digits (d1.d2d3... times 10^exp10) read back as d. */
static bool reads_back(const char *digits, int exp10, double d)
{
    char tmp[48];
    snprintf(tmp, sizeof(tmp), "%c.%se%d", digits[0], digits + 1, exp10);
    return strtod(tmp, NULL) == d;
}

/* Adds delta (+1 or -1) to the last digit of digits, carrying; returns false when the number
 * of digits would change (then digits is left as it was). */
static bool bump_last(char *digits, int delta)
{
    char copy[20];
    memcpy(copy, digits, sizeof(copy));
    for (size_t i = strlen(digits); i-- > 0;) {
        int v = digits[i] - '0' + delta;
        if (v >= 0 && v <= 9) {
            digits[i] = (char)('0' + v);
            if (digits[0] != '0')
                return true;
            break;
        }
        digits[i] = delta > 0 ? '0' : '9';
    }
    memcpy(digits, copy, sizeof(copy));
    return false;
}

/* The shortest digit string k (and exponent) that reads back as d: the correctly rounded k
 * digits, or, where the interval of values that round to d is lopsided (at a power of two),
 * a neighbour of them one unit in the last place away. Trailing zeros are dropped. */
static void shortest_digits(double d, char digits[20], int *exp10)
{
    for (int prec = 0; prec < 17; prec++) {
        sci_digits(d, prec, digits, exp10);
        if (reads_back(digits, *exp10, d))
            goto trim;
        for (int delta = -1; delta <= 1; delta += 2) {
            char alt[20];
            memcpy(alt, digits, 20);
            if (bump_last(alt, delta) && reads_back(alt, *exp10, d)) {
                memcpy(digits, alt, 20);
                goto trim;
            }
        }
    }
    sci_digits(d, 16, digits, exp10); /* 17 digits always read back */
trim:
    for (size_t n = strlen(digits); n > 1 && digits[n - 1] == '0'; n--)
        digits[n - 1] = '\0';
}

/* ECMAScript Number::toString for the digits s (k of them) of a value s * 10^(n - k). */
static void es_layout(const char *s, int n, char *out, size_t size)
{
    int k = (int)strlen(s);
    if (k <= n && n <= 21)
        snprintf(out, size, "%s%.*s", s, n - k, "000000000000000000000");
    else if (0 < n && n <= 21)
        snprintf(out, size, "%.*s.%s", n, s, s + n);
    else if (-6 < n && n <= 0)
        snprintf(out, size, "0.%.*s%s", -n, "000000", s);
    else if (k == 1)
        snprintf(out, size, "%se%c%d", s, n - 1 < 0 ? '-' : '+', abs(n - 1));
    else
        snprintf(out, size, "%c.%se%c%d", s[0], s + 1, n - 1 < 0 ? '-' : '+', abs(n - 1));
}

int sp_jcs_number(double d, char out[SP_JCS_NUMBER_SIZE])
{
    out[0] = '\0';
    if (!isfinite(d))
        return SP_EINVAL;
    if (d == 0) { /* +0 and -0 both */
        strcpy(out, "0");
        return 0;
    }
    char digits[20];
    int exp10;
    shortest_digits(fabs(d), digits, &exp10);
    size_t at = 0;
    if (d < 0)
        out[at++] = '-';
    es_layout(digits, exp10 + 1, out + at, SP_JCS_NUMBER_SIZE - at);
    return 0;
}

/* ---- Strings and keys -------------------------------------------------------------------- */

/* The next UTF-16 code unit of a UTF-8 string: *pending holds the low surrogate still owed by
 * a character beyond the BMP. Returns 0 at the end. */
static unsigned next_unit(const unsigned char **p, const unsigned char *end, unsigned *pending)
{
    if (*pending) {
        unsigned u = *pending;
        *pending = 0;
        return u;
    }
    if (*p >= end)
        return 0;
    uint32_t cp;
    size_t n = sp_utf8_decode(*p, (size_t)(end - *p), &cp);
    *p += n ? n : 1;
    if (cp < 0x10000)
        return (unsigned)cp + 1; /* +1 so that U+0000 is not the end */
    cp -= 0x10000;
    *pending = 0xDC00 + (cp & 0x3FF) + 1;
    return 0xD800 + (cp >> 10) + 1;
}

int sp_jcs_key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    const unsigned char *ea = pa + alen, *eb = pb + blen;
    unsigned qa = 0, qb = 0;
    for (;;) {
        unsigned ua = next_unit(&pa, ea, &qa), ub = next_unit(&pb, eb, &qb);
        if (ua != ub)
            return ua < ub ? -1 : 1;
        if (ua == 0)
            return 0;
    }
}

static void put_string(sp_buf *b, const char *s, size_t n)
{
    sp_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': sp_buf_puts(b, "\\\""); break;
        case '\\': sp_buf_puts(b, "\\\\"); break;
        case '\b': sp_buf_puts(b, "\\b"); break;
        case '\f': sp_buf_puts(b, "\\f"); break;
        case '\n': sp_buf_puts(b, "\\n"); break;
        case '\r': sp_buf_puts(b, "\\r"); break;
        case '\t': sp_buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                sp_buf_printf(b, "\\u%04x", c);
            else
                sp_buf_putc(b, (char)c);
        }
    }
    sp_buf_putc(b, '"');
}

/* ---- Values ------------------------------------------------------------------------------ */

static int put_value(sp_buf *b, const json_t *v, int depth);

static int by_utf16(const void *x, const void *y)
{
    const char *a = *(const char *const *)x, *c = *(const char *const *)y;
    return sp_jcs_key_cmp(a, strlen(a), c, strlen(c));
}

static int put_object(sp_buf *b, const json_t *v, int depth)
{
    size_t n = json_object_size(v);
    const char **keys = n ? malloc(n * sizeof(*keys)) : NULL;
    if (n && !keys)
        return SP_ENOMEM;
    size_t i = 0;
    const char *key;
    json_t *member;
    json_object_foreach((json_t *)v, key, member) keys[i++] = key;
    if (n > 1)
        qsort(keys, n, sizeof(*keys), by_utf16);
    int rc = 0;
    sp_buf_putc(b, '{');
    for (i = 0; rc == 0 && i < n; i++) {
        if (i)
            sp_buf_putc(b, ',');
        put_string(b, keys[i], strlen(keys[i]));
        sp_buf_putc(b, ':');
        rc = put_value(b, json_object_get(v, keys[i]), depth + 1);
    }
    sp_buf_putc(b, '}');
    free(keys);
    return rc;
}

static int put_array(sp_buf *b, const json_t *v, int depth)
{
    int rc = 0;
    sp_buf_putc(b, '[');
    for (size_t i = 0; rc == 0 && i < json_array_size(v); i++) {
        if (i)
            sp_buf_putc(b, ',');
        rc = put_value(b, json_array_get(v, i), depth + 1);
    }
    sp_buf_putc(b, ']');
    return rc;
}

static int put_number(sp_buf *b, double d)
{
    char num[SP_JCS_NUMBER_SIZE];
    int rc = sp_jcs_number(d, num);
    sp_buf_puts(b, num);
    return rc;
}

static int put_value(sp_buf *b, const json_t *v, int depth)
{
    if (depth > SP_JCS_MAX_DEPTH)
        return SP_ELIMIT;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return put_object(b, v, depth);
    case JSON_ARRAY: return put_array(b, v, depth);
    case JSON_STRING: put_string(b, json_string_value(v), json_string_length(v)); return 0;
    case JSON_INTEGER: return put_number(b, (double)json_integer_value(v));
    case JSON_REAL: return put_number(b, json_real_value(v));
    case JSON_TRUE: sp_buf_puts(b, "true"); return 0;
    case JSON_FALSE: sp_buf_puts(b, "false"); return 0;
    case JSON_NULL: sp_buf_puts(b, "null"); return 0;
    }
    return SP_EINVAL;
}

int sp_jcs_serialize(const json_t *v, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    sp_buf b = {0};
    int rc = put_value(&b, v, 0);
    if (rc == 0 && b.failed)
        rc = SP_ENOMEM;
    if (rc == 0 && !b.data) /* cannot happen: every value writes something */
        rc = SP_ENOMEM;
    if (rc != 0) {
        sp_buf_free(&b);
        return rc;
    }
    *out = b.data;
    *len = b.len;
    return 0;
}
