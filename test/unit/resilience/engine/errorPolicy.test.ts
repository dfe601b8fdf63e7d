import * as assert from 'node:assert/strict';
import { toTurnError } from '../../../../src/chat/errorActions';
import type { StreamChunk } from '../../../../src/core/chunks';
import { ERROR_KINDS, ERROR_POLICY } from '../../../../src/core/errorPolicy';
import { ProviderError, type ErrorKind } from '../../../../src/core/errors';
import type { ChatRequest } from '../../../../src/core/messages';
import type { ChatProvider } from '../../../../src/core/provider';
import { redact } from '../../../../src/core/redact';
import { engineFor, ofType, run, until } from './harness';

/**
 * A provider that fails every chat with one error kind, or answers. It stands in for an adapter
 * (whose kind mapping the provider suites test against loopback servers); here only the router's
 * reading of the kind is under test, and most kinds (content filter, context length, quota) have
 * no single wire fault common to every protocol.
 */
class KindProvider implements ChatProvider {
  readonly protocol = 'openai' as const;
  readonly model = 'scripted';
  readonly trust = 'cloud';
  readonly continuation = 'prompt' as const;
  calls = 0;
  constructor(
    readonly id: string,
    private readonly kind?: ErrorKind | 'hang',
    private readonly retryAfterMs?: number,
  ) {}
  get label(): string {
    return this.id.toUpperCase();
  }
  async *streamChat(req: ChatRequest): AsyncIterable<StreamChunk> {
    this.calls++;
    if (this.kind === 'hang') {
      await new Promise((resolve) => req.signal?.addEventListener('abort', resolve, { once: true }));
      throw new ProviderError({ kind: 'cancelled', providerId: this.id });
    }
    if (this.kind) {
      throw new ProviderError({
        kind: this.kind,
        providerId: this.id,
        message: 'scripted',
        retryAfterMs: this.retryAfterMs,
      });
    }
    yield { type: 'text', text: 'Fallback answer.' };
    yield { type: 'finish', reason: 'stop' };
  }
  listModels(): Promise<string[]> {
    return Promise.resolve([this.model]);
  }
}

/** One blamed failure opens the breaker, so the test can see whether a kind counted. */
const BREAKER = { consecutiveFailures: 1, failureRate: 1, minRequests: 1000, cooldownMs: 60_000 };

describe('error policy: the table and its readers agree', () => {
  for (const kind of ERROR_KINDS.filter((k) => k !== 'cancelled')) {
    const policy = ERROR_POLICY[kind];
    it(`${kind}: router, ProviderError and chat view act as the table says`, async () => {
      const a = new KindProvider('a', kind);
      const b = new KindProvider('b');
      const { engine, events } = engineFor([a, b], { breaker: BREAKER });
      const r = await run(engine);
      const health = engine.health().find((h) => h.id === 'a');
      assert.ok(health);
      if (policy.endsChat) {
        assert.equal(r.error?.kind, kind, 'the chat ends with this error');
        assert.equal(b.calls, 0, 'the request is not sprayed at the next provider');
      } else {
        assert.equal(r.error, undefined, r.error?.message);
        assert.equal(r.text, 'Fallback answer.', 'the next provider answers');
      }
      assert.equal(health.state === 'misconfigured', policy.misconfigures, `state ${health.state}`);
      assert.equal(health.breaker === 'open', policy.blamesProvider, `breaker ${health.breaker}`);
      const failed = ofType(events, 'attempt_failed')[0];
      assert.ok(failed.message.startsWith(`a: ${policy.attempt}`), failed.message);

      const err = new ProviderError({ kind, providerId: 'a' });
      assert.equal(err.retryable, policy.retryable);
      assert.equal(err.misconfigured, policy.misconfigures);
      assert.deepEqual(toTurnError(err).actions, policy.actions);
      engine.dispose();
    });

    it(`${kind}: the error that ends a chat is worded without a fallback promise`, async () => {
      const a = new KindProvider('a', kind);
      const { engine, events } = engineFor([a], { retry: { baseMs: 1, maxMs: 1, maxWaitMs: 5 } });
      const r = await run(engine);
      assert.equal(r.error?.kind, kind);
      assert.ok(r.error.message.startsWith(`a: ${policy.final}`), r.error.message);
      assert.doesNotMatch(r.error.message, /will (use|continue on) another provider/);
      assert.equal(ofType(events, 'chat_failed').length, 1);
      const shown = toTurnError(r.error);
      assert.equal(shown.message, redact(r.error.message));
      assert.deepEqual(shown.actions, policy.actions);
      engine.dispose();
    });
  }

  it('a rate limit with Retry-After cools the provider down instead of opening its breaker', async () => {
    const coolers = ERROR_KINDS.filter((k) => ERROR_POLICY[k].coolsDown);
    assert.deepEqual(coolers, ['rate_limited']);
    const { engine } = engineFor([new KindProvider('a', 'rate_limited', 30_000), new KindProvider('b')], {
      breaker: BREAKER,
    });
    const r = await run(engine);
    assert.equal(r.text, 'Fallback answer.');
    const a = engine.health().find((h) => h.id === 'a');
    assert.equal(a?.breaker, 'closed');
    assert.equal(a?.state, 'cooling_down');
    engine.dispose();
  });

  it('a fire drill fails over without counting against the provider (typed flag, not its wording)', async () => {
    const a = new KindProvider('a', 'hang');
    const b = new KindProvider('b');
    const { engine, events } = engineFor([a, b], { breaker: BREAKER });
    const chat = run(engine);
    await until(() => a.calls === 1);
    engine.simulateOutage('a', 60_000);
    const r = await chat;
    assert.equal(r.text, 'Fallback answer.');
    const failed = ofType(events, 'attempt_failed');
    assert.deepEqual(failed.map((e) => [e.providerId, e.kind]), [['a', 'overloaded']]);
    assert.equal(engine.health().find((h) => h.id === 'a')?.breaker, 'closed');
    engine.dispose();
  });

  it('every final wording differs from a promise of more attempts', () => {
    for (const kind of ERROR_KINDS) assert.doesNotMatch(ERROR_POLICY[kind].final, /Switchboard will/, kind);
  });
});
