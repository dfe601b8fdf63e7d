import * as assert from 'node:assert/strict';
import { parseChainSettings, type Deployment } from '../../../../src/config/chains';
import { eventToRow } from '../../../../src/dashboard/dashboardModel';
import type { ChatProvider } from '../../../../src/core/provider';
import type { LoopbackServer } from '../../../../src/loopback/server';
import type { EngineSettings } from '../../../../src/resilience/api';
import { ask, clock, engineFor, ofType, providerFor, run, Servers } from './harness';

/**
 * Fallback chains over real SDKs and loopback servers: Claude Sonnet from Anthropic, then the same
 * model through an OpenAI-compatible gateway, then OpenAI's gpt-4o; plus a provider outside the chain.
 */
describe('engine: fallback chains', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  /** `more`: deployments the settings name but the host does not run (disabled, or no key). */
  async function setup(
    chain: Record<string, unknown>,
    settings: Partial<EngineSettings> = {},
    more: Deployment[] = [],
  ) {
    const s = {
      other: (await servers.start('cohere')).setDefault({ text: 'Cohere.' }),
      anthropic: (await servers.start('anthropic')).setDefault({ text: 'Anthropic.' }),
      openai: (await servers.start('openai')).setDefault({ text: 'OpenAI.' }),
      gateway: (await servers.start('openai')).setDefault({ text: 'Gateway.' }),
    };
    const p = (server: LoopbackServer, id: string, label: string, model: string): ChatProvider =>
      providerFor(server, id, { label, model });
    const providers = [
      p(s.other, 'other', 'Cohere', 'command-a-03-2025'),
      p(s.anthropic, 'anthropic', 'Anthropic', 'claude-sonnet-4-6'),
      p(s.openai, 'openai', 'OpenAI', 'gpt-4o'),
      p(s.gateway, 'gateway', 'Gateway', 'anthropic/claude-sonnet-4.6'),
    ];
    const raw = [{ id: 'sonnet', label: 'Claude Sonnet (anywhere)', ...chain }];
    const parsed = parseChainSettings(raw, [...providers, ...more]);
    assert.deepEqual(parsed.problems, []);
    const h = engineFor(providers, { chains: parsed.chains, ...settings });
    return { ...s, ...h };
  }
  const sonnet = (extra = {}) => ask('Hi', { prefer: 'sonnet', ...extra });
  const notices = (r: Awaited<ReturnType<typeof run>>) =>
    r.chunks.flatMap((c) => (c.type === 'notice' ? [`${c.kind}: ${c.message}`] : []));

  it('goes through its steps only, same family first: the gateway before OpenAI, the outside provider never', async () => {
    const s = await setup({ steps: ['anthropic', 'openai', 'gateway'] });
    assert.equal((await run(s.engine)).text, 'Cohere.', 'a chat without the chain keeps the automatic order');
    assert.equal((await run(s.engine, sonnet())).text, 'Anthropic.');
    s.anthropic.setDefault({ fault: { type: 'status', status: 529 } });
    const r = await run(s.engine, sonnet());
    assert.equal(r.text, 'Gateway.', 'the same model elsewhere comes before another family');
    assert.deepEqual(notices(r), ['fell_back: Gateway answered: Anthropic failed (overloaded)']);
    s.gateway.setDefault({ fault: { type: 'status', status: 500 } });
    assert.equal((await run(s.engine, sonnet())).text, 'OpenAI.');
    s.openai.setDefault({ fault: { type: 'status', status: 500 } });
    const all = await run(s.engine, sonnet());
    assert.ok(all.error, 'every step failed: the chat fails rather than leave the chain');
    assert.equal(s.other.chatRequests.length, 1, 'only the chat without the chain reached the outside provider');
    s.engine.dispose();
  });

  it('"as-listed" keeps the order the user wrote', async () => {
    const s = await setup({ steps: ['anthropic', 'openai', 'gateway'], order: 'as-listed' });
    s.anthropic.setDefault({ fault: { type: 'status', status: 529 } });
    assert.equal((await run(s.engine, sonnet())).text, 'OpenAI.');
    assert.equal(s.gateway.chatRequests.length, 0);
    s.engine.dispose();
  });

  it('says when another model family answers, and when the chain is back on its primary (chat and event log)', async () => {
    const s = await setup(
      { steps: ['anthropic', 'gateway', 'openai'] },
      { breaker: { consecutiveFailures: 1, failureRate: 1, minRequests: 100, cooldownMs: 5_000 } },
    );
    s.anthropic.setDefault({ fault: { type: 'status', status: 500 } });
    s.gateway.setDefault({ fault: { type: 'status', status: 500 } });
    const moved = 'chain_moved: Claude Sonnet (anywhere): Anthropic';
    const first = await run(s.engine, sonnet());
    assert.equal(first.text, 'OpenAI.');
    assert.ok(notices(first).includes(`${moved} failed (server_error); answered by OpenAI gpt-4o (a different model family).`), notices(first).join('\n'));
    const second = await run(s.engine, sonnet());
    assert.equal(second.text, 'OpenAI.');
    const expected = `${moved} is down (breaker open); answered by OpenAI gpt-4o (a different model family).`;
    assert.ok(notices(second).includes(expected), notices(second).join('\n'));
    await clock().advance(5_100);
    s.anthropic.setDefault({ text: 'Anthropic again.' });
    const back = await run(s.engine, sonnet());
    assert.equal(back.text, 'Anthropic again.');
    assert.deepEqual(notices(back), ['chain_back: Claude Sonnet (anywhere) is back on Anthropic claude-sonnet-4-6.']);
    assert.deepEqual(notices(await run(s.engine, sonnet())), [], 'once back, no more notices');
    const log = [...ofType(s.events, 'chain_moved'), ...ofType(s.events, 'chain_back')]
      .sort((a, b) => a.at - b.at)
      .map((e) => eventToRow(e)?.text);
    assert.deepEqual(log, [
      'Claude Sonnet (anywhere): Anthropic failed (server_error); answered by openai (a different model family)',
      'Claude Sonnet (anywhere): Anthropic is down (breaker open); answered by openai (a different model family)',
      'Claude Sonnet (anywhere) is back on anthropic',
    ]);
    s.engine.dispose();
  });

  it('a same-family step answering needs no family notice; pinning the chain routes every chat through it', async () => {
    const s = await setup({ steps: ['anthropic', 'gateway', 'openai'] }, { policy: 'pinned', pinned: 'sonnet' });
    assert.equal((await run(s.engine)).text, 'Anthropic.');
    s.engine.isolate('anthropic');
    const r = await run(s.engine);
    assert.equal(r.text, 'Gateway.');
    assert.deepEqual(notices(r), ['skipped: Anthropic is isolated until reset; Gateway answered.']);
    s.engine.reset('anthropic');
    assert.deepEqual(notices(await run(s.engine)), ['chain_back: Claude Sonnet (anywhere) is back on Anthropic claude-sonnet-4-6.']);
    assert.equal(s.other.chatRequests.length, 0);
    s.engine.dispose();
  });

  it('a step the host does not run (disabled in settings, or no key) is passed over, and the notice says so', async () => {
    const ghost = { id: 'ghost', label: 'Ghost', protocol: 'anthropic' as const, model: 'claude-opus-4-1' };
    const s = await setup({ steps: ['ghost', 'openai'] }, {}, [ghost]);
    const r = await run(s.engine, sonnet());
    assert.equal(r.text, 'OpenAI.');
    const expected = 'Ghost is not ready (disabled in settings or no API key); answered by OpenAI gpt-4o';
    assert.deepEqual(notices(r), [`chain_moved: Claude Sonnet (anywhere): ${expected} (a different model family).`]);
    s.engine.dispose();
  });

  it('sensitivity and capability fit hold inside a chain: a sensitive request never leaves for a cloud step', async () => {
    const s = await setup({ steps: ['anthropic', 'openai'] });
    const r = await run(s.engine, sonnet({ sensitive: true }));
    assert.match(r.error?.message ?? '', /sensitive.*nothing was sent/);
    assert.equal(s.anthropic.chatRequests.length + s.openai.chatRequests.length, 0);
    for (const id of ['anthropic', 'openai']) s.engine.setEnabled(id, false);
    const none = await run(s.engine, sonnet());
    assert.match(none.error?.message ?? '', /Claude Sonnet \(anywhere\): none of its steps \(Anthropic, OpenAI\) is ready/);
    assert.equal(s.other.chatRequests.length, 0, 'the outside provider is not a step');
    s.engine.dispose();
  });
});
