/* Writing the result file at the end of `signpost take`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "take.h"

bool take_name_ok(const char *name)
{
    return sp_result_name_valid(name);
}

int take_write_result(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                      const sp_response *resp, const sp_outcome *outcome,
                      const sp_result_meta *meta, const char *path)
{
    (void)o;
    char *body = NULL;
    size_t len = 0;
    int rc = sp_result_format(quiz, form, resp, outcome, meta, &body, &len);
    if (rc) {
        cli_error("cannot make the result: %s", sp_strerror(rc));
        return rc;
    }
    rc = sp_write_atomic(path, body, len, 0644);
    if (rc == SP_EIO)
        cli_error("cannot write %s: %s", path, strerror(errno));
    else if (rc)
        cli_error("cannot write %s: %s", path, sp_strerror(rc));
    free(body);
    return rc;
}
