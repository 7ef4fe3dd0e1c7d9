/* Printing an outcome as JSON (the batch interface, docs/batch.md) or as a short summary. */
#ifndef SP_CLI_OUTCOME_H
#define SP_CLI_OUTCOME_H

#include "signpost/result.h"

/* Prints the outcome of a quiz as one JSON object on stdout. r are the responses scored (the
 * drivers refer to them): for an adaptive quiz (ad not NULL) the ad->asked items in the order
 * asked; out_path is the result file written, or NULL. */
void cli_outcome_json(const sp_quiz *quiz, uint64_t seed, const char *lang, const sp_outcome *o,
                      const sp_response *r, const sp_result_adaptive *ad, const char *out_path);

/* Prints the JSON members "mode" and "adaptive" (the bounds and the stop) of a result, with a
 * newline and pad between them and nothing around: "fixed" and null when ad is NULL. */
void cli_json_mode(const sp_result_adaptive *ad, const char *pad);

/* Why an adaptive quiz stopped, as a sentence for the taker: "Settled after 26 questions: …",
 * into buf (size bytes). stop is not SP_STOP_NO; after is the count it stopped after. */
void cli_adaptive_stop_text(sp_stop stop, size_t after, const sp_adaptive_bounds *b, char *buf,
                            size_t size);

/* Prints the ranking, one direction a line. */
void cli_outcome_brief(const sp_quiz *quiz, const char *lang, const sp_outcome *o);

#endif
