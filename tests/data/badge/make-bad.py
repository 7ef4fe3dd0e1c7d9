#!/usr/bin/env python3
"""Makes the forged and malformed badges of bad/ from good.json (a badge of a tiny-quiz result
signed with key.key, a test-only unencrypted key) and the message each must fail with."""
import base64, copy, json, os

here = os.path.dirname(os.path.abspath(__file__))
text = open(os.path.join(here, "good.json"), encoding="utf-8").read()
good = json.loads(text)
out = os.path.join(here, "bad")


def write(name, body, expect):
    open(os.path.join(out, name + ".json"), "w", encoding="utf-8").write(body)
    open(os.path.join(out, name + ".expect"), "w", encoding="utf-8").write(expect)


def edited(name, fn, expect):
    d = copy.deepcopy(good)
    fn(d)
    write(name, json.dumps(d, indent=2, ensure_ascii=False) + "\n", expect)


write("duplicate-key", text.replace('"name": "signpost placement',
                                    '"name": "x",\n  "name": "signpost placement', 1),
      "duplicate object key")
write("truncated", text[: len(text) // 2], "not valid JSON: premature end of input")
write("trailing-garbage", text + "{}\n", "end of file expected")
edited("other-context", lambda d: d["@context"].__setitem__(1, "https://example.org/ctx"),
       "the @context is not")
edited("wrong-cryptosuite", lambda d: d["proof"].__setitem__("cryptosuite", "eddsa-rdfc-2022"),
       "the proof's \"cryptosuite\" is \"eddsa-rdfc-2022\", expected \"eddsa-jcs-2022\"")
edited("wrong-purpose", lambda d: d["proof"].__setitem__("proofPurpose", "authentication"),
       "expected \"assertionMethod\"")
edited("proofvalue-not-base58", lambda d: d["proof"].__setitem__("proofValue", "z0OIl"),
       "the proofValue is not")
edited("issuer-not-the-signer",
       lambda d: d["issuer"].__setitem__("id", "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
       "the proof's signature does not match the credential")
edited("method-fragment-differs",
       lambda d: d["proof"].__setitem__("verificationMethod",
                                        d["issuer"]["id"] + "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
       "is not an Ed25519 did:key followed by '#' and the same key")
edited("fit-raised", lambda d: d["credentialSubject"]["result"][1].__setitem__("value", "0.900000"),
       "the proof's signature does not match the credential")
edited("no-proof", lambda d: d.pop("proof"), "the credential has no \"proof\"")
edited("extra-member", lambda d: d.__setitem__("credentialStatus", {}),
       "the credential has a member \"credentialStatus\"")
