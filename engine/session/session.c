/* A quiz in progress: the session state machine (session.h). */
#include "signpost/session.h"

#include <stdlib.h>

/* No jump is pending. */
#define NO_RETURN SIZE_MAX

struct sp_session {
    const sp_form *form;
    sp_response *resp; /* count entries, in form order */
    size_t count;
    size_t pos; /* current item, or count at the end */
    size_t ret; /* where to go after the item jumped to, or NO_RETURN */
};

/* The first item with no answer, or count when there is none. */
static size_t first_open(const sp_session *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->resp[i].a.state == SP_ANSWER_NONE)
            return i;
    return s->count;
}

int sp_session_new(const sp_form *form, sp_session **out)
{
    *out = NULL;
    sp_session *s = calloc(1, sizeof(*s));
    size_t n = sp_form_count(form);
    if (!s || !(s->resp = calloc(n ? n : 1, sizeof(*s->resp)))) {
        free(s);
        return SP_ENOMEM;
    }
    s->form = form;
    s->count = n;
    s->ret = NO_RETURN;
    for (size_t i = 0; i < n; i++)
        s->resp[i].q = sp_form_item_at(form, i)->q;
    *out = s;
    return 0;
}

int sp_session_restore(const sp_form *form, const sp_answer *answers, size_t position,
                       sp_session **out)
{
    *out = NULL;
    size_t n = sp_form_count(form);
    if (position > n)
        return SP_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!sp_answer_valid(sp_form_item_at(form, i)->q, &answers[i]))
            return SP_EINVAL;
    sp_session *s;
    int rc = sp_session_new(form, &s);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        s->resp[i].a = answers[i];
    /* An end with items still open is not an end: ask the first of them. */
    s->pos = position < n ? position : first_open(s);
    *out = s;
    return 0;
}

void sp_session_free(sp_session *s)
{
    if (!s)
        return;
    free(s->resp);
    free(s);
}

const sp_form *sp_session_form(const sp_session *s)
{
    return s->form;
}
size_t sp_session_count(const sp_session *s)
{
    return s->count;
}
size_t sp_session_position(const sp_session *s)
{
    return s->pos;
}

const sp_form_item *sp_session_item(const sp_session *s)
{
    return s->pos < s->count ? sp_form_item_at(s->form, s->pos) : NULL;
}

const sp_answer *sp_session_answer_at(const sp_session *s, size_t i)
{
    return i < s->count ? &s->resp[i].a : NULL;
}

const sp_response *sp_session_responses(const sp_session *s)
{
    return s->resp;
}

/* Leaves the current item: back to where a jump started, else on to the next item; an end
 * reached with items still open goes to the first of them instead. */
static void advance(sp_session *s)
{
    if (s->ret != NO_RETURN) {
        s->pos = s->ret;
        s->ret = NO_RETURN;
    } else {
        s->pos++;
    }
    if (s->pos >= s->count)
        s->pos = first_open(s);
}

int sp_session_answer(sp_session *s, const sp_answer *a)
{
    if (s->pos >= s->count || a->state == SP_ANSWER_NONE || !sp_answer_valid(s->resp[s->pos].q, a))
        return SP_EINVAL;
    s->resp[s->pos].a = *a;
    advance(s);
    return 0;
}

int sp_session_skip(sp_session *s)
{
    if (s->pos >= s->count)
        return SP_EINVAL;
    s->resp[s->pos].a = (sp_answer){.state = SP_ANSWER_SKIP};
    advance(s);
    return 0;
}

int sp_session_next(sp_session *s)
{
    if (s->pos >= s->count || s->resp[s->pos].a.state == SP_ANSWER_NONE)
        return SP_EINVAL;
    advance(s);
    return 0;
}

int sp_session_back(sp_session *s)
{
    if (s->pos == 0)
        return SP_EINVAL;
    s->pos--;
    s->ret = NO_RETURN;
    return 0;
}

int sp_session_jump(sp_session *s, size_t i)
{
    if (i >= s->count)
        return SP_EINVAL;
    if (i == s->pos)
        return 0;
    if (i == s->ret)
        s->ret = NO_RETURN; /* jumping back to where the jump started ends it */
    else if (s->ret == NO_RETURN)
        s->ret = s->pos;
    s->pos = i;
    return 0;
}

size_t sp_session_jump_origin(const sp_session *s)
{
    return s->ret;
}

int sp_session_restore_jump(sp_session *s, size_t origin)
{
    if (origin > s->count || origin == s->pos || s->ret != NO_RETURN)
        return SP_EINVAL;
    s->ret = origin;
    return 0;
}

bool sp_session_finished(const sp_session *s)
{
    return s->pos == s->count && first_open(s) == s->count;
}

static size_t count_state(const sp_session *s, sp_answer_state state)
{
    size_t n = 0;
    for (size_t i = 0; i < s->count; i++)
        n += s->resp[i].a.state == state;
    return n;
}

size_t sp_session_answered(const sp_session *s)
{
    return count_state(s, SP_ANSWER_GIVEN);
}
size_t sp_session_skipped(const sp_session *s)
{
    return count_state(s, SP_ANSWER_SKIP);
}
