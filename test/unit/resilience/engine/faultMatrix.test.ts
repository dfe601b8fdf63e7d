import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../../src/core/errors';
import type { ProtocolId } from '../../../../src/core/provider';
import type { Fault } from '../../../../src/loopback/script';
import { planContinuation } from '../../../../src/core/continuation';
import { continuationModel } from '../../../../src/loopback/continuationModel';
import { LoopbackServer } from '../../../../src/loopback/server';
import { assertNoKey, engineFor, formatFor, ofType, PROTOCOLS, providerFor, run, Servers, shape } from './harness';

const RETRYABLE: ErrorKind[] = [
  'rate_limited',
  'overloaded',
  'server_error',
  'timeout',
  'stalled',
  'network',
  'interrupted',
  'protocol',
];

/** Faults before any token, with the kind when it is the same for every protocol. */
const BEFORE: { name: string; fault: Fault; kind?: ErrorKind }[] = [
  { name: '429', fault: { type: 'status', status: 429 }, kind: 'rate_limited' },
  { name: '500', fault: { type: 'status', status: 500 }, kind: 'server_error' },
  { name: '529', fault: { type: 'status', status: 529 }, kind: 'overloaded' },
  { name: 'reset', fault: { type: 'reset' }, kind: 'network' },
  { name: 'hang', fault: { type: 'hang' }, kind: 'timeout' },
  { name: 'stream-error@0', fault: { type: 'stream-error', afterTokens: 0 } },
  { name: 'drop@0', fault: { type: 'drop', afterTokens: 0 } },
  { name: 'no-finish@0', fault: { type: 'no-finish', afterTokens: 0 } },
  { name: 'stall@0', fault: { type: 'stall', afterTokens: 0 }, kind: 'stalled' },
  { name: 'malformed@0', fault: { type: 'malformed', afterTokens: 0 } },
];

/** Faults after 3 tokens reached the user. */
const MID: { name: string; fault: Fault }[] = [
  { name: 'stream-error@3', fault: { type: 'stream-error', afterTokens: 3 } },
  { name: 'drop@3', fault: { type: 'drop', afterTokens: 3 } },
  { name: 'no-finish@3', fault: { type: 'no-finish', afterTokens: 3 } },
  { name: 'stall@3', fault: { type: 'stall', afterTokens: 3 } },
  { name: 'malformed@3', fault: { type: 'malformed', afterTokens: 3 } },
];

const ANSWER = 'alpha beta gamma delta epsilon.';
const PARTIAL = 'alpha beta gamma ';
/** Style of each protocol's continuation (Anthropic: prefill; the others: a continue prompt). */
const style = (p: ProtocolId) => (p === 'anthropic' ? 'prefill' : 'prompt');

/** The fallback speaks another protocol, so every protocol is both primary and continuer. */
const nextProtocol = (p: ProtocolId): ProtocolId => PROTOCOLS[(PROTOCOLS.indexOf(p) + 1) % PROTOCOLS.length];

for (const protocol of PROTOCOLS) {
  describe(`engine fault matrix: ${protocol}`, function () {
    this.timeout(5000);
    const servers = new Servers();
    afterEach(() => servers.closeAll());

    for (const f of BEFORE) {
      it(`${f.name} before the first token: the fallback answers in full`, async () => {
        const a = (await servers.start(protocol)).setDefault({ text: ANSWER, fault: f.fault });
        const b = (await servers.start(nextProtocol(protocol))).setDefault({ text: 'Fallback answer.' });
        const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
        const r = await run(engine);
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, 'Fallback answer.');
        assert.deepEqual(shape(r.chunks), ['provider', 'notice:fell_back', 'text', 'usage', 'done']);
        const failed = ofType(events, 'attempt_failed');
        assert.equal(failed.length, 1);
        assert.equal(failed[0].streamed, false);
        if (f.kind) assert.equal(failed[0].kind, f.kind);
        else assert.ok(RETRYABLE.includes(failed[0].kind), failed[0].kind);
        assert.equal(ofType(events, 'fell_back')[0].to, 'b');
        engine.dispose();
      });

      it(`${f.name} with no fallback: a clear error, retried within the cap`, async () => {
        const a = (await servers.start(protocol)).setDefault({ text: ANSWER, fault: f.fault });
        const { engine } = engineFor([providerFor(a, 'a')], { maxAttemptsPerChat: 2 });
        const r = await run(engine);
        assert.ok(r.error, 'expected an error');
        if (f.kind) assert.equal(r.error.kind, f.kind);
        else assert.ok(RETRYABLE.includes(r.error.kind), r.error.kind);
        assert.equal(r.error.partialText, '');
        assert.equal(r.text, '');
        assert.equal(a.chatRequests.length, 2);
        assertNoKey(r.error);
        engine.dispose();
      });
    }

    for (const f of MID) {
      it(`${f.name}: continues on the fallback with the partial, repeat at the seam dropped`, async () => {
        const a = (await servers.start(protocol)).script({ text: ANSWER, fault: f.fault });
        // The fallback continues from what it is shown; without prefill it repeats the last word
        // it saw before going on, as models often do.
        const to = nextProtocol(protocol);
        const model = continuationModel(to, () => ANSWER, { repeat: style(to) === 'prompt' ? 'beta '.length : 0 });
        const b = await LoopbackServer.start(formatFor(to), { respond: model });
        servers.all.push(b);
        const { engine, events } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')]);
        const r = await run(engine);
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, ANSWER, 'nothing lost, nothing repeated');
        assert.deepEqual(shape(r.chunks), [
          'provider',
          'text',
          'provider',
          'notice:continued',
          'text',
          'usage',
          'done',
        ]);
        const notice = r.chunks.find((c) => c.type === 'notice');
        assert.equal(notice?.type === 'notice' && notice.message, 'Continued on B after A dropped');
        const cont = ofType(events, 'continued')[0];
        assert.deepEqual([cont.from, cont.to, cont.keptChars], ['a', 'b', PARTIAL.length]);
        assert.equal(ofType(events, 'attempt_failed')[0].streamed, true);
        // The fallback was given the partial answer to continue from.
        const sent = planContinuation(style(to), PARTIAL).sent;
        assert.ok(
          JSON.stringify(b.chatRequests[0].body).includes(JSON.stringify(sent)),
          'partial sent to the fallback',
        );
        engine.dispose();
      });

      it(`${f.name} with no fallback: the error keeps the partial text`, async () => {
        // The retry is asked to continue and fails again before any new text.
        const again = { ...f.fault, afterTokens: 0 } as Fault;
        const a = await LoopbackServer.start(formatFor(protocol), {
          respond: continuationModel(protocol, () => ANSWER, { fault: again }),
          defaultScript: { text: ANSWER, fault: f.fault },
        });
        servers.all.push(a);
        const { engine } = engineFor([providerFor(a, 'a')], { maxAttemptsPerChat: 2 });
        const r = await run(engine);
        assert.ok(r.error, 'expected an error');
        assert.ok(RETRYABLE.includes(r.error.kind), r.error.kind);
        assert.equal(r.error.partialText, PARTIAL);
        assert.equal(r.text, PARTIAL, 'what was shown stays, nothing is repeated');
        assert.equal(a.chatRequests.length, 2, 'the retry asked to continue');
        assertNoKey(r.error);
        engine.dispose();
      });
    }
  });
}
