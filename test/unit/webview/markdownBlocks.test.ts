import * as assert from 'node:assert/strict';
import { createMarkdown } from '../../../src/webview/markdown';
import { MarkdownBlocks } from '../../../src/webview/markdownBlocks';

/** Feeds `text` in chunks of `size`; returns the blocks, the final tail and the characters rendered per update. */
function stream(text: string, size: number, maxTail?: number) {
  const blocks = new MarkdownBlocks(maxTail);
  const done: string[] = [];
  const rendered: number[] = [];
  let tail = '';
  for (let i = size; i < text.length + size; i += size) {
    const r = blocks.update(text.slice(0, i));
    done.push(...r.done);
    tail = r.tail;
    rendered.push(r.done.reduce((n, b) => n + b.length, 0) + r.tail.length);
  }
  return { done, tail, rendered };
}

describe('streaming markdown blocks (item 12: only the last block re-renders)', () => {
  const render = createMarkdown();

  it('the blocks and the tail put together are exactly the text, and render like the whole', () => {
    const text = '# Title\n\nSome *text*\nmore text\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nThe end.';
    for (const size of [1, 3, 7, 50]) {
      const { done, tail } = stream(text, size);
      assert.equal(done.join('') + tail, text);
      const pieces = [...done, tail].map((b) => render(b).html).join('');
      assert.equal(pieces.replace(/\s+/g, ''), render(text).html.replace(/\s+/g, ''), `chunk size ${size}`);
    }
  });

  it('never cuts inside a code fence, even at a blank line', () => {
    const { done } = stream('Before\n\n```py\nx = 1\n\n\ny = 2\n```\nafter\n\nlast', 2);
    assert.deepEqual(done, ['Before\n\n', '```py\nx = 1\n\n\ny = 2\n```\nafter\n\n']);
  });

  it('keeps an indented continuation with its list item', () => {
    const { done, tail } = stream('- item\n\n  still the item\n\nNext', 1);
    assert.deepEqual([...done, tail], ['- item\n\n  still the item\n\n', 'Next']);
  });

  it('cost per chunk stays flat: a 2 MB answer re-renders a bounded tail, not everything so far', () => {
    const line = 'Lorem ipsum dolor sit amet, **consectetur** adipiscing `code` [x](https://example.test)\n';
    const text = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
    const { done, tail, rendered } = stream(text, 16 * 1024);
    assert.equal(done.join('') + tail, text);
    const max = Math.max(...rendered);
    assert.ok(max < 64 * 1024, `at most ${max} characters rendered for one chunk`);
    const total = rendered.reduce((a, b) => a + b, 0);
    assert.ok(total < 3 * text.length, `${total} characters rendered in all for ${text.length}`);
  });

  it('does not cut a table or an indented continuation when forcing a cut', () => {
    const table = '| a | b |\n|---|---|\n' + '| 1 | 2 |\n'.repeat(500);
    const { done } = stream(table + '\nafter', 100, 256);
    assert.equal(done[0], table + '\n', 'the table stays whole');
  });
});
