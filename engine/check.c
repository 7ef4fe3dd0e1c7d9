/* Checking files on their own, as `signpost check FILE...` does. */
#include <stdlib.h>

#include "loaders.h"

/* Loads the first directions file among paths, so that banks can be checked against it. Its
 * diagnostics are reported now; *index tells which path it was. */
static int load_directions(const char *const *paths, size_t n, sp_diags *diags, sp_document **dirs,
                           size_t *index)
{
    *dirs = NULL;
    for (size_t i = 0; i < n; i++) {
        if (ld_sniff_kind(paths[i]) != SP_DOC_DIRECTIONS)
            continue;
        *index = i;
        int rc = sp_document_load(paths[i], NULL, diags, dirs);
        return rc == SP_ENOMEM || rc == SP_EIO ? rc : 0;
    }
    return 0;
}

int sp_check_files(const char *const *paths, size_t n, sp_diags *diags)
{
    sp_document *dirs_doc = NULL;
    size_t dirs_index = n;
    int rc = load_directions(paths, n, diags, &dirs_doc, &dirs_index);
    const sp_directions *dirs = dirs_doc ? sp_document_directions(dirs_doc) : NULL;
    for (size_t i = 0; i < n && rc != SP_ENOMEM; i++) {
        if (i == dirs_index)
            continue; /* already loaded and reported */
        sp_document *doc = NULL;
        int lrc = sp_document_load(paths[i], dirs, diags, &doc);
        if (lrc == SP_ENOMEM || lrc == SP_EIO)
            rc = lrc; /* out of memory ends the loop */
        sp_document_free(doc);
    }
    sp_document_free(dirs_doc);
    return rc;
}
