// SPDX-License-Identifier: GPL-3.0-or-later
// Messages in English and Chinese. Every sentence is C's msgid (so the two implementations
// say the same thing), and its Chinese is the msgstr of po/zh_CN.po, copied into zh.js by
// tools/gen-zh.mjs. A message is {en, zh}.
import { sprintf } from './printf.js';
import { ZH as PO_ZH } from './zh.js';

// Sentences of the page alone (not in C's catalogue).
const PAGE_ZH = {
  'this browser cannot check Ed25519 signatures here (WebCrypto has no Ed25519: an old browser, or a page served over plain http, which is not a secure context); open the page from a file or over https in a current browser, or verify with: signpost verify %s':
    '此浏览器在此无法检验 Ed25519 签名（WebCrypto 不支持 Ed25519：浏览器过旧，或页面经纯 http 提供，不是安全上下文）；请在较新的浏览器中从文件或经 https 打开本页，或用以下命令验证：signpost verify %s',
  'flow collections over several lines are not read here; write the collection on one line': '此处不读取跨行的流式集合；请把集合写在一行内',
  'explicit keys are not read here': '此处不读取显式键（“? ”）',
  'content on the document start line is not read here': '此处不读取文档起始行上的内容',
  'the root mapping must start at column 1': '根映射必须从第 1 列开始',
};
const ZH = { ...PO_ZH, ...PAGE_ZH };

// _("...") with printf arguments: the message in both languages.
export function msg(id, ...args) {
  const zh = ZH[id];
  return { en: sprintf(id, ...args), zh: sprintf(typeof zh === 'string' ? zh : id, ...args) };
}

// P_(singular, plural, n): English picks by n; Chinese has one form.
export function pmsg(one, many, n, ...args) {
  const zh = ZH[one];
  const en = sprintf(n === 1 ? one : many, ...args);
  const z = Array.isArray(zh) ? zh[0] : typeof zh === 'string' ? zh : n === 1 ? one : many;
  return { en, zh: sprintf(z, ...args) };
}

// A message that is only a fixed text in both languages (an id, a number).
export function plain(s) {
  return { en: s, zh: s };
}

// Messages made of parts: each language's parts joined with its own template.
export function compose(id, ...parts) {
  const zh = ZH[id];
  const en = sprintf(id, ...parts.map((p) => (typeof p === 'object' && p ? p.en : p)));
  const z = sprintf(typeof zh === 'string' ? zh : id, ...parts.map((p) => (typeof p === 'object' && p ? p.zh : p)));
  return { en, zh: z };
}
