/* Internal: small helpers shared by the library's modules. */
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- sp_buf ------------------------------------------------------------------------------ */

static bool buf_reserve(sp_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void sp_buf_append(sp_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sp_buf_puts(sp_buf *b, const char *s)
{
    sp_buf_append(b, s, strlen(s));
}

void sp_buf_putc(sp_buf *b, char c)
{
    sp_buf_append(b, &c, 1);
}

void sp_buf_vprintf(sp_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sp_buf_printf(sp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sp_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *sp_buf_str(const sp_buf *b)
{
    if (b->failed)
        return NULL;
    return b->data ? b->data : "";
}

void sp_buf_free(sp_buf *b)
{
    free(b->data);
    *b = (sp_buf){0};
}

/* ---- sp_vec ------------------------------------------------------------------------------ */

void *sp_vec_push(sp_vec *v, size_t size)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap + v->cap / 2 + 1 : 8;
        if (cap > SIZE_MAX / size)
            return NULL;
        void *p = realloc(v->data, cap * size);
        if (!p)
            return NULL;
        v->data = p;
        v->cap = cap;
    }
    unsigned char *e = (unsigned char *)v->data + v->len * size;
    memset(e, 0, size);
    v->len++;
    return e;
}

void sp_vec_shrink(sp_vec *v, size_t size)
{
    if (v->len == 0 || v->len == v->cap)
        return;
    void *p = realloc(v->data, v->len * size);
    if (p) {
        v->data = p;
        v->cap = v->len;
    }
}

void sp_vec_free(sp_vec *v)
{
    free(v->data);
    *v = (sp_vec){0};
}

/* ---- UTF-8 ------------------------------------------------------------------------------- */

size_t sp_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    size_t len;
    uint32_t min, v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, min = 0x80, v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, min = 0x800, v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t sp_utf8_invalid_at(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

/* Code point ranges of one class, sorted, for sp_cp_classify. */
typedef struct cp_range {
    uint32_t lo, hi;
    uint8_t cls; /* sp_cp_class */
} cp_range;

static const cp_range cp_ranges[] = {
    {0x00A0, 0x00A0, SP_CP_SPACE},       {0x00AD, 0x00AD, SP_CP_SHAPING},
    {0x034F, 0x034F, SP_CP_SHAPING},     {0x061C, 0x061C, SP_CP_BIDI},
    {0x115F, 0x1160, SP_CP_SHAPING},     {0x1680, 0x1680, SP_CP_SPACE},
    {0x180B, 0x180D, SP_CP_SHAPING},     {0x180E, 0x180E, SP_CP_INVISIBLE},
    {0x180F, 0x180F, SP_CP_SHAPING},     {0x2000, 0x200A, SP_CP_SPACE},
    {0x200B, 0x200B, SP_CP_INVISIBLE},   {0x200C, 0x200D, SP_CP_SHAPING},
    {0x200E, 0x200F, SP_CP_BIDI},        {0x2028, 0x2029, SP_CP_INVISIBLE},
    {0x202A, 0x202E, SP_CP_BIDI},        {0x202F, 0x202F, SP_CP_SPACE},
    {0x205F, 0x205F, SP_CP_SPACE},       {0x2060, 0x2065, SP_CP_INVISIBLE},
    {0x2066, 0x2069, SP_CP_BIDI},        {0x206A, 0x206F, SP_CP_INVISIBLE},
    {0x3000, 0x3000, SP_CP_SPACE},       {0x3164, 0x3164, SP_CP_SHAPING},
    {0xFDD0, 0xFDEF, SP_CP_INVISIBLE},   {0xFE00, 0xFE0F, SP_CP_SHAPING},
    {0xFEFF, 0xFEFF, SP_CP_INVISIBLE},   {0xFFA0, 0xFFA0, SP_CP_SHAPING},
    {0xFFF9, 0xFFFB, SP_CP_INVISIBLE},   {0x1BCA0, 0x1BCA3, SP_CP_INVISIBLE},
    {0x1D173, 0x1D17A, SP_CP_INVISIBLE}, {0xE0000, 0xE007F, SP_CP_INVISIBLE},
    {0xE0100, 0xE01EF, SP_CP_SHAPING},
};

sp_cp_class sp_cp_classify(uint32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return SP_CP_LAYOUT;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
        return SP_CP_CONTROL;
    if (cp == ' ')
        return SP_CP_SPACE;
    if (cp < 0xA0)
        return SP_CP_TEXT; /* printable ASCII, the common case */
    if ((cp & 0xFFFE) == 0xFFFE)
        return SP_CP_INVISIBLE; /* U+FFFE, U+FFFF and their twins in every plane */
    size_t lo = 0, hi = SP_ARRAY_LEN(cp_ranges);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < cp_ranges[mid].lo)
            hi = mid;
        else if (cp > cp_ranges[mid].hi)
            lo = mid + 1;
        else
            return (sp_cp_class)cp_ranges[mid].cls;
    }
    return SP_CP_TEXT;
}

bool sp_is_hostile_codepoint(uint32_t cp, bool allow_layout)
{
    switch (sp_cp_classify(cp)) {
    case SP_CP_LAYOUT: return !allow_layout;
    case SP_CP_CONTROL:
    case SP_CP_BIDI:
    case SP_CP_INVISIBLE: return true;
    default: return false;
    }
}

const char *sp_cp_class_phrase(uint32_t cp)
{
    switch (sp_cp_classify(cp)) {
    case SP_CP_SPACE: return _("white space");
    case SP_CP_LAYOUT: return _("a tab or line break");
    case SP_CP_CONTROL: return _("a control character");
    case SP_CP_BIDI: return _("a bidirectional control character");
    case SP_CP_INVISIBLE: return _("an invisible character");
    case SP_CP_SHAPING: return _("an invisible joining or variation character");
    default: return _("a character");
    }
}

/* ---- Times ------------------------------------------------------------------------------- */

/* Days from 1970-01-01 to the given day of the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil), without time_t or the C library's time zone machinery. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse: the year, month and day of a day count from 1970-01-01. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads the n digits at s + at into *v; false when one is not a digit. */
static bool digits_at(const char *s, size_t at, size_t n, int *v)
{
    *v = 0;
    for (size_t i = at; i < at + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* The shape YYYY-MM-DDTHH:MM:SSZ: digits where digits go, the separators in between, nothing
 * more. False with *at at the first character out of place (or missing). */
static bool time_shape(const char *s, size_t n, size_t *at)
{
    static const char shape[] = "0000-00-00T00:00:00Z";
    size_t want = sizeof(shape) - 1;
    for (size_t i = 0; i < want; i++) {
        bool digit = i < n && s[i] >= '0' && s[i] <= '9';
        if (i >= n || (shape[i] == '0' ? !digit : s[i] != shape[i])) {
            *at = i;
            return false;
        }
    }
    *at = want;
    return n == want;
}

/* Checks the fields of a time of the right shape: true when they make a real time; otherwise
 * *at is the offset of the first impossible field and why says what is wrong. */
static bool time_fields(const int f[6], size_t *at, char *why, size_t whysize)
{
    int y = f[0], mo = f[1], d = f[2], h = f[3], mi = f[4], sec = f[5];
    if (y < 1970) {
        *at = 0;
        snprintf(why, whysize, _("the year %04d is before 1970; expected a year from 1970 to 9999"),
                 y);
    } else if (mo < 1 || mo > 12) {
        *at = 5;
        snprintf(why, whysize, _("there is no month %02d; expected 01 to 12"), mo);
    } else if (d < 1 || d > days_in_month(y, mo)) {
        *at = 8;
        snprintf(why, whysize, _("there is no day %02d in %04d-%02d; expected 01 to %02d"), d, y,
                 mo, days_in_month(y, mo));
    } else if (h > 23) {
        *at = 11;
        snprintf(why, whysize, _("there is no hour %02d; expected 00 to 23"), h);
    } else if (mi > 59) {
        *at = 14;
        snprintf(why, whysize, _("there is no minute %02d; expected 00 to 59"), mi);
    } else if (sec > 59) {
        *at = 17;
        snprintf(why, whysize,
                 _("there is no second %02d; expected 00 to 59 (leap seconds are not recorded)"),
                 sec);
    } else {
        return true;
    }
    return false;
}

sp_time_problem sp_time_parse(const char *s, size_t n, int64_t *out, size_t *at, char *why,
                              size_t whysize)
{
    if (!time_shape(s, n, at)) {
        snprintf(why, whysize, "%s", _("expected a UTC time such as 2026-11-23T18:04:05Z"));
        return SP_TIME_SHAPE;
    }
    static const size_t offsets[6] = {0, 5, 8, 11, 14, 17};
    int f[6];
    for (int i = 0; i < 6; i++)
        digits_at(s, offsets[i], i == 0 ? 4 : 2, &f[i]);
    if (!time_fields(f, at, why, whysize))
        return SP_TIME_IMPOSSIBLE;
    *out = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
    return SP_TIME_OK;
}

void sp_time_format(int64_t t, char out[SP_TIME_TEXT_SIZE])
{
    if (t < SP_TIME_MIN)
        t = SP_TIME_MIN;
    if (t > SP_TIME_MAX)
        t = SP_TIME_MAX;
    int64_t days = t / 86400, secs = t % 86400, y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    /* The clamp keeps the year to four digits; the compiler cannot know it. */
    char text[64];
    snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    snprintf(out, SP_TIME_TEXT_SIZE, "%.20s", text);
}

/* ---- Files ------------------------------------------------------------------------------- */

static int read_all(int fd, size_t max, char **out, size_t *outlen)
{
    sp_buf b = {0};
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            sp_buf_free(&b);
            errno = saved;
            return SP_EIO;
        }
        if (n == 0)
            break;
        if ((size_t)n > max - b.len) {
            sp_buf_free(&b);
            return SP_ELIMIT;
        }
        sp_buf_append(&b, chunk, (size_t)n);
        if (b.failed) {
            sp_buf_free(&b);
            return SP_ENOMEM;
        }
    }
    if (!b.data)
        sp_buf_append(&b, "", 0);
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *out = b.data;
    *outlen = b.len;
    return 0;
}

int sp_read_file(const char *path, size_t max, char **buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return SP_EIO;
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0) {
        rc = SP_EIO;
    } else if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        rc = SP_EIO;
    } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
        rc = SP_ELIMIT; /* refuse before reading a byte */
    } else {
        rc = read_all(fd, max, buf, len);
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* ---- Strings ----------------------------------------------------------------------------- */

size_t sp_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return limit + 1;
    size_t diff = la > lb ? la - lb : lb - la;
    if (diff > limit)
        return limit + 1;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

uint64_t sp_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

void sp_digest(const void *data, size_t n, unsigned char out[32])
{
    crypto_generichash(out, 32, data, n, NULL, 0);
}

void sp_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

/* The millionths "%.6f" prints for |v| into *n; false when that cannot be told without printing:
 * v not finite, |v| of 10^6 or more, or |v| * 10^6 within 10^-3 of a half (the product is off by
 * at most 6 * 10^-5 below 10^12, so elsewhere the nearest integer is the one printf rounds to). */
static bool millionths(double v, long long *n)
{
    double m = fabs(v) * 1e6;
    if (!(m < 1e12))
        return false;
    double whole = floor(m), frac = m - whole;
    if (fabs(frac - 0.5) < 1e-3)
        return false;
    *n = (long long)whole + (frac > 0.5);
    return true;
}

bool sp_same_6dp(double a, double b)
{
    long long na, nb;
    if (millionths(a, &na) && millionths(b, &nb))
        return na == nb && signbit(a) == signbit(b);
    char x[512], y[512];
    snprintf(x, sizeof(x), "%.6f", a);
    snprintf(y, sizeof(y), "%.6f", b);
    return strcmp(x, y) == 0;
}
