/* Tests of the badge modules (engine/badge/): RFC 8785 canonical JSON against the RFC's own
 * examples, base58btc and did:key, and the eddsa-jcs-2022 test vector of W3C vc-di-eddsa
 * reproduced byte for byte (tests/data/badge/vc-di-eddsa/README.md). */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "badge/base58.h"
#include "badge/jcs.h"
#include "badge/proof.h"
#include "base/util.h"
#include "signpost/badge.h"
#include "testmain.h"

#define VECTOR SP_TEST_DATA "/badge/vc-di-eddsa/"

static const char SEED_HEX[] = "c96ef9ea10c5e414c471723aff9de72c35fa5b70fae97e8832ecac7d2e2b8ed6";
static const char PUBLIC_MULTIBASE[] = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
static const char DOC_HASH[] = "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
static const char CONFIG_HASH[] =
    "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db";
static const char PROOF_VALUE[] = "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJp"
                                  "wTWd3GAVFuUfjoJdcnTMuVor51aX";

static json_t *load_json(const char *path)
{
    json_error_t err;
    json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!v)
        fail_msg("%s:%d:%d: %s", path, err.line, err.column, err.text);
    return v;
}

static char *canonical(const json_t *v)
{
    char *text;
    size_t len;
    assert_int_equal(sp_jcs_serialize(v, &text, &len), 0);
    assert_int_equal(strlen(text), len);
    return text;
}

static void expect_canonical(const char *json, const char *want)
{
    json_error_t err;
    json_t *v = json_loads(json, JSON_DECODE_INT_AS_REAL, &err);
    if (!v)
        fail_msg("%d:%d: %s", err.line, err.column, err.text);
    char *got = canonical(v);
    assert_string_equal(got, want);
    free(got);
    json_decref(v);
}

/* RFC 8785, section 3.2.2: the sample input and its canonical form (whitespace, number forms,
 * string escapes). */
static void test_jcs_rfc8785_sample(void **state)
{
    (void)state;
    expect_canonical("{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                     "              2e-3, 0.000000000000000000000000001],\n"
                     "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                     "  \"literals\": [null, true, false]\n}",
                     "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,"
                     "0.002,1e-27],\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

/* RFC 8785, section 3.2.3: keys sorted as UTF-16 code units, so that U+1F600 (a surrogate pair,
 * 0xD83D...) sorts before U+FB33 although its UTF-8 and code point sort after. */
static void test_jcs_rfc8785_key_order(void **state)
{
    (void)state;
    expect_canonical(
        "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter "
        "Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", "
        "\"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}",
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\",\"\xc3\xb6\":\"Latin "
        "Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro "
        "Sign\",\"\xf0\x9f\x98\x80\":\"Emoji: "
        "Grinning Face\",\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

static double from_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

/* RFC 8785, appendix B: IEEE 754 doubles and their ECMAScript forms. */
static void test_jcs_rfc8785_numbers(void **state)
{
    (void)state;
    static const struct {
        uint64_t bits;
        const char *text;
    } cases[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    char out[SP_JCS_NUMBER_SIZE];
    for (size_t i = 0; i < SP_ARRAY_LEN(cases); i++) {
        assert_int_equal(sp_jcs_number(from_bits(cases[i].bits), out), 0);
        assert_string_equal(out, cases[i].text);
    }
    assert_int_equal(sp_jcs_number(from_bits(0x7fffffffffffffff), out), SP_EINVAL); /* NaN */
    assert_int_equal(sp_jcs_number(from_bits(0x7ff0000000000000), out), SP_EINVAL); /* inf */
}

static void test_base58_and_didkey(void **state)
{
    (void)state;
    static const unsigned char in[] = {0, 0, 0x28, 0x7f, 0xb4, 0xcd};
    char text[SP_BASE58_SIZE(sizeof(in))];
    unsigned char back[sizeof(in)];
    assert_true(sp_base58_encode(in, sizeof(in), text, sizeof(text)));
    assert_string_equal(text, "11233QC4");
    assert_true(sp_base58_decode(text, strlen(text), back, sizeof(back)));
    assert_memory_equal(back, in, sizeof(in));
    assert_false(sp_base58_decode("11233QC0", 8, back, sizeof(back))); /* 0 is not base58 */
    assert_false(sp_base58_decode(text, strlen(text), back, sizeof(back) - 1));
    unsigned char pk[32];
    assert_false(sp_didkey_parse("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ", 54,
                                 pk)); /* one character short */
}

static void hex_to_bin(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;
    assert_int_equal(sodium_hex2bin(out, n, hex, strlen(hex), NULL, &got, NULL), 0);
    assert_int_equal(got, n);
}

static char *read_text(const char *path)
{
    char *buf;
    size_t len;
    assert_int_equal(sp_read_file(path, 4096, &buf, &len), 0);
    return buf;
}

/* The eddsa-jcs-2022 test vector, step by step: the canonical forms, both hashes, the public
 * key as did:key, and the proofValue of the Ed25519 signature over hashData. */
static void test_eddsa_jcs_2022_vector_byte_for_byte(void **state)
{
    (void)state;
    assert_int_equal(sodium_init() < 0, 0);
    json_t *doc = load_json(VECTOR "unsigned.json"),
           *config = load_json(VECTOR "proof-options.json");
    char *cdoc = canonical(doc), *cconfig = canonical(config);
    char *want_doc = read_text(VECTOR "canonical-document.txt");
    char *want_config = read_text(VECTOR "canonical-proof-config.txt");
    assert_string_equal(cdoc, want_doc);
    assert_string_equal(cconfig, want_config);

    unsigned char hash[64];
    char hex[129];
    assert_int_equal(sp_proof_hash(doc, config, hash), 0);
    sp_hex(hash, 32, hex);
    assert_string_equal(hex, CONFIG_HASH);
    sp_hex(hash + 32, 32, hex);
    assert_string_equal(hex, DOC_HASH);

    unsigned char seed[32], pk[32], sk[64], sig[64];
    hex_to_bin(SEED_HEX, seed, sizeof(seed));
    crypto_sign_seed_keypair(pk, sk, seed);
    char did[SP_DIDKEY_SIZE];
    sp_didkey_format(pk, did);
    assert_string_equal(did + 8, PUBLIC_MULTIBASE);
    crypto_sign_detached(sig, NULL, hash, sizeof(hash), sk);
    char value[100] = "z";
    assert_true(sp_base58_encode(sig, sizeof(sig), value + 1, sizeof(value) - 1));
    assert_string_equal(value, PROOF_VALUE);

    /* The signed credential verifies, and a changed one does not. */
    json_object_set_new(config, "proofValue", json_string(PROOF_VALUE));
    json_object_set(doc, "proof", config);
    unsigned char signer[32];
    char why[300];
    assert_int_equal(sp_proof_check(doc, signer, why, sizeof(why)), 0);
    assert_memory_equal(signer, pk, 32);
    json_object_set_new(json_object_get(doc, "credentialSubject"), "alumniOf",
                        json_string("The School of Forgeries"));
    assert_int_equal(sp_proof_check(doc, signer, why, sizeof(why)), SP_ESIG);
    free(cdoc);
    free(cconfig);
    free(want_doc);
    free(want_config);
    json_decref(config);
    json_decref(doc);
}

/* A badge with a duplicate key is refused by the parser, with its line and column. */
static void test_badge_json_duplicate_key_is_refused_with_position(void **state)
{
    (void)state;
    static const char text[] = "{\n  \"a\": 1,\n  \"a\": 2\n}\n";
    sp_badge_report rep;
    assert_int_equal(sp_badge_verify("dup.json", text, sizeof(text) - 1, NULL, &rep), 0);
    assert_int_equal(rep.problem, SP_BADGE_JSON);
    assert_int_equal(rep.pos.line, 3);
    assert_non_null(strstr(rep.why, "duplicate"));
    assert_int_equal(rep.trust, SP_TRUST_FAILED);
    sp_badge_report_clear(&rep);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_jcs_rfc8785_sample),
    cmocka_unit_test(test_jcs_rfc8785_key_order),
    cmocka_unit_test(test_jcs_rfc8785_numbers),
    cmocka_unit_test(test_base58_and_didkey),
    cmocka_unit_test(test_eddsa_jcs_2022_vector_byte_for_byte),
    cmocka_unit_test(test_badge_json_duplicate_key_is_refused_with_position),
};

SP_TEST_MAIN(tests)
