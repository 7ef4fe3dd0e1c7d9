/* Internal: a small, portable pseudo-random generator for reproducible draws.
 *
 * xoshiro256** seeded through splitmix64. Every random decision of a quiz derives its own
 * stream from the quiz seed and a label (sp_rng_derive), so that one decision never shifts
 * another: the option order of an item depends only on the seed and the item's id. */
#ifndef SP_RNG_H
#define SP_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct sp_rng {
    uint64_t s[4];
} sp_rng;

/* Seeds rng from a 64-bit value. */
void sp_rng_seed(sp_rng *rng, uint64_t seed);

/* Seeds rng from the quiz seed and a label made of a tag and a string (for example "options"
 * and an item id): BLAKE2b over both, so that streams for different labels are unrelated. */
void sp_rng_derive(sp_rng *rng, uint64_t seed, const char *tag, const char *label);

uint64_t sp_rng_next(sp_rng *rng);

/* A uniform integer in [0, bound), without modulo bias; bound > 0. */
uint64_t sp_rng_below(sp_rng *rng, uint64_t bound);

/* A uniform double in [0, 1). */
double sp_rng_unit(sp_rng *rng);

/* Shuffles n elements of size bytes (Fisher-Yates); size is at most 64 (larger elements
 * are left in place: shuffle pointers to them instead). */
void sp_rng_shuffle(sp_rng *rng, void *base, size_t n, size_t size);

#endif
