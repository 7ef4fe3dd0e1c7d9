/* Checking files on their own, as `signpost check FILE...` does. */
#include <stdlib.h>

#include "signpost/lint.h"

#include "bank/docint.h"
#include "bank/loaders.h"

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

/* Applies the item-writing rules to one bank checked on its own: options are shuffled unless a
 * quiz says otherwise, and no quiz is named here. */
static int lint_one_bank(const sp_bank *b, sp_diags *diags)
{
    int rc = sp_lint_bank(b, true, diags);
    return rc == 0 ? sp_lint_duplicates(&b, 1, diags) : rc;
}

int sp_check_files(const char *const *paths, size_t n, unsigned what, sp_diags *diags)
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
        if ((what & SP_CHECK_ITEMS) && doc && sp_document_bank(doc) &&
            lint_one_bank(sp_document_bank(doc), diags) != 0)
            rc = SP_ENOMEM;
        sp_document_free(doc);
    }
    sp_document_free(dirs_doc);
    return rc;
}

int sp_check_quiz(const char *path, unsigned what, sp_diags *diags)
{
    sp_quiz *quiz = NULL;
    int rc = quiz_parse_files(path, diags, &quiz);
    if (rc != 0 || !(what & SP_CHECK_ITEMS)) {
        sp_quiz_free(quiz);
        return rc;
    }
    const sp_bank *banks[SP_LIMIT_BANKS];
    size_t n = sp_quiz_bank_count(quiz);
    bool shuffled = sp_quiz_manifest(quiz)->shuffle_options;
    for (size_t i = 0; i < n && rc == 0; i++) {
        banks[i] = sp_quiz_bank(quiz, i);
        rc = sp_lint_bank(banks[i], shuffled, diags);
    }
    if (rc == 0)
        rc = sp_lint_duplicates(banks, n, diags);
    sp_quiz_free(quiz);
    return rc;
}
