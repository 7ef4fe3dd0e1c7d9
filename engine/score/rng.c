/* Internal: xoshiro256** seeded through splitmix64 (Blackman and Vigna). */
#include "score/rng.h"

#include <sodium.h>
#include <string.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

void sp_rng_seed(sp_rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&seed);
}

void sp_rng_derive(sp_rng *rng, uint64_t seed, const char *tag, const char *label)
{
    crypto_generichash_state h;
    unsigned char seed_le[8], out[8];
    for (int i = 0; i < 8; i++)
        seed_le[i] = (unsigned char)(seed >> (8 * i));
    crypto_generichash_init(&h, NULL, 0, sizeof(out));
    crypto_generichash_update(&h, seed_le, sizeof(seed_le));
    /* The NUL terminators keep ("ab", "c") apart from ("a", "bc"). */
    crypto_generichash_update(&h, (const unsigned char *)tag, strlen(tag) + 1);
    crypto_generichash_update(&h, (const unsigned char *)label, strlen(label) + 1);
    crypto_generichash_final(&h, out, sizeof(out));
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)out[i] << (8 * i);
    sp_rng_seed(rng, v);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t sp_rng_next(sp_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t sp_rng_below(sp_rng *rng, uint64_t bound)
{
    /* Reject the top sliver of values that would make some results more likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do {
        x = sp_rng_next(rng);
    } while (x >= limit);
    return x % bound;
}

double sp_rng_unit(sp_rng *rng)
{
    return (double)(sp_rng_next(rng) >> 11) * 0x1.0p-53;
}

void sp_rng_shuffle(sp_rng *rng, void *base, size_t n, size_t size)
{
    unsigned char *p = base, tmp[64];
    if (size > sizeof(tmp))
        return;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)sp_rng_below(rng, i);
        if (j == i - 1)
            continue;
        memcpy(tmp, p + (i - 1) * size, size);
        memcpy(p + (i - 1) * size, p + j * size, size);
        memcpy(p + j * size, tmp, size);
    }
}
