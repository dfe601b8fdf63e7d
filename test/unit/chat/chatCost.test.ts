import * as assert from 'node:assert/strict';
import type { AssistantTurn, HostToChat, TurnPart } from '../../../src/core/protocol';
import { usageLine } from '../../../src/core/money';
import { ChatController } from '../../../src/chat/chatController';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { Engine } from '../../../src/resilience/api';
import { captureLog, engineOver, fakeOps, MemoryStorage, Servers } from './helpers';

type UsagePart = Extract<TurnPart, { type: 'usage' }>;

describe('chat: usage and cost under each answer', () => {
  const servers = new Servers();
  let engine: Engine | undefined;
  afterEach(async () => {
    engine?.dispose();
    await servers.closeAll();
  });

  it("each answer carries its tokens, cache hits and cost, and the chat's running total", async () => {
    const a = (await servers.start()).setDefault({
      text: 'one two',
      usageCounts: { inputTokens: 3000, cachedInputTokens: 2048 },
    });
    // $1 per 1M input, $0.50 per 1M cached, $2 per 1M output.
    const prices = [{ model: 'loopback-model', input: 1, cachedInput: 0.5, output: 2 }];
    engine = engineOver([{ server: a, id: 'a' }], { cost: { prices, dailyBudgetUsd: {}, warnAt: 0.8 } });
    const { posted, ops } = fakeOps();
    const store = new ConversationStore(new MemoryStorage(), { throttleMs: 10 });
    const chat = new ChatController(engine, store, ops, captureLog());
    await chat.send('first');
    await chat.send('second');
    const answers = store.all().filter((t): t is AssistantTurn => t.role === 'assistant');
    const usage = answers.map((t) => t.parts.find((p): p is UsagePart => p.type === 'usage'));
    const each = (952 * 1 + 2048 * 0.5 + 2 * 2) / 1e6;
    assert.equal(usage[0]?.cachedInputTokens, 2048);
    assert.equal(usage[0]?.costUsd?.toFixed(9), each.toFixed(9));
    assert.equal(usage[1]?.chatCostUsd?.toFixed(9), (2 * each).toFixed(9));
    const sent = posted.filter(
      (m): m is Extract<HostToChat, { type: 'part' }> => m.type === 'part' && m.part.type === 'usage',
    );
    assert.equal(
      (sent.at(-1)?.part as UsagePart).chatCostUsd?.toFixed(9),
      (2 * each).toFixed(9),
      'the webview gets it too',
    );
    assert.equal(usageLine(usage[1] as UsagePart), '3,000 tokens in (2,048 cached) · 2 out · $0.0020 (chat $0.0040)');
    chat.dispose();
  });

  it('the line stays tokens-only for local or unpriced models', () => {
    assert.equal(
      usageLine({ type: 'usage', inputTokens: 12, outputTokens: 3, costUsd: 0, chatCostUsd: 0 }),
      '12 tokens in · 3 out',
    );
    assert.equal(usageLine({ type: 'usage', inputTokens: 12, outputTokens: 3 }), '12 tokens in · 3 out');
  });
});
