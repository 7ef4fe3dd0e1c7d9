/* Prints doubles and their JCS (ECMAScript) form, one "HEXBITS TEXT" a line, for
 * tests/badge/jcs_numbers.mjs to compare with node's String(x): random bit patterns, integers,
 * powers of ten, subnormals and edge cases. Usage: jcs_numbers COUNT SEED. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/jcs.h"

static uint64_t next(uint64_t *s) /* splitmix64 */
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void put(double d)
{
    char out[SP_JCS_NUMBER_SIZE];
    uint64_t bits;
    if (sp_jcs_number(d, out) != 0)
        return;
    memcpy(&bits, &d, sizeof(bits));
    printf("%016llx %s\n", (unsigned long long)bits, out);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 100000;
    uint64_t s = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    for (int e = -330; e <= 310; e++) /* powers of ten and their neighbours */
        for (int k = -1; k <= 1; k++)
            put(nextafter(pow(10, e), k < 0 ? 0 : k > 0 ? INFINITY : pow(10, e)));
    for (long i = 0; i < count; i++) {
        uint64_t r = next(&s), bits;
        double d;
        switch (i % 4) {
        case 0:
            bits = r;
            memcpy(&d, &bits, 8);
            break;                                           /* any bit pattern */
        case 1: d = (double)(int64_t)(r >> (r & 63)); break; /* integers */
        case 2:
            bits = r & 0x800fffffffffffffu;
            memcpy(&d, &bits, 8);
            break;                                                 /* subnormals */
        default: d = (double)(r % 2000000) / 1000.0 - 1000; break; /* short decimals */
        }
        put(d);
    }
    put(5e-324), put(-5e-324), put(1.7976931348623157e308), put(1e21), put(1e-7),
        put(9007199254740993.0);
    return ferror(stdout) ? 1 : 0;
}
