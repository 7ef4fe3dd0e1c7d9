#!/usr/bin/env python3
"""Generates the hostile inputs of tests/hostile/cases.txt that are too big, too many or too
regular to commit: python3 gen.py KIND OUT [N], run by run.sh in the test's temporary folder.
OUT is a file, or a folder for the kinds that make a whole quiz (their manifest is
OUT/quiz.yaml). N sizes the input: a limit's value for the case just under it, one more for
the case just over it.

Every input is built on the tiny test quiz (tests/data/tiny) or the terminal tests' quiz
(tests/term/data), so that what is not the point of a case is valid."""
import hashlib
import os
import re
import sys

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TINY = os.path.join(SRC, "tests", "data", "tiny")

HEAD = "signpost: bank/1\nid: b\nversion: 1.0.0\ntitle: t\n"
# A bank whose direction is the one its generated scenario weighs, as a real bank's is: check
# warns about a scenario with nothing for its bank's own direction.
HEAD_INFRA = HEAD.replace("title: t\n", "direction: infra\ntitle: t\n")
LIKERT = "  - {{id: q{0}, kind: likert, text: t, keys: {{infra: 1}}}}\n"
TAGS = ["en", "zh", "fr", "de", "es", "ja", "ko", "ru", "it", "pt", "nl", "pl"]


def write(path, text):
    data = text.encode() if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)


def bank(questions=1, title="t", extra=""):
    return (HEAD.replace("title: t\n", "title: " + title + "\n") + extra + "questions:\n"
            + "".join(LIKERT.format(i) for i in range(questions)))


def padded(text, size, comment="#"):
    """text followed by a comment that brings it to exactly size bytes."""
    room = size - len(text.encode()) - 2
    if room < 0:
        raise SystemExit("gen.py: %d bytes is too small" % size)
    return text + comment + "x" * room + "\n"


# ---- Banks and other author files ------------------------------------------------------------

def gen_bank_bytes(out, n):
    """A valid bank of exactly n bytes (padded with a comment): the file size limit."""
    write(out, padded(bank(), n))


def gen_scalar(out, n):
    """A bank whose title is n bytes long: the scalar limit."""
    write(out, bank(title="a" * n))


def gen_scalar_quoted(out, n):
    """The same, double-quoted: libyaml buffers quoted scalars differently."""
    write(out, bank(title='"' + "a" * n + '"'))


def gen_questions(out, n):
    """A bank of n tiny questions: the questions-per-bank limit, and a million items."""
    with open(out, "w") as f:
        f.write(HEAD + "questions:\n")
        for i in range(n):
            f.write(LIKERT.format(i))


def gen_options(out, n):
    """A choice question with n options: the options limit."""
    opts = "".join("      - {id: o%d, text: t, weights: {infra: 1}}\n" % i for i in range(n))
    write(out, HEAD_INFRA + "questions:\n  - id: q\n    kind: choice\n    text: t\n    options:\n" + opts)


def gen_depth(out, n):
    """A description nested n levels deep, the root mapping counted: the depth limit."""
    k = n - 1
    write(out, bank(extra="description: " + "[" * k + "deep" + "]" * k + "\n"))


def gen_flow_nesting(out, n):
    """n levels of '[': quadratic in libyaml without signpost's own depth count."""
    write(out, HEAD + "questions: " + "[" * n + "]" * n + "\n")


def gen_block_nesting(out, n):
    """n levels of block sequences in compact form ("- - - ... x") on one line."""
    write(out, HEAD + "questions:\n" + "- " * n + "x\n")


def gen_text_languages(out, n):
    """A title in n languages: the languages-per-text limit."""
    tags = TAGS[:n]
    write(out, bank(title="{" + ", ".join("%s: t" % t for t in tags) + "}"))


def direction(i):
    return "  - {id: d%d, name: D%d, summary: s}\n" % (i, i)


def gen_directions(out, n):
    """A directions file of n directions: the directions limit."""
    write(out, "signpost: directions/1\nversion: 1.0.0\ndirections:\n"
          + "".join(direction(i) for i in range(n)))


def gen_entries(out, n):
    """A direction with n roles: the limit on any other list."""
    roles = "".join("      - role %d\n" % i for i in range(n))
    write(out, "signpost: directions/1\nversion: 1.0.0\ndirections:\n"
          "  - id: d\n    name: D\n    summary: s\n    roles:\n" + roles)


def gen_diagnostics(out, n):
    """A bank with n errors (an unknown key in each question): the diagnostics listed."""
    qs = "".join("  - {id: q%d, kind: likert, text: t, keys: {infra: 1}, oops: 1}\n" % i
                 for i in range(n))
    write(out, HEAD + "questions:\n" + qs)


def gen_root_keys(out, n):
    """A bank with n entries at its root: four of its fields, unknown keys k0, k1..., and its
    questions last, so that a reader that stops at the limit never sees them: the entry limit
    at the top level, where every key but the format's own is an unknown-key error."""
    write(out, HEAD + "".join("k%d: 1\n" % i for i in range(n - 5)) + "questions:\n"
          + LIKERT.format(0))


def fill_keys(head, indent, size):
    """head followed by as many keys 'kN:' at indent as fit in size bytes (built in blocks of
    keys of one length, as millions of them are needed)."""
    parts, used, i = [head], len(head), 0
    while True:
        width = len("%sk%d:\n" % (indent, i))
        block = min(10 ** len(str(i)) - i, (size - used) // width)
        if block <= 0:
            break
        parts.append("".join("%sk%d:\n" % (indent, j) for j in range(i, i + block)))
        used += block * width
        i += block
    return "".join(parts)


def gen_root_keys_fill(out, n):
    """A bank of n bytes (under the file limit), all of it unknown keys at its root: about
    6.8 million of them in 64 MiB."""
    write(out, fill_keys(bank(), "", n))


def gen_nested_keys_fill(out, n):
    """The same keys inside one mapping (a question's keys) instead of at the root."""
    write(out, fill_keys(HEAD + "questions:\n  - id: q0\n    kind: likert\n    text: t\n"
                         "    keys:\n", "      ", n))


def gen_root_key_bytes(out, n):
    """A bank with an unknown explicit key ('? KEY') of n bytes: the scalar limit on keys."""
    write(out, bank() + "? " + "k" * n + "\n: 1\n")


def gen_root_key_plain(out, n):
    """A bank with an unknown plain key of n bytes ('KEY: 1'), as a careless or hostile author
    writes it: libyaml refuses a simple key over 1024 characters, after reading it all."""
    write(out, HEAD + "k" * n + ": 1\n" + "questions:\n" + LIKERT.format(0))


def ident(n, first="q"):
    return (first + "x" * n)[:n]


def gen_question_id(out, n):
    """A question id of n characters (at most 64)."""
    write(out, HEAD + "questions:\n" + "  - {id: %s, kind: likert, text: t, keys: {infra: 1}}\n"
          % ident(n))


def gen_bank_id(out, n):
    """A bank id of n characters (at most 64)."""
    write(out, bank().replace("id: b\n", "id: %s\n" % ident(n, "b"), 1))


def gen_option_id(out, n):
    """An option id of n characters (at most 16)."""
    write(out, HEAD_INFRA + "questions:\n  - id: q\n    kind: choice\n    text: t\n    options:\n"
          "      - {id: %s, text: t, weights: {infra: 1}}\n"
          "      - {id: b, text: t, weights: {infra: 1}}\n" % ident(n, "o"))


def gen_direction_id(out, n):
    """A direction id of n characters (at most 32)."""
    write(out, "signpost: directions/1\nversion: 1.0.0\ndirections:\n"
          "  - {id: %s, name: D, summary: s}\n" % ident(n, "d"))


def make_quiz(out, banks, languages):
    """A quiz folder (manifest quiz.yaml) of the given number of banks, each with a likert and
    a knowledge item over two directions, every text neutral (one string for all languages)."""
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "directions.yaml"),
          "signpost: directions/1\nversion: 1.0.0\ndirections:\n"
          "  - {id: infra, name: Infra, summary: s}\n  - {id: agents, name: Agents, summary: s}\n")
    for b in range(banks):
        write(os.path.join(out, "b%d.yaml" % b),
              "signpost: bank/1\nid: b%d\nversion: 1.0.0\ntitle: t\nquestions:\n"
              "  - {id: b%d.l, kind: likert, text: t, keys: {infra: 1, agents: -1}}\n"
              "  - id: b%d.k\n    kind: knowledge\n    level: 1\n    keys: {infra: 1, agents: 1}\n"
              "    text: t\n    options: [{id: a, text: x}, {id: b, text: y}]\n    answer: a\n"
              "    explain: e\n" % (b, b, b))
    write(os.path.join(out, "quiz.yaml"),
          "signpost: quiz/1\nid: many\nversion: 1.0.0\ntitle: t\nlanguages: [%s]\n"
          "directions: directions.yaml\nbanks: [%s]\n"
          % (", ".join(languages), ", ".join("b%d.yaml" % b for b in range(banks))))


def gen_quiz_banks(out, n):
    """A quiz of n banks (a folder; its manifest is quiz.yaml): the banks-per-quiz limit."""
    make_quiz(out, n, ["en"])


def gen_quiz_languages(out, n):
    """A quiz declaring n languages: the languages-per-quiz limit."""
    make_quiz(out, 2, TAGS[:n])


def gen_answer_entries(out, n):
    """An answer file of n answers (the tiny quiz's five, then made-up ids): the answers limit."""
    with open(out, "w") as f:
        f.write("t.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\n"
                "t.know.rag: [a, c]\n")
        for i in range(n - 5):
            f.write("x.%d: 1\n" % i)


def gen_answer_list(out, n):
    """An answer file whose several-answer item lists n option ids."""
    ids = ", ".join(["a", "c"] + ["o%d" % i for i in range(n - 2)])
    write(out, "t.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\n"
          "t.know.rag: [%s]\n" % ids)


# ---- Results ---------------------------------------------------------------------------------

def result_template():
    """An unsigned result of the tiny quiz, made by run.sh ($HOSTILE_RESULT)."""
    return open(os.environ["HOSTILE_RESULT"]).read()


def gen_result_answers(out, n):
    """A result body recording n answers (the five real ones, then made-up ids)."""
    text = result_template()
    head, rest = text.split("answers:\n", 1)
    answers, tail = rest.split("scores:\n", 1)
    extra = "".join("  x.%d: 1\n" % i for i in range(n - 5))
    write(out, head + "answers:\n" + answers + extra + "scores:\n" + tail)


def gen_result_bytes(out, n):
    """A valid result body of exactly n bytes, padded with a comment: the result size limit."""
    write(out, padded(result_template(), n))


def gen_result_name(out, n):
    """A result whose taker's name is n bytes long."""
    text = result_template()
    write(out, re.sub(r"(?m)^name: .*$", 'name: "%s"' % ("x" * n), text))


def gen_result_name_cp(out, cp):
    """A result whose name holds the character cp (a decimal code point) in its middle."""
    text = result_template()
    write(out, re.sub(r"(?m)^name: .*$", lambda m: 'name: "Ann%sLee"' % chr(cp), text))


def gen_result_name_end(out, cp):
    """A result whose name ends with the character cp."""
    text = result_template()
    write(out, re.sub(r"(?m)^name: .*$", lambda m: 'name: "李明%s"' % chr(cp), text))


def gen_result_keys_fill(out, n):
    """A result of n bytes (under the result limit), its root filled with unknown keys."""
    write(out, fill_keys(result_template(), "", n))


def gen_result_scalar(out, n):
    """A result whose name is an n-byte scalar: the scalar limit in results too."""
    gen_result_name(out, n)


# ---- Journals --------------------------------------------------------------------------------

def seal(body):
    return body + b"blake2b: " + hashlib.blake2b(body, digest_size=32).hexdigest().encode() + b"\n"


def gen_journal_bytes(out, n):
    """A journal of the terminal tests' quiz of exactly n bytes, its quiz path padded, with a
    correct checksum ($HOSTILE_JOURNAL, made by run.sh)."""
    data = open(os.environ["HOSTILE_JOURNAL"], "rb").read()
    body = data[: data.rindex(b"blake2b: ")]
    line = re.search(rb"(?m)^quiz: .*$", body)
    pad = n - len(body) - 74
    if pad < 0:
        raise SystemExit("gen.py: %d bytes is too small for a journal" % n)
    body = body[: line.end()] + b"/" * pad + body[line.end():]
    write(out, seal(body))


# ---- Keys and signatures ---------------------------------------------------------------------

def gen_key_bytes(out, n):
    """A public key file of n bytes: a long untrusted comment before the good key."""
    key = open(os.path.join(SRC, "tests", "sign", "data", "good", "plain.pub")).read()
    comment, b64 = key.split("\n")[:2]
    room = n - len(b64) - 2 - len("untrusted comment: ")
    write(out, "untrusted comment: " + "c" * room + "\n" + b64 + "\n")


def gen_key_comment(out, n):
    """A public key file whose untrusted comment is n bytes long (at most 1000)."""
    key = open(os.path.join(SRC, "tests", "sign", "data", "good", "plain.pub")).read()
    b64 = key.split("\n")[1]
    write(out, "untrusted comment: " + "c" * n + "\n" + b64 + "\n")


def seckey_with(out, offset, value):
    """The encrypted test key with the 8 bytes at offset (little-endian) set to value."""
    import base64
    import struct
    key = open(os.path.join(SRC, "tests", "sign", "data", "good", "enc.key")).read()
    comment, b64 = key.split("\n")[:2]
    raw = bytearray(base64.b64decode(b64))
    raw[offset:offset + 8] = struct.pack("<Q", value)
    write(out, comment + "\n" + base64.b64encode(bytes(raw)).decode() + "\n")


def gen_seckey_opslimit(out, n):
    """The encrypted test key asking scrypt for n operations (at most 2^25)."""
    seckey_with(out, 38, n)


def gen_seckey_memlimit(out, n):
    """The encrypted test key asking scrypt for n bytes of memory (at most 2^30)."""
    seckey_with(out, 46, n)


def signed_lines():
    """The lines of the signed result ($HOSTILE_SIGNED, made by run.sh), with their newlines."""
    return open(os.environ["HOSTILE_SIGNED"], "rb").read().split(b"\n")


def gen_sig_untrusted(out, n):
    """The signed result with an untrusted comment of n bytes (at most 1000); unsigned, so the
    file still verifies."""
    lines = signed_lines()
    lines[0] = b"untrusted comment: " + b"u" * n
    write(out, b"\n".join(lines))


def gen_sig_trusted(out, n):
    """The result signed with a trusted comment of n bytes (at most 1024): signed for real
    with sp-sigtool when signpost would sign it, written over line 3 when it is too long."""
    import subprocess
    lines = signed_lines()
    body = b"\n".join(lines[4:])
    comment = "t" * n
    if n <= 1024:
        write(out + ".body", body)
        subprocess.run([os.environ["HOSTILE_SIGTOOL"], "sign",
                        os.path.join(SRC, "tests", "sign", "data", "good", "plain.key"),
                        out + ".body", out + ".sig", comment], check=True)
        write(out, open(out + ".sig", "rb").read() + body)
    else:
        lines[2] = b"trusted comment: " + comment.encode()
        write(out, b"\n".join(lines))


def gen_sig_legacy(out, n):
    """The signed result with its signature marked as minisign's legacy 'Ed' (n unused)."""
    import base64
    lines = signed_lines()
    raw = bytearray(base64.b64decode(lines[1]))
    raw[0:2] = b"Ed"
    lines[1] = base64.b64encode(bytes(raw))
    write(out, b"\n".join(lines))


def gen_passphrase(out, n):
    """A passphrase file of n bytes and a newline."""
    write(out, "p" * n + "\n")


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: gen.py KIND OUT [N]")
    kind, out = sys.argv[1], sys.argv[2]
    fn = globals().get("gen_" + kind.replace("-", "_"))
    if not fn:
        raise SystemExit("gen.py: no generator " + kind)
    args = [int(a) for a in sys.argv[3:]]
    fn(out, *args)


if __name__ == "__main__":
    main()
