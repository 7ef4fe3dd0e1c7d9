// SPDX-License-Identifier: GPL-3.0-or-later
// A strict reader for the YAML that engine/result.c writes: one block mapping of keys, values
// that are plain or quoted scalars, flow mappings {k: v, ...} and flow lists [a, b], block
// mappings and block lists "- ..." nested by indentation, comments. It yields the node trees
// engine/yread.c builds (scalar, seq, map; plain or quoted; 1-based line and column in code
// points) and enforces its rules (no anchors, aliases or tags, scalars of at most 16 KiB of
// UTF-8 without control, bidirectional or invisible characters, at most 1,000 entries per
// collection, depth at most 16). What libyaml would accept but this reader does not (multi-line
// plain or quoted scalars, flow collections over several lines, explicit keys "? ", block
// scalars "|" and ">", directives) is refused as a syntax error: signpost never writes them,
// and any change to a signed body is found by its signature anyway.
import { utf8DecodeAt, isHostile, classify, CP } from './chars.js';
import { msg, compose } from './messages.js';

export const LIMIT_SCALAR = 16 * 1024;
export const LIMIT_ENTRIES = 1000;
export const LIMIT_DEPTH = 16;

export class YamlError extends Error {
  constructor(pos, message, fatal = true) {
    super(message.en);
    this.pos = pos;
    this.msg = message;
    this.fatal = fatal;
  }
}

const enc = new TextEncoder();

// Characters libyaml's reader accepts (YAML's printable set); the others stop it.
function yamlPrintable(cp) {
  return cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

// Splits the YAML bytes into lines of text (LF, CR LF or CR end a line, as yread counts them),
// after checking the encoding as libyaml's reader does. Returns {lines} or throws.
function readLines(bytes, lineOffset) {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const lines = [];
  let cur = '';
  let line = 1, col = 1;
  for (let i = start; i < bytes.length;) {
    const [cp, k] = utf8DecodeAt(bytes, i);
    if (k === 0)
      throw new YamlError({ line: line + lineOffset, column: col },
        msg('invalid UTF-8 (byte 0x%02x); expected a UTF-8 text file', bytes[i]));
    if (!yamlPrintable(cp))
      throw new YamlError({ line: line + lineOffset, column: col },
        compose('unreadable character: %s (value 0x%x); expected printable UTF-8 text',
          msg('control characters are not allowed'), cp));
    // libyaml breaks lines at NEL, LS and PS too (yread's line numbers do not: positions in
    // messages may differ after one, verdicts do not).
    if (cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029) {
      lines.push(cur);
      cur = '';
      line++;
      col = 1;
      i += k;
      if (cp === 0x0d && bytes[i] === 0x0a) i++;
      continue;
    }
    cur += String.fromCodePoint(cp);
    col++;
    i += k;
  }
  lines.push(cur);
  return lines;
}

function isBlank(c) {
  return c === ' ' || c === '\t';
}

function isBlankZ(c) {
  return c === undefined || c === ' ' || c === '\t';
}

const FLOW_IND = ',[]{}';

// Folded block scalar lines: a break between two lines of text is a space, unless either is
// more indented (starts with a blank); each empty line is a newline.
function fold(lines) {
  let out = '';
  let prevText = null; // the last non-empty line
  let empties = 0;
  for (const l of lines) {
    if (l === '') { empties++; continue; }
    if (prevText === null) out += '\n'.repeat(empties);
    else if (empties) out += '\n'.repeat(empties + (isBlank(prevText[0]) || isBlank(l[0]) ? 1 : 0));
    else out += isBlank(prevText[0]) || isBlank(l[0]) ? '\n' : ' ';
    out += l;
    prevText = l;
    empties = 0;
  }
  return out;
}

// The message for a character no scalar may hold (yread.c's bad_character).
function badCharacter(cls, key, cp) {
  if (cls === CP.BIDI)
    return key ? msg('bidirectional control character U+%04X in key; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp)
      : msg('bidirectional control character U+%04X in value; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp);
  if (cls === CP.INVISIBLE)
    return key ? msg('invisible character U+%04X in key; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp)
      : msg('invisible character U+%04X in value; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp);
  return key ? msg('control character U+%04X in key; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp)
    : msg('control character U+%04X in value; text may contain tabs and line breaks but no control, bidirectional or invisible characters', cp);
}

// The parser over an array of lines (strings; a line's characters indexed by code unit, its
// columns counted in code points).
class Parser {
  constructor(lines, lineOffset) {
    this.lines = lines;
    this.off = lineOffset;
    this.ln = 0; // current line index
    this.i = 0; // index in the line
    this.depth = 0;
    this.errors = [];
  }

  pos(ln = this.ln, i = this.i) {
    const s = this.lines[ln] ?? '';
    let col = 1;
    for (let k = 0; k < i && k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c < 0xdc00 || c > 0xdfff) col++;
    }
    return { line: ln + 1 + this.off, column: col };
  }

  fail(message, pos = this.pos()) {
    throw new YamlError(pos, message);
  }

  syntax(problem, pos = this.pos()) {
    this.fail(compose('YAML syntax error: %s%s', msg(problem), ''), pos);
  }

  get line() {
    return this.lines[this.ln];
  }

  // Skips blank lines and comment lines from the current line on; returns false at the end.
  nextContent() {
    while (this.ln < this.lines.length) {
      const s = this.lines[this.ln];
      let k = 0;
      while (k < s.length && s[k] === ' ') k++;
      // A tab where indentation goes cannot start a token in the block context.
      if (k < s.length && s[k] === '\t') {
        let j = k;
        while (j < s.length && isBlank(s[j])) j++;
        if (j === s.length || s[j] === '#') { this.ln++; continue; }
        this.i = k;
        this.syntax('found character that cannot start any token');
      }
      if (k === s.length || s[k] === '#') { this.ln++; continue; }
      this.i = k;
      return true;
    }
    return false;
  }

  indentOf() {
    return this.i;
  }

  // Blanks, then the end of the line or a comment: the line is done.
  endOfLine() {
    const s = this.line;
    let k = this.i;
    while (k < s.length && isBlank(s[k])) k++;
    // Between tokens a '#' starts a comment even without a blank before it (a plain scalar
    // would have taken it in).
    if (k < s.length && s[k] !== '#') {
      this.i = k;
      this.syntax('did not find expected key');
    }
    this.ln++;
    this.i = 0;
  }

  enter(pos) {
    if (++this.depth > LIMIT_DEPTH)
      this.fail(msg('nesting is deeper than the limit of %d levels', LIMIT_DEPTH), pos);
  }

  leave() {
    this.depth--;
  }

  // ---- Scalars ----

  checkScalar(node, key) {
    const bytes = enc.encode(node.str);
    if (bytes.length > LIMIT_SCALAR) {
      this.report(node.pos, key ? msg('key of %zu bytes is longer than the limit of %u bytes', bytes.length, LIMIT_SCALAR)
        : msg('value of %zu bytes is longer than the limit of %u bytes', bytes.length, LIMIT_SCALAR));
      return this.bad(node);
    }
    for (const ch of node.str) {
      const cp = ch.codePointAt(0);
      if (isHostile(cp, true)) {
        const cls = classify(cp);
        this.report(node.pos, badCharacter(cls, key, cp));
        return this.bad(node);
      }
    }
    node.n = bytes.length;
    return node;
  }

  bad(node) {
    node.bad = true;
    node.str = '';
    node.n = 0;
    return node;
  }

  report(pos, message) {
    this.errors.push({ pos, message });
  }

  // An indicator that cannot start a plain scalar, and what libyaml makes of it.
  badStart(c, next) {
    if (c === '&' || c === '*' || c === '!')
      return c === '&' ? 'anchor' : c === '*' ? 'alias' : 'tag';
    if (c === '%' || c === '@' || c === '`' || c === '?')
      return c === '?' && !isBlankZ(next) ? null : 'syntax';
    return null;
  }

  // One line's part of a plain scalar from index start: [end of text, end of scan, why it
  // stopped: 'eol', 'comment', 'colon' or 'flow'].
  plainSegment(s, start, flow) {
    let k = start, end = start;
    while (k < s.length) {
      const c = s[k];
      if (c === '#' && k > start && isBlank(s[k - 1])) return [end, k, 'comment'];
      if (c === ':' && (isBlankZ(s[k + 1]) || (flow && FLOW_IND.includes(s[k + 1])))) return [end, k, 'colon'];
      if (flow && FLOW_IND.includes(c)) return [end, k, 'flow'];
      k++;
      if (!isBlank(c)) end = k;
    }
    return [end, k, 'eol'];
  }

  // A plain scalar starting at this.i, over several lines as libyaml folds them: continuation
  // lines indented at least minIndent in the block context (null: a key, one line only), any
  // in the flow context; a blank line is a newline, a line break a space.
  plain(flow, minIndent = null) {
    const start = this.i, startLine = this.ln;
    let s = this.line;
    let [end, , why] = this.plainSegment(s, start, flow);
    let str = s.slice(start, end);
    this.i = end;
    while (why === 'eol' && minIndent !== null) {
      const next = this.continuation(flow, minIndent);
      if (!next) break;
      const { ln, at, blanks } = next;
      s = this.lines[ln];
      const seg = this.plainSegment(s, at, flow);
      if (seg[0] === at) break; // nothing on the line to continue with
      str += (blanks ? '\n'.repeat(blanks) : ' ') + s.slice(at, seg[0]);
      this.ln = ln;
      this.i = seg[0];
      why = seg[2];
    }
    return { type: 'scalar', plain: true, str, pos: this.pos(startLine, start) };
  }

  // The next line a multi-line scalar could continue on: {ln, at, blanks} or null.
  continuation(flow, minIndent) {
    let ln = this.ln + 1, blanks = 0;
    while (ln < this.lines.length && /^[ \t]*$/.test(this.lines[ln])) { ln++; blanks++; }
    if (ln >= this.lines.length) return null;
    const s = this.lines[ln];
    if (/^(---|\.\.\.)([ \t]|$)/.test(s)) return null;
    let at = 0;
    while (at < s.length && isBlank(s[at])) {
      if (s[at] === '\t' && !flow && at < minIndent) {
        this.ln = ln;
        this.i = at;
        this.syntax('found a tab character that violates indentation');
      }
      at++;
    }
    if (!flow && at < minIndent) return null;
    if (s[at] === '#') return null;
    if (flow && (FLOW_IND.includes(s[at]) || (s[at] === ':' && (isBlankZ(s[at + 1]) || FLOW_IND.includes(s[at + 1]))))) return null;
    return { ln, at, blanks };
  }

  // The next line of a quoted scalar: skips blank lines, returns how many, with this.i at the
  // first non-blank character of the line it continues on.
  quotedBreak(pos) {
    let blanks = 0;
    for (;;) {
      this.ln++;
      this.i = 0;
      if (this.ln >= this.lines.length) this.fail(compose('YAML syntax error: %s%s', msg('found unexpected end of stream'), ''), pos);
      const s = this.line;
      if (/^(---|\.\.\.)([ \t]|$)/.test(s)) this.syntax('found unexpected document indicator');
      while (this.i < s.length && isBlank(s[this.i])) this.i++;
      if (this.i < s.length) return blanks;
      blanks++;
    }
  }

  // Folds the text of a quoted scalar at a line break: trailing blanks dropped, one break a
  // space, each further one a newline; an escaped break (joined) nothing.
  fold(out, joined, blanks) {
    if (joined) return out + '\n'.repeat(blanks);
    return out.replace(/[ \t]+$/, '') + (blanks ? '\n'.repeat(blanks) : ' ');
  }

  // A double-quoted scalar, over lines as libyaml folds it.
  doubleQuoted() {
    const pos = this.pos();
    let k = this.i + 1, out = '', keep = 0;
    const simple = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
    for (;;) {
      const s = this.line;
      if (k >= s.length) {
        // Blanks that came from escapes stay; only the line's own trailing blanks go.
        const mine = out.slice(keep);
        const base = out.slice(0, keep) + mine.replace(/[ \t]+$/, '');
        const blanks = this.quotedBreak(pos);
        out = base + (blanks ? '\n'.repeat(blanks) : ' ');
        keep = out.length;
        k = this.i;
        continue;
      }
      const c = s[k];
      if (c === '"') break;
      if (c !== '\\') { out += c; k++; continue; }
      const e = s[k + 1];
      if (e === undefined) {
        // An escaped line break joins the lines.
        const blanks = this.quotedBreak(pos);
        out += '\n'.repeat(blanks);
        keep = out.length;
        k = this.i;
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(simple, e)) { out += simple[e]; k += 2; keep = out.length; continue; }
      const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (!width) this.syntax('found unknown escape character', this.pos(this.ln, k));
      const hex = s.slice(k + 2, k + 2 + width);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) this.syntax('did not find expected hexdecimal number', this.pos(this.ln, k));
      const v = parseInt(hex, 16);
      if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) this.syntax('found invalid Unicode character escape code', this.pos(this.ln, k));
      out += String.fromCodePoint(v);
      keep = out.length;
      k += 2 + width;
    }
    this.i = k + 1;
    return { type: 'scalar', plain: false, str: out, pos };
  }

  singleQuoted() {
    const pos = this.pos();
    let k = this.i + 1, out = '';
    for (;;) {
      const s = this.line;
      if (k >= s.length) {
        const blanks = this.quotedBreak(pos);
        out = out.replace(/[ \t]+$/, '') + (blanks ? '\n'.repeat(blanks) : ' ');
        k = this.i;
        continue;
      }
      if (s[k] === "'") {
        if (s[k + 1] === "'") { out += "'"; k += 2; continue; }
        break;
      }
      out += s[k++];
    }
    this.i = k + 1;
    return { type: 'scalar', plain: false, str: out, pos };
  }

  // A literal (|) or folded (>) block scalar whose header is at this.i; parent is the column
  // of the block it is a value in (libyaml's parser->indent).
  blockScalar(parent) {
    const pos = this.pos();
    const s = this.line;
    const literal = s[this.i] === '|';
    let k = this.i + 1, chomp = 'clip', increment = 0;
    for (let n = 0; n < 2; n++) {
      if ((s[k] === '+' || s[k] === '-') && chomp === 'clip') { chomp = s[k] === '+' ? 'keep' : 'strip'; k++; }
      else if (s[k] >= '1' && s[k] <= '9' && !increment) { increment = Number(s[k]); k++; }
    }
    if (s[k] === '0') this.syntax('found an indentation indicator equal to 0');
    while (k < s.length && isBlank(s[k])) k++;
    if (k < s.length && s[k] !== '#') { this.i = k; this.syntax('did not find expected comment or line break'); }
    let indent = increment ? (parent >= 0 ? parent + increment : increment) : 0;
    // Leading empty lines, and the indentation of the first line with text.
    let ln = this.ln + 1;
    const lines = [];
    if (!indent) {
      let max = 0, j = ln;
      while (j < this.lines.length && /^ *$/.test(this.lines[j])) { max = Math.max(max, this.lines[j].length); j++; }
      const first = j < this.lines.length ? this.lines[j].match(/^ */)[0].length : 0;
      indent = Math.max(max, first, parent + 1, 1);
    }
    for (; ln < this.lines.length; ln++) {
      const l = this.lines[ln];
      const lead = l.match(/^ */)[0].length;
      if (lead >= indent) { lines.push(l.slice(indent)); continue; }
      if (/^ *$/.test(l)) { lines.push(''); continue; } // a short empty line
      break;
    }
    // Trailing empty lines belong to the scalar (chomping decides what is kept).
    this.ln = this.ln + lines.length;
    this.i = this.line.length;
    let body = '', trailing = 0, end = lines.length;
    while (end > 0 && lines[end - 1] === '') { end--; trailing++; }
    const content = lines.slice(0, end);
    if (literal) body = content.join('\n');
    else body = fold(content);
    let out = body;
    if (content.length) {
      if (chomp === 'clip') out += '\n';
      else if (chomp === 'keep') out += '\n' + '\n'.repeat(trailing);
    } else if (chomp === 'keep') {
      out = '\n'.repeat(trailing);
    }
    return { type: 'scalar', plain: false, str: out, pos };
  }

  // One inline node (scalar or flow collection) at this.i.
  inline(flow, key, minIndent = null) {
    const s = this.line;
    if (this.line[this.i] !== '{') this.unlimited = false;
    const c = s[this.i];
    const why = this.badStart(c, s[this.i + 1]);
    if (why === 'anchor') this.fail(msg("anchor '&%s' is not allowed; signpost files use no anchors or aliases", this.word()), this.pos());
    if (why === 'alias') this.fail(msg("alias '*%s' is not allowed; signpost files use no anchors or aliases", this.word()), this.pos());
    if (why === 'tag') this.fail(msg("tag '%s%s' is not allowed; remove it", '!', this.word()), this.pos());
    if (why === 'syntax') this.syntax('found character that cannot start any token');
    if (c === '|' || c === '>') {
      if (flow || minIndent === null) this.syntax('found character that cannot start any token');
      return this.checkScalar(this.blockScalar(minIndent - 1), key);
    }
    if (c === '{') return this.flowMap();
    if (c === '[') return this.flowSeq();
    if (c === '"') return this.checkScalar(this.doubleQuoted(), key);
    if (c === "'") return this.checkScalar(this.singleQuoted(), key);
    if (c === '}' || c === ']' || c === ',') this.syntax('did not find expected node content');
    if ((c === '-' || c === ':') && isBlankZ(s[this.i + 1])) this.syntax('did not find expected node content');
    return this.checkScalar(this.plain(flow, key ? null : minIndent), key);
  }

  word() {
    const s = this.line;
    let k = this.i + 1;
    while (k < s.length && !isBlank(s[k]) && !FLOW_IND.includes(s[k])) k++;
    return s.slice(this.i + 1, k);
  }

  // Skips blanks, comments and line breaks inside a flow collection (which may span lines).
  skipFlowBlanks() {
    for (;;) {
      const s = this.line;
      while (this.i < s.length && isBlank(s[this.i])) this.i++;
      if (this.i < s.length && s[this.i] !== '#') return;
      this.ln++;
      this.i = 0;
      if (this.ln >= this.lines.length) this.syntax('did not find expected node content');
      if (/^(---|\.\.\.)([ \t]|$)/.test(this.line)) this.syntax('did not find expected node content');
    }
  }

  flowMap() {
    const pos = this.pos();
    const limit = this.unlimited ? Infinity : LIMIT_ENTRIES;
    this.unlimited = false;
    this.enter(pos);
    this.i++;
    const kids = [];
    for (;;) {
      this.skipFlowBlanks();
      if (this.line[this.i] === '}') { this.i++; break; }
      if (kids.length / 2 >= limit)
        this.fail(msg('more than %d entries here; that is over the limit', LIMIT_ENTRIES), this.pos());
      if (this.line[this.i] === '?') this.syntax('explicit keys are not read here');
      let k;
      if (this.line[this.i] === ':') k = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos() };
      else k = this.inline(true, true);
      this.skipFlowBlanks();
      let v;
      if (this.line[this.i] === ':') {
        this.i++;
        this.skipFlowBlanks();
        const c = this.line[this.i];
        v = c === ',' || c === '}' ? { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos() } : this.inline(true, false, 0);
        this.skipFlowBlanks();
      } else {
        v = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos() };
      }
      kids.push(k, v);
      const c = this.line[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === '}') { this.i++; break; }
      this.syntax("did not find expected ',' or '}'");
    }
    this.leave();
    return this.keysScalar({ type: 'map', kids, n: kids.length / 2, pos });
  }

  flowSeq() {
    const pos = this.pos();
    this.enter(pos);
    this.i++;
    const kids = [];
    for (;;) {
      this.skipFlowBlanks();
      if (this.line[this.i] === ']') { this.i++; break; }
      if (kids.length >= LIMIT_ENTRIES)
        this.fail(msg('more than %d entries here; that is over the limit', LIMIT_ENTRIES), this.pos());
      const item = this.inline(true, false, 0);
      this.skipFlowBlanks();
      // "[a: b]" makes a one-pair mapping in libyaml; no signpost list holds one.
      if (this.line[this.i] === ':') this.syntax("did not find expected ',' or ']'");
      kids.push(item);
      const c = this.line[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === ']') { this.i++; break; }
      this.syntax("did not find expected ',' or ']'");
    }
    this.leave();
    return { type: 'seq', kids, n: kids.length, pos };
  }

  keysScalar(map) {
    for (let k = 0; k < map.kids.length; k += 2) {
      const key = map.kids[k];
      if (key.type !== 'scalar') {
        this.report(key.pos, msg('a key must be a plain name, not a list or mapping'));
        map.kids[k] = { type: 'scalar', plain: false, bad: true, str: '', n: 0, pos: key.pos };
      }
    }
    return map;
  }

  // ---- Block structure ----

  // Whether the current position (a line's first non-blank) starts "KEY:" in the block
  // context: returns the key node with this.i after the ':' or null (position unchanged).
  tryKey() {
    const save = this.i, saveLn = this.ln;
    const s = this.line;
    const c = s[this.i];
    if (c === '-' && isBlankZ(s[this.i + 1])) return null;
    let key;
    if (c === '{' || c === '[') {
      key = this.inline(false, true);
    } else if (c === '"' || c === "'" || this.badStart(c, s[this.i + 1])) {
      key = this.inline(false, true);
    } else {
      key = this.checkScalar(this.plain(false), true);
    }
    // A key is on one line (libyaml's simple keys): a flow collection over lines is a value.
    if (this.ln !== saveLn) {
      this.ln = saveLn;
      this.i = save;
      return null;
    }
    let k = this.i;
    while (k < s.length && isBlank(s[k])) k++;
    if (s[k] === ':' && isBlankZ(s[k + 1])) {
      this.i = k + 1;
      if (key.type !== 'scalar') {
        this.report(key.pos, msg('a key must be a plain name, not a list or mapping'));
        return { type: 'scalar', plain: false, bad: true, str: '', n: 0, pos: key.pos };
      }
      if (key.str.length > 1024) this.syntax("could not find expected ':'", key.pos);
      return key;
    }
    this.i = save;
    return null;
  }

  // The value after "KEY:" (this.i just after the colon) of a mapping at indent.
  blockValue(indent, allowSeqAtIndent) {
    const s = this.line;
    let k = this.i;
    while (k < s.length && isBlank(s[k])) k++;
    if (k < s.length && !(s[k] === '#' && (k === 0 || isBlank(s[k - 1]) || k === this.i))) {
      this.i = k;
      if (s[k] === '-' && isBlankZ(s[k + 1])) this.syntax('block sequence entries are not allowed in this context');
      const node = this.inline(false, false, indent + 1);
      if (node.type === 'scalar' && node.plain && this.mappingValueFollows()) this.syntax('mapping values are not allowed in this context');
      this.endOfLine();
      return node;
    }
    const empty = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos(this.ln, k) };
    this.ln++;
    this.i = 0;
    if (!this.nextContent()) return empty;
    const ind = this.indentOf();
    const s2 = this.line;
    const dash = s2[this.i] === '-' && isBlankZ(s2[this.i + 1]);
    if (ind > indent) return dash ? this.blockSeq(ind) : this.nestedNode(ind, indent);
    if (ind === indent && dash && allowSeqAtIndent) return this.blockSeq(ind);
    return empty;
  }

  // A value on the lines below its key (or "-") at column ind: a block mapping when the line
  // starts with a key, else a scalar or flow collection (continuing past column parent).
  nestedNode(ind, parent) {
    const save = this.i;
    const key = this.tryKey();
    this.i = save;
    if (key) return this.blockMap(ind);
    const node = this.inline(false, false, parent + 1);
    if (node.type === 'scalar' && node.plain && this.mappingValueFollows()) this.syntax('mapping values are not allowed in this context');
    this.endOfLine();
    return node;
  }

  // A plain value followed by ': ' on its line: libyaml refuses it.
  mappingValueFollows() {
    const s = this.line;
    let k = this.i;
    while (k < s.length && isBlank(s[k])) k++;
    return s[k] === ':' && isBlankZ(s[k + 1]);
  }

  // A block mapping whose keys sit at column indent; first: its first key is at this.i on
  // the current line (a compact mapping after "- ").
  blockMap(indent, first = false) {
    const pos = this.pos();
    const limit = this.unlimited ? Infinity : LIMIT_ENTRIES;
    this.unlimited = false;
    this.enter(pos);
    const kids = [];
    while (first || this.nextContent()) {
      first = false;
      const ind = this.indentOf();
      if (ind < indent || this.atDocumentMarker()) break;
      if (ind > indent) this.syntax('mapping values are not allowed in this context');
      const s = this.line;
      if (s[this.i] === '-' && isBlankZ(s[this.i + 1])) {
        if (indent === 0 && this.depth === 1) this.syntax('did not find expected key');
        break;
      }
      if (kids.length / 2 >= limit)
        this.fail(msg('more than %d entries here; that is over the limit', LIMIT_ENTRIES), this.pos());
      const explicit = s[this.i] === '?' && isBlankZ(s[this.i + 1]);
      const key = explicit ? this.explicitKey(indent) : this.tryKey();
      if (!key) this.syntax("could not find expected ':'");
      if (explicit) {
        kids.push(key, this.explicitValue(indent));
        continue;
      }
      // The root's answers are streamed by C, not built: no entry limit but the answers' own.
      this.unlimited = this.depth === 1 && key.str === 'answers';
      kids.push(key, this.blockValue(indent, true));
      this.unlimited = false;
    }
    this.leave();
    return { type: 'map', kids, n: kids.length / 2, pos };
  }

  // "? KEY" (an explicit key, on its line): the key, a scalar or flow collection.
  explicitKey(indent) {
    this.i++;
    const s = this.line;
    while (this.i < s.length && isBlank(s[this.i])) this.i++;
    let key;
    if (this.i >= s.length || (s[this.i] === '#' && isBlank(s[this.i - 1]))) {
      key = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos() };
      this.ln++;
      this.i = 0;
    } else {
      key = this.inline(false, true, null);
      this.endOfLine();
    }
    if (key.type !== 'scalar') {
      this.report(key.pos, msg('a key must be a plain name, not a list or mapping'));
      return { type: 'scalar', plain: false, bad: true, str: '', n: 0, pos: key.pos };
    }
    return key;
  }

  // ": VALUE" at the explicit key's indent, or no value (null).
  explicitValue(indent) {
    const none = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos() };
    if (!this.nextContent() || this.indentOf() !== indent) return none;
    const s = this.line;
    if (!(s[this.i] === ':' && isBlankZ(s[this.i + 1]))) return none;
    this.i++;
    return this.blockValue(indent, true);
  }

  // "---" or "..." at the start of the current line.
  atDocumentMarker() {
    return this.i === 0 && /^(---|\.\.\.)([ \t]|$)/.test(this.line);
  }

  blockSeq(indent) {
    this.unlimited = false;
    const pos = this.pos();
    this.enter(pos);
    const kids = [];
    while (this.nextContent()) {
      const ind = this.indentOf();
      if (ind < indent || this.atDocumentMarker()) break;
      const s = this.line;
      const dash = s[this.i] === '-' && isBlankZ(s[this.i + 1]);
      if (ind > indent || !dash) {
        if (ind === indent) break; // a key at the parent's indent ends this list
        this.syntax("did not find expected '-' indicator");
      }
      if (kids.length >= LIMIT_ENTRIES)
        this.fail(msg('more than %d entries here; that is over the limit', LIMIT_ENTRIES), this.pos());
      this.i++;
      kids.push(this.seqItem(indent));
    }
    this.leave();
    return { type: 'seq', kids, n: kids.length, pos };
  }

  // The item after "- ": inline, a compact mapping "- key: value", or a nested block.
  seqItem(indent) {
    const s = this.line;
    let k = this.i;
    while (k < s.length && s[k] === ' ') k++;
    if (k >= s.length || (s[k] === '#' && k > this.i)) {
      const empty = { type: 'scalar', plain: true, str: '', n: 0, pos: this.pos(this.ln, k) };
      this.ln++;
      this.i = 0;
      if (!this.nextContent()) return empty;
      const ind = this.indentOf();
      if (ind <= indent) return empty;
      const dash = this.line[this.i] === '-' && isBlankZ(this.line[this.i + 1]);
      return dash ? this.blockSeq(ind) : this.nestedNode(ind, indent);
    }
    if (s[k] === '\t') { this.i = k; this.syntax('found character that cannot start any token'); }
    this.i = k;
    if (s[k] === '-' && isBlankZ(s[k + 1])) return this.blockSeq(k);
    const save = this.i;
    const key = this.tryKey();
    if (key) {
      // A compact mapping whose keys sit at column k.
      this.i = save;
      return this.blockMap(k, true);
    }
    const node = this.inline(false, false, indent + 1);
    this.endOfLine();
    return node;
  }

  // The document: an optional "---", the root mapping, an optional "...", nothing more.
  document() {
    if (!this.nextContent()) return null;
    if (/^---(\s|$)/.test(this.line) && this.i === 0) {
      this.i = 3;
      const rest = this.line.slice(3).trim();
      if (rest && !rest.startsWith('#')) this.syntax('content on the document start line is not read here');
      this.ln++;
      this.i = 0;
      if (!this.nextContent()) return null;
    }
    if (this.i !== 0) this.syntax('the root mapping must start at column 1');
    const root = this.rootNode();
    if (this.nextContent()) {
      if (this.i === 0 && /^\.\.\.(\s|$)/.test(this.line)) {
        this.ln++;
        this.i = 0;
        if (this.nextContent())
          this.fail(msg('a second YAML document starts here; a signpost file holds exactly one'), this.pos());
      } else if (this.i === 0 && /^---(\s|$)/.test(this.line)) {
        this.fail(msg('a second YAML document starts here; a signpost file holds exactly one'), this.pos());
      } else {
        this.syntax('did not find expected <document start>');
      }
    }
    return root;
  }

  rootNode() {
    const s = this.line;
    if (s[0] === '{' || s[0] === '[' || s[0] === '"' || s[0] === "'" ) {
      const save = this.i;
      const key = this.tryKey();
      this.i = save;
      if (!key) {
        const node = this.inline(false, false);
        this.endOfLine();
        return node;
      }
    }
    if (s[0] === '-' && isBlankZ(s[1])) return this.blockSeq(0);
    const save = this.i;
    const key = this.tryKey();
    this.i = save;
    if (!key) {
      const node = this.inline(false, false);
      this.endOfLine();
      if (this.nextContent()) this.syntax("could not find expected ':'");
      return node;
    }
    return this.blockMap(0);
  }
}

// Parses the YAML of a result (bytes after the tag line). Returns {root, errors} where errors
// are the non-fatal problems found ({pos, message}); throws YamlError when reading cannot go on.
export function parseYaml(bytes, lineOffset) {
  const lines = readLines(bytes, lineOffset);
  const p = new Parser(lines, lineOffset);
  const root = p.document();
  return { root, errors: p.errors };
}

export function isNull(n) {
  if (n.type !== 'scalar' || !n.plain) return false;
  return n.n === 0 || n.str === '' || ['~', 'null', 'Null', 'NULL'].includes(n.str);
}

// How a node reads in a message: "a list", "a mapping", "an empty value", "'xyz'".
export function describe(n) {
  if (n.type === 'seq') return msg('a list');
  if (n.type === 'map') return msg('a mapping');
  if (isNull(n) || n.n === 0) return msg('an empty value');
  if (enc.encode(n.str).length > 40) {
    let cut = [...n.str];
    let bytes = 0, out = '';
    for (const ch of cut) { bytes += enc.encode(ch).length; if (bytes > 37) break; out += ch; }
    return msg("the text '%.*s...'", out.length, out);
  }
  return msg("'%s'", n.str);
}
