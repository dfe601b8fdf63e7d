import * as assert from 'node:assert/strict';
import { hashToken } from '../../../src/webview/chat/fileCompletion';

describe('# completion: the token before the caret', () => {
  it('finds #word (and #file:word) at the start or after a space, with where it starts', () => {
    assert.deepEqual(hashToken('#led', 4), { start: 0, query: 'led' });
    assert.deepEqual(hashToken('look at #file:src/led', 21), { start: 8, query: 'src/led' });
    assert.deepEqual(hashToken('why\n#', 5), { start: 4, query: '' }, 'a bare # lists files');
    assert.deepEqual(hashToken('#led and more', 4), { start: 0, query: 'led' }, 'the caret decides, not the end');
  });

  it('ignores a # inside a word, after the token ended, or a query too long to be a file name', () => {
    assert.equal(hashToken('issue#12', 8), undefined);
    assert.equal(hashToken('#led ', 5), undefined);
    assert.equal(hashToken('C# code', 7), undefined);
    assert.equal(hashToken(`#${'a'.repeat(201)}`, 202), undefined);
  });
});
