import * as assert from 'node:assert/strict';
import type { ChatMessage } from '../../../../src/core/messages';
import { CacheAffinity, conversationKey } from '../../../../src/resilience/router/cacheAffinity';
import type { Engine } from '../../../../src/resilience/api';
import type { SettingsOverride } from '../../../../src/resilience';
import { clock, engineFor, providerFor, run, Servers, type Run } from './harness';

/** Issue 15 item 5: a conversation stays where its prompt cache is warm unless health forces a move. */
describe('engine: prompt-cache stickiness', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  /** A (OpenAI wire) is slow, B (Anthropic wire) quick; both cache prompts by prefix like the real APIs. */
  async function setup(settings: SettingsOverride = {}) {
    const cache = { promptCache: true };
    const a = (await servers.start('openai', cache)).setDefault({ text: 'From A.', firstTokenDelayMs: 120 });
    const b = (await servers.start('anthropic', cache)).setDefault({ text: 'From B.', firstTokenDelayMs: 10 });
    const { engine } = engineFor([providerFor(a, 'a'), providerFor(b, 'b')], { policy: 'fastest', ...settings });
    return { a, b, engine };
  }

  /** One conversation, turn by turn: each turn sends the whole history, as every chat surface does. */
  function conversation(engine: Engine) {
    const history: ChatMessage[] = [{ role: 'system', content: 'You are a careful reviewer. '.repeat(40) }];
    return async (question: string): Promise<Run> => {
      history.push({ role: 'user', content: question });
      const r = await run(engine, { messages: [...history] });
      history.push({ role: 'assistant', content: r.text });
      return r;
    };
  }

  const cached = (r: Run) => {
    const u = r.chunks.find((c) => c.type === 'usage');
    return u?.type === 'usage' ? (u.usage.cachedInputTokens ?? 0) : undefined;
  };

  /** Both providers measured: B's first token is quicker, so `fastest` ranks it first for new chats. */
  async function measure(engine: Engine) {
    for (const id of ['a', 'b']) for (let i = 0; i < 3; i++) assert.equal((await engine.probe(id)).ok, true);
  }

  it('keeps a conversation on the provider whose cache is warm, with cache hits in its usage; new chats go to the fastest', async () => {
    const { engine } = await setup();
    const turn = conversation(engine);
    const first = await turn('Review this function.');
    assert.equal(first.text, 'From A.', 'without data: the user order');
    assert.equal(cached(first), 0);
    await measure(engine);
    const second = await turn('And the error handling?');
    assert.equal(second.text, 'From A.', 'B is now faster, but A holds this conversation in its cache');
    assert.ok((cached(second) ?? 0) > 100, `the second turn reads the first from A's cache (cached ${cached(second)})`);
    const other = await run(engine, { messages: [{ role: 'user', content: 'A different chat' }] });
    assert.equal(other.text, 'From B.', 'a new conversation has no warm cache: the fastest provider');
    engine.dispose();
  });

  it('leaves the warm provider when health forces it; the turn that moved warms the new one', async () => {
    const { engine } = await setup();
    const turn = conversation(engine);
    await turn('Review this function.');
    await measure(engine);
    engine.simulateOutage('a', 60_000);
    assert.equal((await turn('Second question')).text, 'From B.', 'A is in a fire drill: the turn moves');
    engine.simulateOutage('a', 0);
    const next = await turn('Third question');
    assert.equal(next.text, 'From B.', 'B, the fastest, now holds the longer history in its cache');
    assert.ok((cached(next) ?? 0) > 0, "the third turn reads the second from B's cache");
    engine.dispose();
  });

  it('forgets the provider once the cache would have expired, and does nothing when turned off', async () => {
    const { engine } = await setup({ cacheAffinity: { ttlMs: 60_000 } });
    const turn = conversation(engine);
    await turn('Review this function.');
    await measure(engine);
    await clock().advance(61_000);
    assert.equal((await turn('After lunch')).text, 'From B.', 'the cache has expired: the fastest provider');

    const off = await setup({ cacheAffinity: { ttlMs: 0 } });
    const turnOff = conversation(off.engine);
    await turnOff('Review this function.');
    await measure(off.engine);
    assert.equal((await turnOff('Second question')).text, 'From B.', 'stickiness off: policy order only');
    engine.dispose();
    off.engine.dispose();
  });

  it('under the priority policy a conversation moved by a crisis returns to the first choice', async () => {
    const { engine } = await setup({ policy: 'priority', order: ['a', 'b'] });
    const turn = conversation(engine);
    engine.simulateOutage('a', 60_000);
    assert.equal((await turn('First question')).text, 'From B.');
    engine.simulateOutage('a', 0);
    assert.equal((await turn('Second question')).text, 'From A.', "the user's first choice, not the fallback's cache");
    engine.dispose();
  });

  it('remembers at most 500 conversations, oldest forgotten first, by a key that holds no prompt text', () => {
    const aff = new CacheAffinity();
    const chat = (i: number): ChatMessage[] => [{ role: 'user', content: `secret plan number ${i}` }];
    const key = (i: number) => conversationKey(chat(i)) ?? '';
    for (let i = 0; i < 501; i++) aff.remember(key(i), 'a', 60_000, 0);
    assert.equal(aff.size, 500);
    assert.equal(aff.lookup(key(0), 1), undefined, 'the oldest conversation was forgotten');
    assert.equal(aff.lookup(key(500), 1), 'a');
    assert.doesNotMatch(conversationKey(chat(7)) ?? '', /secret|plan/);
  });
});
