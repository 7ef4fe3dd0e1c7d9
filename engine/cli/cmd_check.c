/* signpost check: load quiz files and print every diagnostic. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "safe.h"
#include "signpost/load.h"

typedef struct check_opts {
    const char *quiz;
    bool json;
    bool quiet;
    bool format_only;
} check_opts;

static void print_diag_text(const sp_diag *d, bool color)
{
    const char *sev = cli_severity_label(d->severity);
    const char *on = "", *off = "";
    if (color) {
        on = d->severity == SP_SEV_ERROR ? "\033[1;31m" : "\033[1;35m";
        off = "\033[0m";
    }
    /* File names come from the command line or a manifest, messages quote the input: either
     * can hold escape sequences. */
    safe_fputs(d->file, stdout);
    if (d->line)
        printf(":%u:%u", d->line, d->column);
    printf(": %s", on);
    printf(_("%s: "), sev); /* "错误：" in Chinese: a label ends with its language's colon */
    printf("%s", off);
    safe_fputs(d->message, stdout);
    putchar('\n');
}

static void print_diag_json(const sp_diag *d, bool first)
{
    printf("%s\n  {\"file\": ", first ? "" : ",");
    cli_json_string(stdout, d->file);
    if (d->line)
        printf(", \"line\": %u, \"column\": %u", d->line, d->column);
    else
        printf(", \"line\": null, \"column\": null");
    printf(", \"severity\": \"%s\", \"message\": ", sp_severity_name(d->severity));
    cli_json_string(stdout, d->message);
    printf("}");
}

static void print_diags(const sp_diags *diags, const check_opts *o)
{
    bool color = !o->json && cli_use_color(stdout);
    bool first = true;
    if (o->json)
        printf("[");
    for (size_t i = 0; i < sp_diags_count(diags); i++) {
        const sp_diag *d = sp_diags_at(diags, i);
        if (o->quiet && d->severity != SP_SEV_ERROR)
            continue;
        if (o->json)
            print_diag_json(d, first);
        else
            print_diag_text(d, color);
        first = false;
    }
    if (o->json)
        printf("%s]\n", first ? "" : "\n");
}

/* The one-line summary; on stderr with --json so that stdout stays one JSON value. */
static void print_summary(const sp_diags *diags, const check_opts *o)
{
    FILE *out = o->json ? stderr : stdout;
    size_t e = sp_diags_errors(diags), w = sp_diags_warnings(diags), n = sp_diags_notes(diags);
    char errors[64], warnings[64], notes[64], counts[200];
    snprintf(errors, sizeof(errors), P_("%zu error", "%zu errors", e), e);
    snprintf(warnings, sizeof(warnings), P_("%zu warning", "%zu warnings", w), w);
    /* TRANSLATORS: the summary of signpost check: "3 errors" and "1 warning". */
    snprintf(counts, sizeof(counts), _("%s, %s"), errors, warnings);
    /* Notes are only counted when there are some: most banks have none, and "0 notes"
     * would add a word to every clean summary without telling anything. */
    if (n) {
        size_t len = strlen(counts);
        snprintf(notes, sizeof(notes), P_("%zu note", "%zu notes", n), n);
        /* TRANSLATORS: appended to the summary of signpost check: ", 2 notes". */
        snprintf(counts + len, sizeof(counts) - len, _(", %s"), notes);
    }
    if (sp_diags_dropped(diags))
        /* TRANSLATORS: %s is the summary, such as "3 errors, 1 warning"; then how many
         * diagnostics were not listed, and the most listed for one file. */
        fprintf(out, _("%s (%zu not shown: at most %d are listed per file)"), counts,
                sp_diags_dropped(diags), SP_DIAGS_PER_FILE);
    else
        fputs(counts, out);
    fputc('\n', out);
}

static int parse_options(int argc, char **argv, check_opts *o)
{
    static const struct option longopts[] = {
        {"quiz", required_argument, NULL, 'q'}, {"json", no_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'Q'},      {"format-only", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "q:Qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': o->quiz = optarg; break;
        case 'j': o->json = true; break;
        case 'Q': o->quiet = true; break;
        case 'F': o->format_only = true; break;
        case 'h': return -1;
        default: return EXIT_USAGE;
        }
    }
    return 0;
}

int cmd_check(int argc, char **argv)
{
    check_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("check");
    if (rc)
        return cli_unknown_option("check", argv[optind - 1]);
    if (!o.quiz && optind == argc)
        return cli_usage_error("check", _("nothing to check: give --quiz MANIFEST or FILEs"));
    if (o.json)
        cli_use_language("en"); /* the messages in the JSON are for programs */
    sp_diags *diags = sp_diags_new();
    if (!diags)
        return EXIT_INTERNAL;
    unsigned what = o.format_only ? SP_CHECK_FORMAT : SP_CHECK_ITEMS;
    bool unreadable = false; /* some file could not be read: status 3, as for every command */
    if (o.quiz) {
        rc = sp_check_quiz(o.quiz, what, diags);
        unreadable = rc == SP_EIO;
    }
    if (optind < argc && rc != SP_ENOMEM) {
        rc = sp_check_files((const char *const *)argv + optind, (size_t)(argc - optind), what,
                            diags);
        unreadable = unreadable || rc == SP_EIO;
    }
    int status = rc == SP_ENOMEM          ? EXIT_INTERNAL
                 : unreadable             ? EXIT_IO
                 : sp_diags_errors(diags) ? EXIT_NEGATIVE
                                          : EXIT_OK;
    sp_diags_sort(diags);
    print_diags(diags, &o);
    if (status != EXIT_INTERNAL) /* a count of what was not checked would mislead */
        print_summary(diags, &o);
    sp_diags_free(diags);
    if (status == EXIT_INTERNAL)
        cli_error("%s", _("out of memory"));
    return cli_finish(status);
}
