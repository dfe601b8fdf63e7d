import * as assert from 'node:assert/strict';
import { createMarkdown } from '../../../src/webview/markdown';

/** The markup without highlight.js's token spans (what the code block reads as text). */
const textOf = (html: string) => html.replace(/<\/?span[^>]*>/g, '');

describe('chat markdown rendering', () => {
  const render = createMarkdown();

  it('escapes raw HTML instead of rendering it', () => {
    const { html } = render('Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <iframe src="https://e.test"></iframe>\n\n<div onclick="x()">block</div>');
    assert.ok(!/<script|<img|<iframe|<div onclick/i.test(html), html);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('renders images as link text and never as an <img> that would be fetched', () => {
    for (const src of ['![diagram](https://example.test/x.png)', '![pixel](data:image/png;base64,AAAA)', '![t](/local.png "title")', '<https://example.test/a.png>']) {
      const { html } = render(src);
      assert.ok(!/<img|\ssrc=/i.test(html), `${src} -> ${html}`);
    }
    const { html } = render('![diagram](https://example.test/x.png)');
    assert.match(html, /data-href="https:\/\/example\.test\/x\.png"/);
    assert.match(html, /\[image: diagram\]/);
  });

  it('gives links no href (the webview never navigates) and only web/mail targets', () => {
    const { html } = render('[ok](https://example.test/a?b=1&c="2") [mail](mailto:a@example.test) [bad](javascript:alert(1)) [file](file:///etc/passwd) [rel](src/app.ts) see https://linkify.example.test/x');
    assert.ok(!/\shref=/i.test(html), html);
    assert.ok(!/data-href="(javascript|file):/i.test(html), html);
    assert.ok(!/<a[^>]*>bad<\/a>/.test(html), html);
    assert.match(html, /data-href="https:\/\/example\.test\/a\?b=1&amp;c=%222%22"/);
    assert.match(html, /data-href="mailto:a@example\.test"/);
    assert.match(html, /data-href="https:\/\/linkify\.example\.test\/x"/);
    assert.match(html, /<span class="md-nolink"[^>]*>rel<\/span>/);
  });

  it('does not let a link title or text break out of its attribute', () => {
    const { html } = render('[x" onmouseover="alert(1)](https://example.test/" onmouseover="alert(1))');
    assert.ok(!/"\s*onmouseover=/i.test(html), html);
  });

  it('collects fenced code with Copy / Insert / Apply buttons and a sanitized language', () => {
    const { html, codes } = render('Try:\n\n```ts" onclick="x\nconst a = 1 < 2;\n```\n\n    indented();\n');
    assert.deepEqual(codes, ['const a = 1 < 2;', 'indented();']);
    assert.match(html, /data-code-index="0"/);
    assert.match(html, /data-code-index="1"/);
    assert.match(html, /data-code-action="copy"/);
    assert.match(html, /data-code-action="insert"/);
    assert.match(html, /data-code-action="apply"/);
    assert.match(textOf(html), /const a = 1 &lt; 2;/);
    assert.ok(!/onclick="x/.test(html), html);
    assert.match(html, /<code class="hljs language-ts">/);
  });

  it('renders an unfinished fence while streaming', () => {
    const { html, codes } = render('Here:\n```python\nprint(1)\n');
    assert.equal(codes.length, 1);
    assert.match(textOf(html), /print\(1\)/);
  });
});

describe('code block highlighting', () => {
  const render = createMarkdown();

  it('highlights known languages (and their aliases) with theme-coloured token spans', () => {
    const { html, codes } = render('```ts\nconst answer: number = 42; // why\n```');
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /<span class="hljs-number">42<\/span>/);
    assert.match(html, /<span class="hljs-comment">\/\/ why<\/span>/);
    assert.equal(codes[0], 'const answer: number = 42; // why', 'Copy/Insert/Apply get the plain code');
    assert.match(render('```py\ndef f(): pass\n```').html, /<span class="hljs-keyword">def<\/span>/);
  });

  it('still escapes everything inside highlighted code', () => {
    const { html } = render('```html\n<script>window.__pwned = 1</script><img src="http://evil.example/x.png">\n```');
    assert.ok(!/<script|<img/i.test(html), html);
    assert.match(html, /&lt;<span class="hljs-name">script<\/span>&gt;/);
  });

  it('leaves unknown languages and huge blocks plain', () => {
    assert.ok(!render('```brainfuck\n+++\n```').html.includes('hljs-'));
    const big = 'let x = 1;\n'.repeat(6000);
    assert.ok(!render('```js\n' + big + '```').html.includes('<span class="hljs-keyword">'));
  });
});
