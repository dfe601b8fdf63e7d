import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../src/core/errors';
import type { ProtocolId } from '../../../src/core/provider';
import { ChaosProxy, type ChaosMode } from '../../support/chaosProxy';
import { tokenize } from '../../../src/loopback/script';
import { LoopbackServer } from '../../../src/loopback/server';
import type { FrameContext } from '../../../src/loopback/wireFormat';
import {
  activeHandles,
  adapterAt,
  warmSdks,
  assertNoKey,
  drain,
  formatFor,
  MODEL,
  PROTOCOLS,
  settleHandles,
} from '../reliability/helpers';

const ANSWER = 'one two three four five six seven eight nine ten.';
const TOKENS = tokenize(ANSWER);
const TIMEOUTS = { headersMs: 300, firstTokenMs: 300, stallMs: 300 };
/** No case may take longer than this: every fault ends in a finish or a typed error. */
const BOUND_MS = 3000;

/** HTTP/1.1 chunked size of the frames the server writes before token `k` plus half of token k. */
function midTokenOffset(protocol: ProtocolId, k: number): number {
  const f = formatFor(protocol);
  const ctx: FrameContext = {
    requestId: 'req_x_1',
    model: MODEL,
    body: {},
    inputTokens: 12,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: TOKENS.length,
    textBlock: true,
    toolCount: 0,
  };
  const chunked = (s: string) => Buffer.byteLength(s).toString(16).length + 4 + Buffer.byteLength(s);
  let n = f.start(ctx).reduce((a, s) => a + chunked(s), 0);
  for (let i = 0; i < k; i++) n += chunked(f.token(ctx, TOKENS[i], i));
  return n + Math.floor(chunked(f.token(ctx, TOKENS[k], k)) / 2);
}

interface Case {
  name: string;
  mode: (p: ProtocolId) => ChaosMode;
  /** undefined = must finish with the whole answer. */
  kind?: ErrorKind;
  /** Also accepted for one protocol (a known SDK quirk, see the case). */
  alsoOk?: { protocol: ProtocolId; kind: ErrorKind };
  /** Text that must have been delivered (and kept as partialText) before the error. */
  partial?: string;
}

const CASES: Case[] = [
  { name: 'pass', mode: () => ({ type: 'pass' }) },
  { name: 'latency 15 ms each way', mode: () => ({ type: 'latency', ms: 15 }) },
  { name: 'slow trickle (16-byte pieces, 1 ms apart)', mode: () => ({ type: 'trickle', chunkBytes: 16, delayMs: 1 }) },
  { name: 'refuse (closed at accept)', mode: () => ({ type: 'refuse' }), kind: 'network', partial: '' },
  { name: 'reset before any response byte', mode: () => ({ type: 'reset' }), kind: 'network', partial: '' },
  { name: 'hang (never forwards)', mode: () => ({ type: 'hang' }), kind: 'timeout', partial: '' },
  {
    name: 'latency beyond the header timeout',
    mode: () => ({ type: 'latency', ms: 400 }),
    kind: 'timeout',
    partial: '',
  },
  {
    name: 'reset after 3 tokens',
    mode: (p) => ({ type: 'reset', afterBodyBytes: midTokenOffset(p, 3) }),
    kind: 'interrupted',
    partial: TOKENS.slice(0, 3).join(''),
  },
  {
    name: 'truncate after 3 tokens',
    mode: (p) => ({ type: 'truncate', afterBodyBytes: midTokenOffset(p, 3) }),
    kind: 'interrupted',
    partial: TOKENS.slice(0, 3).join(''),
  },
  // With `Connection: close`, undici ends a chunked body cut mid-chunk CLEANLY; the openai SDK then
  // parses the half frame and throws SyntaxError, which the adapter reports as `protocol`.
  {
    name: 'truncate after 3 tokens, Connection: close',
    mode: (p) => ({ type: 'truncate', afterBodyBytes: midTokenOffset(p, 3), connectionClose: true }),
    kind: 'interrupted',
    alsoOk: { protocol: 'openai', kind: 'protocol' },
    partial: TOKENS.slice(0, 3).join(''),
  },
  {
    name: 'truncate right after headers',
    mode: () => ({ type: 'truncate', afterBodyBytes: 0 }),
    kind: 'interrupted',
    partial: '',
  },
];

describe('chaos proxy: every adapter survives TCP faults (real SDKs)', function () {
  this.timeout(10_000);
  const base = { sockets: 0, timers: 0 };
  const tally: Record<string, number> = {};
  before(() => {
    warmSdks();
    Object.assign(base, activeHandles());
  });
  after(async () => {
    const left = await settleHandles(base);
    console.log(`      chaos: ${Object.entries(tally).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    assert.ok(left.sockets <= base.sockets, `sockets leaked: ${left.sockets} open, ${base.sockets} before`);
  });

  for (const protocol of PROTOCOLS) {
    describe(protocol, () => {
      let server: LoopbackServer;
      let proxy: ChaosProxy;
      beforeEach(async () => {
        server = await LoopbackServer.start(formatFor(protocol), { defaultScript: { text: ANSWER, tokenDelayMs: 2 } });
        proxy = await ChaosProxy.start(Number(new URL(server.origin).port));
      });
      afterEach(async () => {
        // No socket may stay open on either side once the chat is over.
        await proxy.waitForIdle(2000);
        await server.waitForSocketsClosed(2000);
        await proxy.close();
        await server.close();
      });

      for (const c of CASES) {
        it(`${c.name}: ${c.kind ? `${c.kind} error, partial text kept` : 'the whole answer'}`, async () => {
          proxy.script(c.mode(protocol));
          const r = await drain(adapterAt(protocol, proxy.origin, `${protocol}-chaos`, TIMEOUTS));
          assert.ok(r.ms < BOUND_MS, `took ${r.ms} ms`);
          assert.equal(proxy.connections, 1);
          if (c.kind === undefined) {
            assert.equal(r.error, undefined, r.error?.message);
            assert.ok(r.finished);
            assert.equal(r.text, ANSWER);
          } else {
            assert.ok(r.error, 'expected an error');
            const ok = r.error.kind === c.kind || (c.alsoOk?.protocol === protocol && r.error.kind === c.alsoOk.kind);
            assert.ok(ok, `${r.error.kind}: ${r.error.message}`);
            assert.ok(r.error.retryable);
            assert.equal(r.error.partialText, r.text);
            assert.equal(r.text, c.partial);
            assert.equal(r.error.streamed, r.text.length > 0);
            assert.ok(r.error.message.startsWith(`${protocol}-chaos: `));
            assertNoKey(r.error);
          }
          const outcome = r.error?.kind ?? 'finished';
          tally[outcome] = (tally[outcome] ?? 0) + 1;
        });
      }

      it('closed port: network error, then answers again once the port reopens', async () => {
        const p = adapterAt(protocol, proxy.origin, `${protocol}-chaos`, TIMEOUTS);
        await proxy.closePort();
        const down = await drain(p);
        assert.equal(down.error?.kind, 'network', down.error?.message);
        assert.equal(proxy.connections, 0);
        await proxy.reopen();
        const up = await drain(p);
        assert.equal(up.error, undefined, up.error?.message);
        assert.equal(up.text, ANSWER);
        tally.network = (tally.network ?? 0) + 1;
      });

      it('a fresh connection per request: each scripted fault hits exactly one chat', async () => {
        const p = adapterAt(protocol, proxy.origin, `${protocol}-chaos`, TIMEOUTS);
        proxy.script({ type: 'pass' }, { type: 'reset' }, { type: 'pass' }, { type: 'truncate', afterBodyBytes: midTokenOffset(protocol, 3) }, { type: 'pass' });
        const kinds: string[] = [];
        for (let i = 0; i < 5; i++) {
          const r = await drain(p);
          kinds.push(r.error ? r.error.kind : r.text === ANSWER ? 'ok' : 'wrong text');
        }
        assert.deepEqual(kinds, ['ok', 'network', 'ok', 'interrupted', 'ok']);
        assert.equal(proxy.connections, 5);
        assert.equal(server.chatRequests.length, 4);
      });
    });
  }
});
