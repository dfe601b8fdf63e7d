/**
 * Markdown for answers, safe by construction: raw HTML is escaped (`html: false`), images become
 * link text (never fetched), links carry no `href` (so the webview never navigates) and open only
 * through the host, and fenced code gets Copy / Insert / Apply buttons. No DOM: unit-tested in Node.
 */
import MarkdownIt from 'markdown-it';
import { isOpenableHref } from '../core/protocol';
import { highlight } from './highlight';

export interface RenderedMarkdown {
  html: string;
  /** Code of each block, by the `data-code-index` of its element. */
  codes: string[];
}

interface Env {
  codes: string[];
  /** Closing tag for each open link (a real link, or plain text when the target is not openable). */
  linkStack: string[];
}

type Md = InstanceType<typeof MarkdownIt>;
type Token = ReturnType<Md['parse']>[number];
/** markdown-it's env is an untyped bag; ours always has this shape. */
const envOf = (env: unknown) => env as Env;
const attr = (token: Token, name: string) => String(token.attrGet(name) ?? '');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function linkOpen(href: string): string {
  return `<a class="md-link" role="link" tabindex="0" data-href="${esc(href)}" title="${esc(href)}">`;
}

function inlineText(tokens: Token[] | null): string {
  return (tokens ?? []).map((t) => (t.children ? inlineText(t.children) : t.content)).join('');
}

function codeBlock(code: string, info: string, env: Env): string {
  const lang = (info.trim().split(/\s+/)[0] ?? '').replace(/[^\w+#.-]/g, '').slice(0, 32);
  const index = env.codes.push(code.replace(/\n$/, '')) - 1;
  const label = lang || 'code';
  const what = lang ? `${esc(lang)} code` : 'code';
  return (
    `<div class="code-block" data-code-index="${index}">` +
    `<div class="code-toolbar"><span class="code-lang">${esc(label)}</span>` +
    `<button type="button" data-code-action="copy" aria-label="Copy ${what}">Copy</button>` +
    `<button type="button" data-code-action="insert" aria-label="Insert ${what} at the cursor">Insert at Cursor</button>` +
    `<button type="button" data-code-action="apply" aria-label="Preview this ${what} in the open file (the selection, ` +
    `or the whole file), then accept or reject">Apply to File</button>` +
    `</div><pre><code${lang ? ` class="hljs language-${esc(lang)}"` : ''}>${highlight(code, lang.toLowerCase()) ?? esc(code)}</code></pre></div>\n`
  );
}

export function createMarkdown(): (source: string) => RenderedMarkdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  const rules = md.renderer.rules;

  rules.link_open = (tokens, idx, _o, env) => {
    const href = attr(tokens[idx], 'href');
    if (isOpenableHref(href)) {
      envOf(env).linkStack.push('</a>');
      return linkOpen(href);
    }
    envOf(env).linkStack.push('</span>');
    return `<span class="md-nolink" title="${esc(href)}">`;
  };
  rules.link_close = (_t, _i, _o, env) => envOf(env).linkStack.pop() ?? '';

  rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const src = attr(token, 'src');
    const alt = inlineText(token.children) || 'image';
    if (isOpenableHref(src)) return `${linkOpen(src)}[image: ${esc(alt)}]</a>`;
    return `<span class="md-nolink">[image: ${esc(alt)}]</span>`;
  };

  rules.fence = (tokens, idx, _o, env) => codeBlock(tokens[idx].content, tokens[idx].info, envOf(env));
  rules.code_block = (tokens, idx, _o, env) => codeBlock(tokens[idx].content, '', envOf(env));

  return (source) => {
    const env: Env = { codes: [], linkStack: [] };
    return { html: md.render(source, env as unknown as Record<string, unknown>), codes: env.codes };
  };
}
