// `text` panels: markdown (or HTML) turned into a small safe subset of DOM nodes — paragraphs,
// headings, lists, bold/italic, inline and block code, links (http/https/mailto hrefs only).
// Nothing is ever parsed as markup by the browser: HTML goes through a small tag scanner that
// builds only the allowed elements, with text nodes.
import { el, isJson, type PanelView, type RenderContext } from './common';

const SAFE_HREF = /^(https?:|mailto:)/i;

function link(text: string, href: string): HTMLElement {
  if (!SAFE_HREF.test(href.trim())) return el('span', undefined, text);
  const a = el('a', undefined, text);
  a.href = href.trim();
  a.rel = 'noopener noreferrer';
  return a;
}

/** Inline markdown: `code`, **bold**, __bold__, *italic*, _italic_, [text](url), <url>. */
export function inline(text: string, into: HTMLElement): void {
  const re = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|\b_(.+?)_\b|\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*")?\)|<(https?:\/\/[^>\s]+)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) into.appendChild(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) into.appendChild(el('code', undefined, m[1]));
    else if (m[2] !== undefined || m[3] !== undefined) inline(m[2] ?? m[3], into.appendChild(el('strong')));
    else if (m[4] !== undefined || m[5] !== undefined) inline(m[4] ?? m[5], into.appendChild(el('em')));
    else if (m[6] !== undefined) into.appendChild(link(m[6] || m[7], m[7]));
    else if (m[8] !== undefined) into.appendChild(link(m[8], m[8]));
    last = re.lastIndex;
  }
  if (last < text.length) into.appendChild(document.createTextNode(text.slice(last)));
}

/** Block markdown: headings, fenced code, lists, block quotes, rules, paragraphs. */
export function renderMarkdown(src: string, into: HTMLElement): void {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) code.push(lines[i++]);
      i++;
      into.appendChild(el('pre')).appendChild(el('code', undefined, code.join('\n')));
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      inline(h[2], into.appendChild(el(`h${h[1].length}` as 'h1')));
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      into.appendChild(el('hr'));
      i++;
      continue;
    }
    const li = /^\s*([-*+]|\d+[.)])\s+/;
    if (li.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = into.appendChild(el(ordered ? 'ol' : 'ul'));
      while (i < lines.length && li.test(lines[i])) inline(lines[i++].replace(li, ''), list.appendChild(el('li')));
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quote: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quote.push(lines[i++].replace(/^\s*>\s?/, ''));
      renderMarkdown(quote.join('\n'), into.appendChild(el('blockquote')));
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^\s*(#{1,6}\s|```|~~~|>)/.test(lines[i]) && !li.test(lines[i])) para.push(lines[i++].trim());
    inline(para.join(' '), into.appendChild(el('p')));
  }
}

const ALLOWED = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'strong', 'i', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'br', 'hr', 'blockquote', 'span', 'div', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const DROP = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math', 'head', 'title']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the common character references (named ones above, decimal and hex). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);

/**
 * HTML content, rebuilt from the allowed elements and their text by a small tag scanner: the
 * browser never parses it (no DOMParser, no innerHTML), so no handler or resource of it can run
 * or load. Attributes are dropped, except a link's http(s)/mailto href; script/style content too.
 */
export function renderSafeHtml(html: string, into: HTMLElement): void {
  const stack: Array<{ tag: string; node: HTMLElement }> = [{ tag: '', node: into }];
  const top = () => stack[stack.length - 1].node;
  const text = (t: string) => t && top().appendChild(document.createTextNode(decodeEntities(t)));
  const src = html.replace(/<!--[\s\S]*?(-->|$)/g, '');
  const tagRe = /<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(src))) {
    text(src.slice(last, m.index));
    last = tagRe.lastIndex;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (DROP.has(tag)) {
      if (!closing) {
        // Skip everything up to the matching end tag.
        const end = src.toLowerCase().indexOf(`</${tag}`, last);
        last = end < 0 ? src.length : end;
        tagRe.lastIndex = last;
      }
      continue;
    }
    if (!ALLOWED.has(tag)) continue; // unknown elements: their text stays
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    let node: HTMLElement;
    if (tag === 'a') {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(m[3]);
      node = link('', decodeEntities(href ? (href[1] ?? href[2] ?? href[3]) : ''));
    } else node = document.createElement(tag);
    top().appendChild(node);
    if (!VOID.has(tag) && !/\/\s*$/.test(m[3])) stack.push({ tag, node });
  }
  text(src.slice(last));
}

export function renderText(ctx: RenderContext): PanelView {
  const { panel, body } = ctx;
  const o = isJson(panel.options) ? panel.options : {};
  const written = typeof o.content === 'string' ? o.content : typeof panel.content === 'string' ? panel.content : '';
  const mode = typeof o.mode === 'string' ? o.mode : typeof panel.mode === 'string' ? panel.mode : 'markdown';
  // Variables are filled in first, as Grafana's TextPanel does; in HTML, escaped (our markdown
  // renderer never reads markup, so a value there is text as it is).
  const content = ctx.replaceVariables ? ctx.replaceVariables(written, mode === 'html') : written;
  const box = el('div', 'text-panel');
  if (mode === 'html') renderSafeHtml(content, box);
  else if (mode === 'code') box.appendChild(el('pre')).appendChild(el('code', undefined, content));
  else renderMarkdown(content, box);
  body.replaceChildren(box);
  return { drawn: () => box.childNodes.length > 0, text: () => box.textContent ?? '' };
}
