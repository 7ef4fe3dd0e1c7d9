// A minimal stand-in for the DOM that web/src/ui builds with (document.createElement,
// createTextNode, append, setAttribute, dataset, style, addEventListener), so that the
// articles can be rendered and read as text under node --test.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

class Text {
  constructor(s) {
    this.data = s;
  }

  get textContent() {
    return this.data;
  }
}

class Element {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.dataset = {};
    this.style = {};
    this.children = [];
    this.listeners = {};
  }

  setAttribute(k, v) {
    this.attributes[k] = String(v);
  }

  getAttribute(k) {
    return k in this.attributes ? this.attributes[k] : null;
  }

  append(...nodes) {
    for (const n of nodes) this.children.push(typeof n === 'string' ? new Text(n) : n);
  }

  appendChild(n) {
    this.children.push(n);
    return n;
  }

  replaceChildren(...nodes) {
    this.children = [];
    this.append(...nodes);
  }

  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }

  set textContent(s) {
    this.children = [new Text(String(s))];
  }

  // The text with a line break after each block, roughly as innerText reads it.
  get textContent() {
    return this.children.map((c) => c.textContent).join('');
  }

  get innerText() {
    const block = /^(P|LI|H[1-6]|DIV|SECTION|HEADER|FOOTER|SUMMARY|DT|DD|FIGCAPTION)$/;
    return this.children.map((c) => (c instanceof Element ? c.innerText + (block.test(c.tagName) ? '\n' : '') : c.textContent)).join('');
  }

  // Every element below this one (depth first) that matches pred.
  findAll(pred, out = []) {
    for (const c of this.children) {
      if (!(c instanceof Element)) continue;
      if (pred(c)) out.push(c);
      c.findAll(pred, out);
    }
    return out;
  }

  // Every attribute value below and on this element, to check them for unprintable values.
  allAttributes(out = []) {
    out.push(...Object.values(this.attributes), ...Object.values(this.dataset).map(String),
      ...Object.values(this.style).map(String));
    for (const c of this.children) if (c instanceof Element) c.allAttributes(out);
    return out;
  }
}

export function installFakeDom() {
  globalThis.document = {
    createElement: (tag) => new Element(tag),
    createTextNode: (s) => new Text(s),
  };
}
