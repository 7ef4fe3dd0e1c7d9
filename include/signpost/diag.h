/* signpost: diagnostics about input files.
 *
 * A diagnostic says where (file, 1-based line and column) and what: the problem and what was
 * expected instead. Loaders append diagnostics to an sp_diags list owned by the caller and go on
 * after an error where they safely can, so that one run reports every problem.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_DIAG_H
#define SIGNPOST_DIAG_H

#include "core.h"

typedef enum sp_severity {
    SP_SEV_ERROR,
    SP_SEV_WARNING,
    SP_SEV_NOTE,
} sp_severity;

/* One diagnostic. All strings are owned by the sp_diags list it came from. */
typedef struct sp_diag {
    const char *file; /* the path as given to the loader */
    uint32_t line;    /* 1-based; 0 when the diagnostic is about the whole file */
    uint32_t column;  /* 1-based; 0 when line is 0 */
    sp_severity severity;
    const char *message; /* one line, no trailing period, no position */
} sp_diag;

typedef struct sp_diags sp_diags;

/* Most diagnostics kept for one file; further ones are counted in sp_diags_dropped(). */
#define SP_DIAGS_PER_FILE 200

/* Returns a new, empty list, or NULL when out of memory. Free it with sp_diags_free(). */
sp_diags *sp_diags_new(void);

/* Frees the list and every string it owns. NULL is a no-op. */
void sp_diags_free(sp_diags *d);

/* Appends a diagnostic; the message is formatted with printf rules and copied. Returns 0, or
 * SP_ENOMEM (the list stays valid, the diagnostic is lost but counted as an error). */
int sp_diags_add(sp_diags *d, sp_severity sev, const char *file, sp_pos pos, const char *fmt, ...)
    SP_PRINTF(5, 6);

size_t sp_diags_count(const sp_diags *d);

/* The i-th diagnostic (0 <= i < count), valid until the list is freed. */
const sp_diag *sp_diags_at(const sp_diags *d, size_t i);

/* How many errors, warnings and notes were reported, including dropped ones. */
size_t sp_diags_errors(const sp_diags *d);
size_t sp_diags_warnings(const sp_diags *d);
size_t sp_diags_notes(const sp_diags *d);

/* How many diagnostics were counted but not kept because a file passed SP_DIAGS_PER_FILE. */
size_t sp_diags_dropped(const sp_diags *d);

/* Orders the list by file (in order of first appearance), then line, then column; diagnostics
 * at the same place keep the order in which they were added. */
void sp_diags_sort(sp_diags *d);

/* The word for a severity: "error", "warning" or "note". */
const char *sp_severity_name(sp_severity sev);

#endif
