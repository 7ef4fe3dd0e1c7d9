/* The share card of `signpost show --svg`: a radar chart of the fits, the recommendation and
 * the signer's key, as one standalone SVG document. Every text from the result or the quiz is
 * escaped for XML, and characters XML or a viewer should not see become U+FFFD. The card is in
 * the result's language, its labels as well as the directions' names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "cli.h"
#include "show.h"
#include "wrap.h"
#include "base/util.h"

#define CARD_W  720
#define CARD_H  420
#define CX      206.0
#define CY      210.0
#define RADIUS  106.0
#define PANEL_X 404
/* The panel's width in pixels; a line of text at size px holds about PANEL_W / (0.62 px) width
 * units (a Latin letter is one unit, a CJK character two). */
#define PANEL_W (CARD_W - PANEL_X - 24)

/* The fonts the card asks for, so that Chinese text finds glyphs on common systems: DejaVu
 * for Latin text first (Debian's default), then the CJK fonts of Linux (Noto, Source Han,
 * WenQuanYi), macOS (PingFang, Hiragino) and Windows (Microsoft YaHei). A renderer takes each
 * character from the first font that has it; docs/result-format.md names the packages. */
#define CARD_FONTS                                                                                 \
    "'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "                     \
    "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans', sans-serif"

static const double PI = 3.14159265358979323846;

/* Writes s as XML character data. */
static void xml_text(const char *s, FILE *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0 || sp_is_hostile_codepoint(cp, false) || cp == 0xFFFE || cp == 0xFFFF)
            fputs("\xEF\xBF\xBD", out);
        else if (cp == '&')
            fputs("&amp;", out);
        else if (cp == '<')
            fputs("&lt;", out);
        else if (cp == '>')
            fputs("&gt;", out);
        else if (cp == '"')
            fputs("&quot;", out);
        else if (cp == '\'')
            fputs("&#39;", out);
        else
            fwrite(p + i, 1, k, out);
        i += k ? k : 1;
    }
}

/* A <text> element with escaped content. attrs is trusted markup. */
static void text_el(FILE *out, double x, double y, const char *attrs, const char *s)
{
    fprintf(out, "  <text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
    xml_text(s, out);
    fputs("</text>\n", out);
}

/* The point of axis i of n at radius r: axis 0 points up, the others follow clockwise. */
static void axis_point(size_t i, size_t n, double r, double *x, double *y)
{
    double a = -PI / 2 + 2 * PI * (double)i / (double)n;
    *x = CX + r * cos(a);
    *y = CY + r * sin(a);
}

static void polygon(FILE *out, size_t n, const double *radii, const char *attrs)
{
    fputs("  <polygon points=\"", out);
    for (size_t i = 0; i < n; i++) {
        double x, y;
        axis_point(i, n, radii[i], &x, &y);
        fprintf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
    }
    fprintf(out, "\" %s/>\n", attrs);
}

static double fit_of(const show_view *s, size_t i)
{
    const sp_result_score *sc = sp_result_score_at(s->r, i);
    double f = sc->has_fit ? sc->fit : 0;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static void radar_grid(FILE *out, size_t n)
{
    double radii[SP_MAX_DIRECTIONS];
    for (int ring = 1; ring <= 4; ring++) {
        for (size_t i = 0; i < n; i++)
            radii[i] = RADIUS * ring / 4;
        polygon(out, n, radii, "fill=\"none\" stroke=\"#d9d5cc\" stroke-width=\"1\"");
    }
    for (size_t i = 0; i < n; i++) {
        double x, y;
        axis_point(i, n, RADIUS, &x, &y);
        fprintf(out,
                "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d9d5cc\"/>\n",
                CX, CY, x, y);
    }
}

static void radar_labels(const show_view *s, FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const sp_result_score *sc = sp_result_score_at(s->r, i);
        double x, y;
        axis_point(i, n, RADIUS + 14, &x, &y);
        const char *anchor = fabs(x - CX) < 4 ? "middle" : x > CX ? "start" : "end";
        double dy = y < CY - 4 ? -14 : y > CY + 4 ? 12 : 0;
        char attrs[160], value[16];
        bool top = sp_result_primary(s->r) && strcmp(sc->dir, sp_result_primary(s->r)) == 0;
        snprintf(attrs, sizeof(attrs), "font-size=\"13\" text-anchor=\"%s\" fill=\"#333\"%s",
                 anchor, top ? " font-weight=\"bold\"" : "");
        text_el(out, x, y + dy, attrs, show_dir_name(s, sc->dir, true));
        if (sc->has_fit)
            snprintf(value, sizeof(value), "%.2f", sc->fit);
        else
            snprintf(value, sizeof(value), "–");
        snprintf(attrs, sizeof(attrs), "font-size=\"11\" text-anchor=\"%s\" fill=\"#888\"", anchor);
        text_el(out, x, y + dy + 13, attrs, value);
    }
}

/* Fewer than three directions make no radar: horizontal bars instead. */
static void bars(const show_view *s, FILE *out, size_t n)
{
    const double left = 40, width = 280, top = CY - 30.0 * (double)n;
    for (size_t i = 0; i < n; i++) {
        const sp_result_score *sc = sp_result_score_at(s->r, i);
        double y = top + 60.0 * (double)i;
        char value[16];
        text_el(out, left, y, "font-size=\"13\" fill=\"#333\"", show_dir_name(s, sc->dir, true));
        fprintf(out,
                "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#ebe7df\"/>\n",
                left, y + 8, width);
        fprintf(out,
                "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#3b6fd6\"/>\n",
                left, y + 8, width * fit_of(s, i));
        if (sc->has_fit)
            snprintf(value, sizeof(value), "%.2f", sc->fit);
        else
            snprintf(value, sizeof(value), "–");
        text_el(out, left + width + 8, y + 20, "font-size=\"11\" fill=\"#888\"", value);
    }
}

static void radar(const show_view *s, FILE *out)
{
    size_t n = sp_result_score_count(s->r);
    if (n < 3 || n > SP_MAX_DIRECTIONS) {
        bars(s, out, n < SP_MAX_DIRECTIONS ? n : SP_MAX_DIRECTIONS);
        return;
    }
    radar_grid(out, n);
    double radii[SP_MAX_DIRECTIONS];
    for (size_t i = 0; i < n; i++)
        radii[i] = RADIUS * fit_of(s, i);
    polygon(out, n, radii,
            "fill=\"#3b6fd6\" fill-opacity=\"0.22\" stroke=\"#3b6fd6\" stroke-width=\"2\" "
            "stroke-linejoin=\"round\"");
    for (size_t i = 0; i < n; i++) {
        double x, y;
        axis_point(i, n, radii[i], &x, &y);
        fprintf(out, "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#3b6fd6\"/>\n", x, y);
    }
    radar_labels(s, out, n);
}

/* ---- The panel ------------------------------------------------------------------------------- */

/* The width units of the n bytes at s: 2 for a wide (CJK) character, 1 for others. */
static int units_of(const char *s, size_t n)
{
    int units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        units += k && wcwidth((wchar_t)cp) == 2 ? 2 : 1;
        i += k ? k : 1;
    }
    return units;
}

/* Prints s as text elements in font size px, each at most as wide as the panel, breaking at
 * the last space that fits, or anywhere in text without spaces (CJK). Returns the y after the
 * last line. */
static double wrapped(FILE *out, double y, int px, const char *attrs, double step, const char *s)
{
    const int max_units = (int)(PANEL_W / (0.62 * px));
    char line[512];
    size_t n = strlen(s), start = 0;
    while (start < n && y < CARD_H - 60) {
        size_t end = start, space = 0;
        while (end < n) {
            uint32_t cp;
            size_t k = sp_utf8_decode((const unsigned char *)s + end, n - end, &cp);
            k = k ? k : 1;
            if (end > start && (units_of(s + start, end + k - start) > max_units ||
                                end + k - start >= sizeof(line)))
                break;
            if (cp == ' ')
                space = end;
            end += k;
        }
        size_t cut = end < n && space > start ? space : end;
        memcpy(line, s + start, cut - start);
        line[cut - start] = '\0';
        text_el(out, PANEL_X, y, attrs, line);
        y += step;
        start = cut;
        while (start < n && s[start] == ' ')
            start++;
    }
    return y;
}

static double panel_advice(const show_view *s, FILE *out, double y)
{
    const sp_result *r = s->r;
    const char *top = sp_result_primary(r);
    text_el(out, PANEL_X, y, "font-size=\"12\" fill=\"#888\" letter-spacing=\"1\"",
            /* TRANSLATORS: the heading above the recommended direction on the share card (an
               SVG picture), in capitals in English. */
            _("RECOMMENDED DIRECTION"));
    y += 30;
    y = wrapped(out, y, 22, "font-size=\"22\" font-weight=\"bold\" fill=\"#1d2b4f\"", 27,
                /* TRANSLATORS: on the share card, when no direction is recommended. */
                top ? show_dir_name(s, top, false) : _("none measured"));
    sp_buf names = {0}, b = {0};
    for (size_t i = 0; i < sp_result_near_tie_count(r); i++)
        sp_buf_printf(&names, "%s%s", i ? _(", ") : "",
                      show_dir_name(s, sp_result_near_tie_at(r, i), true));
    bool tie = sp_result_near_tie_count(r) > 0, flat = sp_result_flat(r) != SP_FLAT_NO;
    const char *tied = sp_buf_str(&names) ? sp_buf_str(&names) : "?";
    if (tie && flat)
        /* TRANSLATORS: notes under the recommended direction on the share card; %s is a list
           of directions' names. */
        sp_buf_printf(&b, _("near tie with %s; flat profile: a weak hint"), tied);
    else if (tie)
        sp_buf_printf(&b, _("near tie with %s"), tied);
    else if (flat)
        sp_buf_puts(&b, _("flat profile: a weak hint"));
    char *spaced = b.len && !b.failed ? wrap_space_han(b.data) : NULL; /* "与 Agent 难分高下" */
    if (spaced)
        y = wrapped(out, y + 2, 14, "font-size=\"14\" fill=\"#a05a00\"", 19, spaced);
    free(spaced);
    sp_buf_free(&names);
    sp_buf_free(&b);
    return y;
}

/* The level line of the card. */
static const char *level_words(sp_level level)
{
    switch (level) {
    case SP_LEVEL_ENTRY: return _("Level: entry");
    case SP_LEVEL_ADVANCED: return _("Level: advanced");
    case SP_LEVEL_PROFESSIONAL: return _("Level: professional");
    case SP_LEVEL_EXPERT: return _("Level: expert");
    case SP_LEVEL_UNKNOWN: break;
    }
    return _("Level: not estimated");
}

static void panel(const show_view *s, FILE *out)
{
    const sp_result *r = s->r;
    double y = panel_advice(s, out, 84);
    sp_buf b = {0};
    text_el(out, PANEL_X, y + 14, "font-size=\"15\" fill=\"#333\"",
            level_words(sp_result_level(r)));
    y += 40;
    if (sp_result_name(r))
        y = wrapped(out, y, 15, "font-size=\"15\" fill=\"#333\"", 20, sp_result_name(r));
    char date[32];
    time_t t = (time_t)sp_result_finished(r);
    struct tm tm;
    snprintf(date, sizeof(date), "?");
    if (gmtime_r(&t, &tm))
        strftime(date, sizeof(date), "%Y-%m-%d", &tm);
    b.len = 0;
    sp_buf_printf(&b, "%s %s · %s", sp_result_quiz(r)->id, sp_result_quiz(r)->version, date);
    text_el(out, PANEL_X, y + 4, "font-size=\"13\" fill=\"#888\"", sp_buf_str(&b));
    sp_buf_free(&b);
}

static void footer(const show_view *s, FILE *out)
{
    const sp_verify_report *rep = s->rep;
    sp_buf b = {0};
    if (rep->is_signed)
        /* TRANSLATORS: the foot of the share card; %2$s is a verdict in a few words, such as
           "verified" or "altered after signing". */
        sp_buf_printf(&b, _("Signed by key %s · checked here: %s"), rep->keyid,
                      show_verdict_words(rep));
    else if (rep->verdict == SP_VERDICT_UNSIGNED)
        sp_buf_puts(&b, _("Not signed: anyone could have written this result"));
    else
        sp_buf_printf(&b, _("Not a valid signed result: %s"), show_verdict_words(rep));
    fprintf(out, "  <line x1=\"24\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e3dfd6\"/>\n",
            CARD_H - 52, CARD_W - 24, CARD_H - 52);
    text_el(out, 24, CARD_H - 30,
            /* green when accepted, red only for a failure, amber for the rest */
            rep->accepted                   ? "font-size=\"13\" fill=\"#2e7d32\""
            : rep->trust == SP_TRUST_FAILED ? "font-size=\"13\" fill=\"#c62828\""
                                            : "font-size=\"13\" fill=\"#8a6d00\"",
            sp_buf_str(&b));
    text_el(out, 24, CARD_H - 13, "font-size=\"11\" fill=\"#999\"",
            _("The card is a picture: check the result file itself with signpost verify or "
              "minisign."));
    sp_buf_free(&b);
}

void card_svg(const show_view *s, FILE *out)
{
    /* The card is in one language, the one show picked (--lang, else the interface's): its
     * labels as well as the directions' names. The interface language comes back at the end. */
    const char *ui_lang = cli_language();
    cli_use_language(s->lang && strncmp(s->lang, "zh", 2) == 0 ? "zh" : "en");
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"%s\">\n",
            CARD_W, CARD_H, CARD_W, CARD_H, CARD_FONTS);
    const char *top = sp_result_primary(s->r);
    sp_buf title = {0};
    if (top)
        /* TRANSLATORS: the title of the share card (an SVG picture); %s is the recommended
           direction's name. */
        sp_buf_printf(&title, _("signpost result: %s"), show_dir_name(s, top, false));
    else
        sp_buf_puts(&title, _("signpost result: no direction measured"));
    fputs("  <title>", out);
    xml_text(sp_buf_str(&title) ? sp_buf_str(&title) : "signpost", out);
    fputs("</title>\n", out);
    sp_buf_free(&title);
    fprintf(out,
            "  <rect x=\"1\" y=\"1\" width=\"%d\" height=\"%d\" rx=\"16\" fill=\"#fbfaf7\" "
            "stroke=\"#d9d5cc\" stroke-width=\"2\"/>\n",
            CARD_W - 2, CARD_H - 2);
    text_el(out, 24, 36, "font-size=\"15\" font-weight=\"bold\" fill=\"#1d2b4f\"",
            _("signpost · placement result"));
    radar(s, out);
    panel(s, out);
    footer(s, out);
    fputs("</svg>\n", out);
    cli_use_language(ui_lang);
}
