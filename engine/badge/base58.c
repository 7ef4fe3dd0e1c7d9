/* base58btc and did:key (base58.h). Quadratic in the length, which is bounded: keys and
 * signatures are 34 and 64 bytes. */
#include "base58.h"

#include <string.h>

static const char ALPHABET[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* 0xed 0x01: the multicodec of an Ed25519 public key, as an unsigned varint. */
static const unsigned char ED25519_PUB[2] = {0xed, 0x01};

bool sp_base58_encode(const unsigned char *in, size_t n, char *out, size_t size)
{
    unsigned char digits[SP_BASE58_SIZE(256)]; /* base-58 digits, least significant first */
    size_t nd = 0, zeros = 0;
    if (n > 256)
        return false;
    while (zeros < n && in[zeros] == 0)
        zeros++;
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = in[i];
        for (size_t j = 0; j < nd; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (unsigned char)(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits[nd++] = (unsigned char)(carry % 58);
            carry /= 58;
        }
    }
    if (zeros + nd + 1 > size)
        return false;
    size_t at = 0;
    for (size_t i = 0; i < zeros; i++)
        out[at++] = '1';
    while (nd)
        out[at++] = ALPHABET[digits[--nd]];
    out[at] = '\0';
    return true;
}

static int digit_value(char c)
{
    const char *p = c ? strchr(ALPHABET, c) : NULL;
    return p ? (int)(p - ALPHABET) : -1;
}

bool sp_base58_decode(const char *s, size_t n, unsigned char *out, size_t want)
{
    unsigned char bytes[512]; /* the value, least significant byte first */
    size_t nb = 0, zeros = 0;
    if (n > 512)
        return false;
    while (zeros < n && s[zeros] == '1')
        zeros++;
    for (size_t i = zeros; i < n; i++) {
        int v = digit_value(s[i]);
        if (v < 0)
            return false;
        unsigned carry = (unsigned)v;
        for (size_t j = 0; j < nb; j++) {
            carry += bytes[j] * 58u;
            bytes[j] = (unsigned char)(carry & 0xff);
            carry >>= 8;
        }
        while (carry) {
            if (nb == sizeof(bytes))
                return false;
            bytes[nb++] = (unsigned char)(carry & 0xff);
            carry >>= 8;
        }
    }
    if (zeros + nb != want)
        return false;
    memset(out, 0, zeros);
    for (size_t i = 0; i < nb; i++)
        out[zeros + i] = bytes[nb - 1 - i];
    return true;
}

void sp_didkey_format(const unsigned char pk[32], char out[SP_DIDKEY_SIZE])
{
    unsigned char mc[34];
    memcpy(mc, ED25519_PUB, 2);
    memcpy(mc + 2, pk, 32);
    memcpy(out, "did:key:z", 9);
    if (!sp_base58_encode(mc, sizeof(mc), out + 9, SP_DIDKEY_SIZE - 9))
        out[0] = '\0'; /* cannot happen: 34 bytes take at most 47 characters */
}

bool sp_didkey_parse(const char *s, size_t n, unsigned char pk[32])
{
    unsigned char mc[34];
    if (n < 9 || memcmp(s, "did:key:z", 9) != 0 || !sp_base58_decode(s + 9, n - 9, mc, 34) ||
        memcmp(mc, ED25519_PUB, 2) != 0)
        return false;
    memcpy(pk, mc + 2, 32);
    return true;
}
