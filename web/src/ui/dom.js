// Building the page's elements. Everything from a file or the page data goes in as text
// nodes, never parsed as markup: a name or a question text in a result cannot become markup.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

// h('p', {class: 'x', dataset: {verdict: 'trusted'}}, 'text', child, [more]) — attributes are
// set with setAttribute (on* handlers are refused: events go through addEventListener).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') Object.assign(el.style, v);
    else if (k.startsWith('on')) throw new Error(`h(): no inline handlers (${k})`);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

// Copies text to the clipboard; resolves true when it was, false when the browser refused
// (a file:// page without a user gesture, an old browser): then the caller shows the text
// selected so that it can be copied by hand.
export async function copyText(text) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* refused: fall through */
  }
  return false;
}

// Selects the text of an element (a <code> or an <input>) for copying by hand.
export function selectText(el) {
  if (el.select) {
    el.focus();
    el.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
