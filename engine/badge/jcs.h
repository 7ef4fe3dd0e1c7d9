/* RFC 8785, the JSON Canonicalization Scheme (JCS), over jansson values: the bytes a
 * signature over JSON is made on (eddsa-jcs-2022, badge.c).
 *
 *   objects   members sorted by their keys as arrays of UTF-16 code units, no white space
 *   strings   UTF-8 as is, with only '"', '\' and the controls U+0000..U+001F escaped: \b \t \n
 *             \f \r by name, the others as \u00xx in lowercase hex
 *   numbers   as ECMAScript's Number.prototype.toString writes the IEEE 754 double (integers
 *             too: jansson's integers are converted); NaN and the infinities are refused
 *
 * Internal to the library (it exposes jansson types). Copyright (C) 2026 the signpost
 * developers. GPL-3.0-or-later. */
#ifndef SP_BADGE_JCS_H
#define SP_BADGE_JCS_H

#include <jansson.h>
#include <stddef.h>

#include "signpost/core.h"

/* Room for any ECMAScript number text (the longest, such as "-0.000001234567890123456", is 24
 * bytes). */
#define SP_JCS_NUMBER_SIZE 64

/* The deepest nesting sp_jcs_serialize follows; deeper values give SP_ELIMIT. */
#define SP_JCS_MAX_DEPTH 64

/* Writes d as ECMAScript's String(d) does (shortest digits that read back as d, then the
 * layout of Number::toString: "1e+21", "0.000001", "1e-7", "-0" as "0"). Returns 0, or
 * SP_EINVAL for NaN and the infinities (out is then ""). */
int sp_jcs_number(double d, char out[SP_JCS_NUMBER_SIZE]) SP_NODISCARD;

/* Compares two UTF-8 strings as sequences of UTF-16 code units (JCS's order of keys): <0, 0 or
 * >0. Both must be valid UTF-8 (jansson guarantees it). */
int sp_jcs_key_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Serializes v canonically. Returns 0 and a malloc'd NUL-terminated text in *out (*len bytes
 * without the NUL; caller frees), SP_EINVAL (a number that is not finite), SP_ELIMIT (nested
 * deeper than SP_JCS_MAX_DEPTH) or SP_ENOMEM. */
int sp_jcs_serialize(const json_t *v, char **out, size_t *len) SP_NODISCARD;

#endif
