#!/usr/bin/env python3
"""Derives the malformed fixtures under bad/ from the good ones under good/.

Run from this folder (tests/sign/data) after changing good/; the output is committed. Each file
breaks exactly one rule; test_sign.c holds the exact error each one must give. The good files
were made once: minisign-W.* by `minisign -G -W`, enc.* and plain.* by sp-sigtool (enc.key with
the passphrase "correct horse battery staple" and low scrypt limits so that tests stay fast),
body.minisig by sp-sigtool, minisign.minisig and legacy.minisig by `minisign -S` (legacy with -l),
good.signpost = body.minisig + body.txt. The secret keys are public test keys: never use them
for anything else.
"""
import base64
import os
import struct

os.makedirs("bad", exist_ok=True)


def read(name):
    with open(os.path.join("good", name), "rb") as f:
        return f.read()


def write(name, data):
    with open(os.path.join("bad", name), "wb") as f:
        f.write(data)


def lines(data):
    return data.split(b"\n")[:-1]  # every good file ends with a newline


def join(ls):
    return b"".join(l + b"\n" for l in ls)


def b64(raw):
    return base64.b64encode(raw)


def with_line(data, index, new):
    ls = lines(data)
    ls[index] = new
    return join(ls)


# ---- public keys ----------------------------------------------------------------------------
pub = read("plain.pub")
pk = base64.b64decode(lines(pub)[1])
write("pub-bad-base64.pub", with_line(pub, 1, lines(pub)[1][:20] + b"!" + lines(pub)[1][21:]))
write("pub-space-in-base64.pub", with_line(pub, 1, lines(pub)[1] + b" "))
# libsodium 1.0.18 decodes any byte from 0x80 up as '/'; signpost must refuse them itself.
write("pub-non-ascii-base64.pub", with_line(pub, 1, lines(pub)[1][:20] + b"\xaf" + lines(pub)[1][21:]))
write("pub-short.pub", with_line(pub, 1, b64(pk[:41])))
write("pub-long.pub", with_line(pub, 1, b64(pk + b"\0\0\0")))
write("pub-wrong-alg.pub", with_line(pub, 1, b64(b"Ec" + pk[2:])))
write("pub-crlf.pub", pub.replace(b"\n", b"\r\n"))
write("pub-missing-line.pub", join(lines(pub)[:1]))
write("pub-no-newline.pub", pub[:-1])
write("pub-trailing.pub", pub + b"\n")
write("pub-no-comment.pub", join(lines(pub)[1:]))
write("pub-control-in-comment.pub", with_line(pub, 0, b"untrusted comment: a \x1b[31mred\x1b[0m key"))
write("pub-empty.pub", b"")

# ---- secret keys ----------------------------------------------------------------------------
plain = read("plain.key")
sk = bytearray(base64.b64decode(lines(plain)[1]))
enc = read("enc.key")
esk = bytearray(base64.b64decode(lines(enc)[1]))


def sk_with(raw, offset, new):
    raw = bytearray(raw)
    raw[offset : offset + len(new)] = new
    return bytes(raw)


write("sec-bad-base64.key", with_line(plain, 1, lines(plain)[1].replace(b"=", b"")))
write("sec-non-ascii-base64.key", with_line(plain, 1, lines(plain)[1].replace(b"/", b"\xaf", 1)))
write("sec-short.key", with_line(plain, 1, b64(bytes(sk[:157]))))
write("sec-long.key", with_line(plain, 1, b64(bytes(sk) + b"\0")))
write("sec-wrong-sig-alg.key", with_line(plain, 1, b64(sk_with(sk, 0, b"Ex"))))
write("sec-wrong-kdf.key", with_line(enc, 1, b64(sk_with(esk, 2, b"Ar"))))
write("sec-wrong-chk.key", with_line(plain, 1, b64(sk_with(sk, 4, b"S2"))))
# salt at 6..38, opslimit at 38..46, memlimit at 46..54 (little-endian)
write("sec-absurd-opslimit.key", with_line(enc, 1, b64(sk_with(esk, 38, struct.pack("<Q", 1 << 40)))))
write("sec-absurd-memlimit.key", with_line(enc, 1, b64(sk_with(esk, 46, struct.pack("<Q", 1 << 40)))))
write("sec-crlf.key", plain.replace(b"\n", b"\r\n"))
write("sec-missing-line.key", join(lines(plain)[:1]))
write("sec-trailing.key", plain + b"untrusted comment: a second key\n")
# keynum_sk at 54: key id 54..62, sk 62..126, checksum 126..158
write("sec-damaged-checksum.key", with_line(plain, 1, b64(sk_with(sk, 130, bytes([sk[130] ^ 1])))))
msk = bytearray(base64.b64decode(lines(read("minisign-W.key"))[1]))
write("sec-damaged-no-checksum.key",
      with_line(read("minisign-W.key"), 1, b64(sk_with(msk, 70, bytes([msk[70] ^ 1])))))

# ---- signature blocks -----------------------------------------------------------------------
sig = read("body.minisig")
sl = lines(sig)
raw = base64.b64decode(sl[1])
write("sig-bad-base64.minisig", with_line(sig, 1, sl[1][:10] + b"*" + sl[1][11:]))
# the same bytes once decoded, since libsodium reads 0xAF as '/': the signature would verify
write("sig-non-ascii-base64.minisig", with_line(sig, 1, sl[1].replace(b"/", b"\xaf", 1)))
write("sig-no-padding.minisig", with_line(sig, 1, sl[1].rstrip(b"=")))
write("sig-urlsafe.minisig", with_line(sig, 1, base64.urlsafe_b64encode(raw)))
write("sig-short.minisig", with_line(sig, 1, b64(raw[:73])))
write("sig-long.minisig", with_line(sig, 1, b64(raw + b"\0")))
write("sig-wrong-alg.minisig", with_line(sig, 1, b64(b"EX" + raw[2:])))
write("sig-crlf.minisig", sig.replace(b"\n", b"\r\n"))
write("sig-crlf-line3.minisig", join(sl[:2]) + sl[2] + b"\r\n" + join(sl[3:]))
write("sig-three-lines.minisig", join(sl[:3]))
write("sig-trailing.minisig", sig + b"\n")
write("sig-no-newline.minisig", sig[:-1])
write("sig-no-untrusted-prefix.minisig", with_line(sig, 0, b"comment: hello"))
write("sig-no-trusted-prefix.minisig", with_line(sig, 2, b"trusted-comment: hello"))
write("sig-long-trusted.minisig", with_line(sig, 2, b"trusted comment: " + b"x" * 1025))
write("sig-control-trusted.minisig", with_line(sig, 2, b"trusted comment: score \x1b[2J100"))
write("sig-bad-utf8-trusted.minisig", with_line(sig, 2, b"trusted comment: caf\xc3"))
write("sig-bidi-trusted.minisig", with_line(sig, 2, "trusted comment: ok \u202e".encode()))
write("sig-global-short.minisig", with_line(sig, 3, b64(base64.b64decode(sl[3])[:63])))
write("sig-empty.minisig", b"")

# ---- signed result files --------------------------------------------------------------------
body = read("body.txt")
write("signed-unsigned.signpost", body)
write("signed-three-lines.signpost", join(sl[:3]))
write("signed-not-a-result.signpost", sig + b"hello: world\n")
write("signed-crlf.signpost", sig.replace(b"\n", b"\r\n") + body)
