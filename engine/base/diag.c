/* Diagnostics about input files. */
#include "signpost/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* How many diagnostics one file has produced, to enforce SP_DIAGS_PER_FILE. */
typedef struct file_count {
    const char *file; /* owned copy */
    size_t count;
    size_t order; /* order of first appearance, for sorting */
} file_count;

struct sp_diags {
    sp_vec items; /* sp_diag */
    sp_vec files; /* file_count */
    size_t errors;
    size_t warnings;
    size_t notes;
    size_t dropped;
};

sp_diags *sp_diags_new(void)
{
    return calloc(1, sizeof(sp_diags));
}

void sp_diags_free(sp_diags *d)
{
    if (!d)
        return;
    sp_diag *items = d->items.data;
    for (size_t i = 0; i < d->items.len; i++)
        free((char *)items[i].message);
    file_count *files = d->files.data;
    for (size_t i = 0; i < d->files.len; i++)
        free((char *)files[i].file);
    sp_vec_free(&d->items);
    sp_vec_free(&d->files);
    free(d);
}

/* Finds or adds the counter for file; NULL when out of memory. */
static file_count *count_for(sp_diags *d, const char *file)
{
    file_count *files = d->files.data;
    for (size_t i = d->files.len; i-- > 0;)
        if (strcmp(files[i].file, file) == 0)
            return &files[i];
    char *copy = strdup(file);
    if (!copy)
        return NULL;
    file_count *fc = sp_vec_push(&d->files, sizeof(file_count));
    if (!fc) {
        free(copy);
        return NULL;
    }
    fc->file = copy;
    fc->order = d->files.len - 1;
    return fc;
}

int sp_diags_add(sp_diags *d, sp_severity sev, const char *file, sp_pos pos, const char *fmt, ...)
{
    if (sev == SP_SEV_ERROR)
        d->errors++;
    else if (sev == SP_SEV_WARNING)
        d->warnings++;
    else
        d->notes++;
    file_count *fc = count_for(d, file ? file : "-");
    if (!fc)
        return SP_ENOMEM;
    if (fc->count >= SP_DIAGS_PER_FILE) {
        d->dropped++;
        return 0;
    }
    sp_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    sp_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    sp_diag *item = msg.failed ? NULL : sp_vec_push(&d->items, sizeof(sp_diag));
    if (!item) {
        sp_buf_free(&msg);
        return SP_ENOMEM;
    }
    fc->count++;
    item->file = fc->file;
    item->line = pos.line;
    item->column = pos.line ? pos.column : 0;
    item->severity = sev;
    item->message = msg.data ? msg.data : strdup("");
    return 0;
}

size_t sp_diags_count(const sp_diags *d)
{
    return d->items.len;
}

const sp_diag *sp_diags_at(const sp_diags *d, size_t i)
{
    return i < d->items.len ? &((const sp_diag *)d->items.data)[i] : NULL;
}

size_t sp_diags_errors(const sp_diags *d)
{
    return d->errors;
}

size_t sp_diags_warnings(const sp_diags *d)
{
    return d->warnings;
}

size_t sp_diags_notes(const sp_diags *d)
{
    return d->notes;
}

size_t sp_diags_dropped(const sp_diags *d)
{
    return d->dropped;
}

static size_t file_order(const sp_diags *d, const char *file)
{
    const file_count *files = d->files.data;
    for (size_t i = 0; i < d->files.len; i++)
        if (files[i].file == file)
            return files[i].order;
    return SIZE_MAX;
}

/* An insertion sort keeps equal diagnostics in the order they were added; the lists are
 * bounded by SP_DIAGS_PER_FILE per file and nearly sorted already. */
void sp_diags_sort(sp_diags *d)
{
    sp_diag *v = d->items.data;
    for (size_t i = 1; i < d->items.len; i++) {
        sp_diag x = v[i];
        size_t ox = file_order(d, x.file);
        size_t j = i;
        while (j > 0) {
            const sp_diag *p = &v[j - 1];
            size_t op = file_order(d, p->file);
            bool after =
                op > ox ||
                (op == ox && (p->line > x.line || (p->line == x.line && p->column > x.column)));
            if (!after)
                break;
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

const char *sp_severity_name(sp_severity sev)
{
    switch (sev) {
    case SP_SEV_ERROR: return "error";
    case SP_SEV_WARNING: return "warning";
    case SP_SEV_NOTE: return "note";
    }
    return "error";
}
