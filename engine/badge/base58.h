/* base58btc (the Bitcoin alphabet) and did:key for Ed25519 keys: the encodings of an
 * eddsa-jcs-2022 proof (badge.c).
 *
 *   did:key   "did:key:z" + base58btc(0xed 0x01 || the 32-byte Ed25519 public key): multibase
 *             'z' (base58btc) over the multicodec ed25519-pub; its verification method is the
 *             DID + "#" + the same "z6Mk..." text
 *
 * Internal to the library. Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SP_BADGE_BASE58_H
#define SP_BADGE_BASE58_H

#include <stdbool.h>
#include <stddef.h>

/* Room for the base58 of n bytes and a NUL (each byte needs at most log(256)/log(58) < 1.37
 * characters). */
#define SP_BASE58_SIZE(n) ((n)*138 / 100 + 2)

/* The text of a did:key for an Ed25519 key: "did:key:z6Mk" and 44 more characters, and a NUL. */
#define SP_DIDKEY_SIZE 64

/* Writes the base58btc of the n bytes of in (n at most 256) and a NUL into out (size bytes,
 * at least SP_BASE58_SIZE(n)). Returns false when out is too small or n too large. */
bool sp_base58_encode(const unsigned char *in, size_t n, char *out, size_t size);

/* Decodes the base58btc text s (n characters, at most 512) into out, which must receive
 * exactly want bytes. Returns false for a character outside the alphabet, or a value that is
 * not exactly want bytes long (leading '1's count as zero bytes, as they encode). */
bool sp_base58_decode(const char *s, size_t n, unsigned char *out, size_t want);

/* Writes the did:key of an Ed25519 public key into out. */
void sp_didkey_format(const unsigned char pk[32], char out[SP_DIDKEY_SIZE]);

/* Reads an Ed25519 public key from the did:key text s (n bytes). Returns false when s is not
 * "did:key:z" with the base58btc of 0xed 0x01 and 32 bytes. */
bool sp_didkey_parse(const char *s, size_t n, unsigned char pk[32]);

#endif
