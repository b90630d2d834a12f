// The rich text of emails and email templates, in the browser: the same allow-list the server
// sanitises with (docs/messaging.md, "Safe rich text"), inserting HTML at a caret, and telling
// an empty body from a written one. The server sanitises again; this keeps what the person sees
// equal to what is sent.

const ALLOWED = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'UL', 'OL', 'LI', 'A', 'BLOCKQUOTE']);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH', 'HEAD', 'TITLE']);
const BLOCKS = new Set(['P', 'UL', 'OL', 'BLOCKQUOTE', 'DIV', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'PRE']);

/** Whether `href` is a link the server keeps (http:, https: or mailto:). */
export function safeHref(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}

function cleanChildren(from: Node, to: Node, doc: Document): void {
  for (const child of [...from.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) {
      // Browsers keep typed spaces as no-break spaces; between words they are plain spaces.
      to.appendChild(doc.createTextNode((child.textContent ?? '').replace(/(\S)\u00a0(?=\S)/g, '$1 ')));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (DROPPED.has(tag)) continue;
    if (!ALLOWED.has(tag)) {
      // Unwrapped: its text kept. A block (div, h1) keeps its own paragraph.
      if (tag === 'DIV' || /^H[1-6]$/.test(tag)) {
        const p = doc.createElement('p');
        cleanChildren(el, p, doc);
        to.appendChild(p);
      } else cleanChildren(el, to, doc);
      continue;
    }
    const out = doc.createElement(tag.toLowerCase());
    if (tag === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (safeHref(href)) out.setAttribute('href', href.trim());
    }
    cleanChildren(el, out, doc);
    to.appendChild(out);
  }
}

/** `html` reduced to the allow-list: other elements unwrapped or dropped, every attribute but a safe `href` removed. */
export function sanitizeHtml(html: string): string {
  const doc = document.implementation.createHTMLDocument('');
  const source = doc.createElement('div');
  source.innerHTML = html;
  const out = doc.createElement('div');
  cleanChildren(source, out, doc);
  return out.innerHTML;
}

/** True when the HTML shows no text (only empty paragraphs and line breaks). */
export function isBlankHtml(html: string): boolean {
  const div = document.createElement('div');
  div.innerHTML = html;
  return (div.textContent ?? '').replace(/\u00a0/g, ' ').trim() === '';
}

/** Plain text as paragraphs: blank lines separate paragraphs, single newlines become <br>. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function fragmentOf(html: string, doc: Document): DocumentFragment {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function closestBlock(node: Node, root: HTMLElement): HTMLElement | null {
  let n: Node | null = node;
  while (n && n !== root) {
    if (n.nodeType === Node.ELEMENT_NODE && BLOCKS.has((n as Element).tagName)) return n as HTMLElement;
    n = n.parentNode;
  }
  return null;
}

const hasBlocks = (f: DocumentFragment) =>
  [...f.childNodes].some((n) => n.nodeType === Node.ELEMENT_NODE && BLOCKS.has((n as Element).tagName));

/**
 * Inserts (sanitised) `html` into `root` at `range` (replacing what it selects), keeping
 * paragraphs valid: a template made of one paragraph goes inline; blocks inserted inside a
 * paragraph split it in two. Returns a collapsed range just after what was inserted, where the
 * next insertion goes.
 */
export function insertHtmlAt(root: HTMLElement, range: Range | null, html: string): Range {
  const doc = root.ownerDocument;
  let r = range && root.contains(range.commonAncestorContainer) ? range : null;
  if (!r) {
    r = doc.createRange();
    r.selectNodeContents(root);
    r.collapse(false);
  }
  r.deleteContents();
  let fragment = fragmentOf(sanitizeHtml(html), doc);
  const block = closestBlock(r.startContainer, root);
  // One paragraph into a paragraph: its contents only.
  if (block && fragment.childNodes.length === 1 && (fragment.firstChild as Element | null)?.tagName === 'P') {
    const inner = doc.createDocumentFragment();
    while (fragment.firstChild!.firstChild) inner.appendChild(fragment.firstChild!.firstChild!);
    fragment = inner;
  }
  const nodes = [...fragment.childNodes];
  if (nodes.length === 0) return r;
  const last = nodes[nodes.length - 1];

  if (block && block.tagName === 'P' && hasBlocks(fragment)) {
    // Split the paragraph at the caret: [before] [template blocks] [after].
    const tail = doc.createRange();
    tail.setStart(r.startContainer, r.startOffset);
    tail.setEnd(block, block.childNodes.length);
    const after = block.cloneNode(false) as HTMLElement;
    after.appendChild(tail.extractContents());
    const parent = block.parentNode!;
    const next = block.nextSibling;
    parent.insertBefore(fragment, next);
    if (after.textContent || after.querySelector('br')) parent.insertBefore(after, last.nextSibling);
    if (!block.textContent && !block.querySelector('br')) block.remove();
  } else if (!block && !hasBlocks(fragment) && r.startContainer === root) {
    // Inline text straight in the editor: wrap it in a paragraph.
    const p = doc.createElement('p');
    p.appendChild(fragment);
    r.insertNode(p);
    const out = doc.createRange();
    out.setStartAfter(p);
    out.collapse(true);
    return out;
  } else {
    r.insertNode(fragment);
  }
  const out = doc.createRange();
  out.setStartAfter(last);
  out.collapse(true);
  return out;
}
