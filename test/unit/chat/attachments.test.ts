import * as assert from 'node:assert/strict';
import {
  ATTACH_LIMITS,
  attachmentBlock,
  AttachError,
  fileAttachment,
  looksBinary,
  problemsAttachment,
  refusal,
  type Problem,
} from '../../../src/chat/attachments';
import { buildMessages, filesOf } from '../../../src/chat/requestBuilder';
import { matchFiles } from '../../../src/chat/fileMatch';
import type { Attachment } from '../../../src/core/attachments';
import type { Turn } from '../../../src/core/protocol';

const file = (label: string, text: string): Attachment => ({
  id: 'c1',
  ...fileAttachment({ path: `/ws/${label}`, label, language: 'ts', text }),
});

describe('chat attachments: what a request carries', () => {
  it('a file goes after the question as its path and fenced contents', () => {
    const attachments = [file('src/math.ts', 'export const add = (a, b) => a + b;')];
    const turns: Turn[] = [{ role: 'user', id: 'u1', at: 0, text: 'What does add do?', attachments }];
    const user = buildMessages(turns)[1];
    assert.equal(user.content, 'What does add do?\n\nFile src/math.ts:\n```ts\nexport const add = (a, b) => a + b;\n```');
  });

  it('a big file is cut to the limit, and the request says so', () => {
    const big = 'x'.repeat(ATTACH_LIMITS.chars + 5000);
    const a = file('big.txt', big);
    assert.equal(a.content.length, ATTACH_LIMITS.chars);
    const block = attachmentBlock(a);
    assert.match(block, /\(Truncated: this is the first 60,000 of 65,000 characters\.\)$/);
  });

  it('content with its own fences cannot close the attachment early', () => {
    const block = attachmentBlock(file('README.md', 'Use:\n```js\nrun()\n```\nand ````four````'));
    assert.ok(block.startsWith('File README.md:\n`````ts\n'), block);
    assert.ok(block.endsWith('\n`````'), block);
  });

  it('a selection says its path and line range; a turn saved before attachments existed still sends its code', () => {
    const legacy: Turn = {
      role: 'user',
      id: 'u1',
      at: 0,
      text: 'Why?',
      context: { path: '/ws/a.py', fileName: 'a.py', language: 'python', startLine: 3, endLine: 9, code: 'x = 1' },
    };
    assert.equal(buildMessages([legacy])[1].content, 'Why?\n\nSelection from a.py (lines 3-9):\n```python\nx = 1\n```');
    assert.deepEqual(filesOf([legacy]), ['/ws/a.py']);
  });

  it('problems are listed errors first with severity, path:line and message', () => {
    type S = Problem['severity'];
    const p = (severity: S, label: string, line: number, message: string, source?: string): Problem => ({
      severity,
      path: `/ws/${label}`,
      label,
      line,
      message,
      source,
    });
    const list = [p('warning', 'b.ts', 4, 'unused x'), p('error', 'a.ts', 12, "Cannot find\n name 'y'.", 'ts 2304')];
    const a = problemsAttachment(list, 'the workspace');
    assert.equal(a.label, 'Problems in the workspace (2)');
    assert.equal(a.content, "- error a.ts:12: Cannot find name 'y'. (ts 2304)\n- warning b.ts:4: unused x");
    assert.deepEqual(a.paths, ['/ws/a.ts', '/ws/b.ts']);
    assert.equal(attachmentBlock(a), `Problems in the workspace (2):\n${a.content}`);
    assert.throws(() => problemsAttachment([], 'src/a.ts'), (e: unknown) => e instanceof AttachError && /src\/a\.ts has no errors or warnings/.test(e.message));
  });

  it('more problems than the limit: the first ones and a count of the rest', () => {
    const one = (i: number): Problem => ({ severity: 'error', path: '/a', label: 'a', line: i + 1, message: 'x' });
    const many = Array.from({ length: ATTACH_LIMITS.problems + 7 }, (_, i) => one(i));
    const a = problemsAttachment(many, 'a.ts');
    assert.equal(a.content.split('\n').length, ATTACH_LIMITS.problems + 1);
    assert.match(a.content, /- … and 7 more$/);
  });

  it('every attached file feeds the sensitivity globs, once', () => {
    const env = { ...file('.env', ''), id: 'c2' };
    const turns: Turn[] = [
      { role: 'user', id: 'u1', at: 0, text: 'a', attachments: [file('src/a.ts', ''), env] },
      { role: 'assistant', id: 'a2', at: 0, parts: [], status: 'done' },
      { role: 'user', id: 'u3', at: 0, text: 'b', attachments: [file('src/a.ts', '')] },
    ];
    assert.deepEqual(filesOf(turns), ['/ws/src/a.ts', '/ws/.env']);
  });
});

describe('chat attachments: limits and checks', () => {
  it('refuses a duplicate, one too many, and one that would pass the total size, each with a reason', () => {
    const one = file('a.ts', 'a');
    assert.match(refusal([one], file('a.ts', 'a')) ?? '', /a\.ts is already attached/);
    const full = Array.from({ length: ATTACH_LIMITS.count }, (_, i) => file(`f${i}.ts`, ''));
    assert.match(refusal(full, file('z.ts', '')) ?? '', /At most 8 attachments per message: remove one/);
    const heavy = Array.from({ length: 3 }, (_, i) => file(`h${i}.ts`, 'x'.repeat(ATTACH_LIMITS.chars)));
    assert.match(refusal(heavy, file('z.ts', 'x'.repeat(30_000))) ?? '', /would make this message's attachments 210,000 characters \(at most 200,000\)/);
    assert.equal(refusal(heavy, file('z.ts', 'x'.repeat(20_000))), undefined);
  });

  it('tells binary content from text', () => {
    assert.equal(looksBinary(new TextEncoder().encode('plain text, ünïcode ✓')), false);
    assert.equal(looksBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true, 'a PNG header');
    assert.equal(looksBinary(Uint8Array.from([0x66, 0xff, 0xfe, 0x66])), true, 'not UTF-8');
  });

  it('# completion ranks a file name that starts with the query first', () => {
    const labels = ['src/utils/mathHelpers.ts', 'src/math.ts', 'docs/about-math.md', 'src/main.ts', 'test/math/add.ts'];
    const files = labels.map((label) => ({ path: `/ws/${label}`, label }));
    const ranked = ['src/math.ts', 'src/utils/mathHelpers.ts', 'docs/about-math.md', 'test/math/add.ts'];
    assert.deepEqual(matchFiles(files, 'math').map((f) => f.label), ranked);
    assert.deepEqual(matchFiles(files, 'MATH add').map((f) => f.label), ['test/math/add.ts']);
    assert.equal(matchFiles(files, '').length, files.length, 'a bare # lists files');
    assert.deepEqual(matchFiles(files, 'nothing-like-it'), []);
  });
});
