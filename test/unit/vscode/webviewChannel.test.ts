import * as assert from 'node:assert/strict';
import { WebviewChannel } from '../../../src/vscode/webviewChannel';

type Msg = { type: string; n?: number };

function target() {
  const got: Msg[] = [];
  return { got, postMessage: (m: Msg) => (got.push(m), Promise.resolve(true)) };
}

describe('webview channel (ready handshake)', () => {
  it('posts nothing before ready, then the snapshot first and only messages it does not cover', () => {
    const ch = new WebviewChannel<Msg>((m) => m.type === 'focus');
    const t = target();
    ch.attach(t);
    ch.post({ type: 'part', n: 1 });
    ch.post({ type: 'focus' });
    ch.post({ type: 'part', n: 2 });
    assert.deepEqual(t.got, []);
    ch.markReady({ type: 'init' });
    assert.deepEqual(t.got, [{ type: 'init' }, { type: 'focus' }]);
    ch.post({ type: 'part', n: 3 });
    assert.deepEqual(t.got.at(-1), { type: 'part', n: 3 });
  });

  it('queues again after the document reloads (re-attach) and drops the queue on detach', () => {
    const ch = new WebviewChannel<Msg>();
    const t = target();
    ch.attach(t);
    ch.markReady({ type: 'init' });
    ch.attach(t);
    ch.post({ type: 'part' });
    assert.equal(t.got.length, 1);
    ch.detach();
    assert.equal(ch.ready, false);
    ch.post({ type: 'part' });
    assert.equal(t.got.length, 1);
  });
});
