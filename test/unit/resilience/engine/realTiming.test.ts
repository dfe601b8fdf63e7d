import * as assert from 'node:assert/strict';
import type { LoopbackServer } from '../../../../src/loopback/server';
import type { ReplyScript } from '../../../../src/loopback/script';
import type { SettingsOverride } from '../../../../src/resilience';
import { seededRandom } from '../../../bench/stats';
import { clock, engineFor, ofType, providerFor, run, Servers, type Run } from './harness';

/**
 * The engine at real-world timing (issue 12), on virtual time: first tokens around 0.8 s, chats
 * arriving open-loop at two a second, phases of tens of seconds. Each test reproduces one thing
 * seen in the seed's crisis run.
 */
const REAL = { timeouts: { headersMs: 10_000, firstTokenMs: 10_000, stallMs: 5_000 } };
const A_OK: ReplyScript = { text: 'From A.', firstTokenDelayMs: 800, tokenDelayMs: 30 };
const B_OK: ReplyScript = { text: 'From B.', firstTokenDelayMs: 900, tokenDelayMs: 30 };
/** Real settings apart from a budget window that the tests' phases fit in. */
const REAL_SETTINGS: SettingsOverride = {
  hedging: { enabled: true, minDelayMs: 400, maxDelayMs: 4000 },
  retryBudget: { ratio: 0.1, windowMs: 60_000, minPerWindow: 5 },
  recovery: { probeEveryMs: 1000 },
};

interface Chat {
  at: number;
  r: Run;
}

/** `n` chats, one every `everyMs` of virtual time, each started without waiting for the others. */
async function openLoop(
  engine: Parameters<typeof run>[0],
  n: number,
  everyMs: number,
  onStart?: (i: number) => void,
): Promise<Chat[]> {
  const all: Promise<Chat>[] = [];
  for (let i = 0; i < n; i++) {
    onStart?.(i);
    const at = clock().now();
    all.push(run(engine).then((r) => ({ at, r })));
    await clock().advance(everyMs);
  }
  return Promise.all(all);
}

/** `n` scripts: a share `errors` of fast 500s (seeded), the rest `ok`. */
function flaky(ok: ReplyScript, errors: number, n: number, seed: number): ReplyScript[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () =>
    rnd() < errors ? { headerDelayMs: 150, fault: { type: 'status', status: 500 } } : ok,
  );
}

/** First-token delays spread like a real model's (log-normal around `medianMs`). */
function spread(ok: ReplyScript, medianMs: number, n: number, seed: number): ReplyScript[] {
  const rnd = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: n }, () => ({
    ...ok,
    firstTokenDelayMs: Math.round(medianMs * Math.exp(0.25 * normal())),
  }));
}

function phase(s: LoopbackServer, def: ReplyScript, queued: ReplyScript[] = []): void {
  s.reset().setDefault(def).script(...queued);
}

describe('engine at real-world timing', function () {
  this.timeout(20_000);
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  it('a hedge that loses the race is not held against the provider that joined late', async () => {
    const a = (await servers.start()).setDefault({ ...A_OK, firstTokenDelayMs: 300 });
    const b = (await servers.start()).setDefault(B_OK);
    const { engine, events } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], {
      hedging: { enabled: true, minDelayMs: 100, maxDelayMs: 200 },
      retryBudget: { ratio: 0, windowMs: 60_000, minPerWindow: 6 },
    });
    for (let i = 0; i < 3; i++) assert.equal((await run(engine)).text, 'From A.');
    assert.deepEqual(
      ofType(events, 'hedge_won').map((e) => e.loser),
      ['b', 'b', 'b'],
      'b joined three races late and lost them',
    );
    const hb = engine.health().find((h) => h.id === 'b');
    assert.equal(hb?.lastError, undefined, 'losing a race it joined late is not an error of b');
    assert.equal(hb?.errorRate, 0);
    assert.equal(hb?.state, 'healthy');
    a.script({ fault: { type: 'status', status: 500 } });
    const r = await run(engine);
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.text, 'From B.', 'the healthy fallback answers when the primary fails');
  });

  it('moving a chat to a provider it has not tried is never refused by the retry budget', async () => {
    const a = (await servers.start()).setDefault({ fault: { type: 'status', status: 500 } });
    const b = (await servers.start()).setDefault({ fault: { type: 'status', status: 503 } });
    const c = (await servers.start()).setDefault({ text: 'From C.', firstTokenDelayMs: 700 });
    const { engine, events } = engineFor(
      [providerFor(a, 'a', REAL), providerFor(b, 'b', REAL), providerFor(c, 'c', REAL)],
      {
        retryBudget: { ratio: 0, windowMs: 60_000, minPerWindow: 0 },
        breaker: { consecutiveFailures: 1000, failureRate: 1, minRequests: 1000, cooldownMs: 1000 },
      },
    );
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await run(engine);
      answers.push(r.error ? `error: ${r.error.message}` : r.text);
      await clock().advance(500);
    }
    assert.deepEqual(answers, Array(6).fill('From C.'), 'no chat ends in an error while an untried usable provider exists');
    assert.equal(ofType(events, 'chat_failed').length, 0);
  });

  it('a primary that starts failing 40% of chats is noticed within 5 s, not half a minute', async () => {
    const a = (await servers.start()).setDefault(A_OK);
    const b = (await servers.start()).setDefault(B_OK);
    const { engine, events } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], {
      ...REAL_SETTINGS,
      hedging: { enabled: false, minDelayMs: 400, maxDelayMs: 4000 },
    });
    let onset = 0;
    await openLoop(engine, 160, 500, (i) => {
      if (i !== 120) return;
      onset = clock().now();
      phase(a, A_OK, flaky(A_OK, 0.4, 200, 7));
    });
    const degraded = ofType(events, 'health_changed').find(
      (e) => e.providerId === 'a' && e.state === 'degraded' && e.at >= onset,
    );
    assert.ok(degraded, 'the primary was never marked degraded');
    const after = degraded.at - onset;
    assert.ok(after <= 5000, `noticed ${Math.round(after / 1000)} s after the errors began`);
  });

  it('repeated rate limits lengthen the cooldown instead of re-admitting the provider every retry-after', async () => {
    const a = (await servers.start()).setDefault({
      headerDelayMs: 100,
      fault: { type: 'status', status: 429, retryAfterMs: 2000 },
    });
    const b = (await servers.start()).setDefault(B_OK);
    const { engine, events } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], REAL_SETTINGS);
    await openLoop(engine, 40, 500);
    const cooldowns = ofType(events, 'cooldown').filter((e) => e.providerId === 'a').map((e) => e.until - e.at);
    assert.ok(cooldowns.length >= 3 && cooldowns.length <= 5, `${cooldowns.length} rate limits in 20 s: ${cooldowns.join(', ')} ms`);
    assert.equal(cooldowns[0], 2000, 'the first cooldown is what the provider asked for');
    for (let i = 1; i < cooldowns.length; i++) assert.ok(cooldowns[i] >= 2 * cooldowns[i - 1], `each repeat at least doubles: ${cooldowns.join(', ')} ms`);
  });

  it('in healthy times hedges fire only at the real tail, once enough is known', async () => {
    const a = (await servers.start()).setDefault(A_OK);
    const b = (await servers.start()).setDefault(B_OK);
    phase(a, A_OK, spread(A_OK, 800, 300, 11));
    const { engine, events } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], REAL_SETTINGS);
    const chats = await openLoop(engine, 200, 500);
    assert.ok(chats.every((c) => c.r.error === undefined));
    const hedges = ofType(events, 'hedge_fired').length;
    assert.ok(hedges <= 4, `${hedges} hedges in 200 healthy chats (${((100 * hedges) / 200).toFixed(1)}% extra requests)`);
  });

  it('a slowed primary still gets its slow chats hedged: the budget was kept for when it matters', async () => {
    const a = (await servers.start()).setDefault(A_OK);
    const b = (await servers.start()).setDefault(B_OK);
    phase(a, A_OK, spread(A_OK, 800, 120, 5));
    const { engine } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], REAL_SETTINGS);
    const chats = await openLoop(engine, 180, 500, (i) => {
      if (i === 120) phase(a, { ...A_OK, firstTokenDelayMs: 3200 });
    });
    const slowPhase = chats.slice(120);
    const worst = Math.max(...slowPhase.map((c) => firstTokenMs(c)));
    assert.ok(worst <= 2600, `the slowest chat waited ${worst} ms for its first token`);
  });

  it('a recovered primary is back within 3 s of a degradation and an outage', async () => {
    const a = (await servers.start()).setDefault(A_OK);
    const b = (await servers.start()).setDefault(B_OK);
    const { engine } = engineFor([providerFor(a, 'a', REAL), providerFor(b, 'b', REAL)], REAL_SETTINGS);
    let recovered = 0;
    const chats = await openLoop(engine, 160, 500, (i) => {
      if (i === 40)
        phase(a, { ...A_OK, firstTokenDelayMs: 3200 }, flaky({ ...A_OK, firstTokenDelayMs: 3200 }, 0.4, 200, 3));
      if (i === 80) phase(a, { headerDelayMs: 150, fault: { type: 'status', status: 503 } });
      if (i === 120) {
        phase(a, A_OK);
        recovered = clock().now();
      }
    });
    const later = chats.filter((c) => c.at >= recovered + 3000);
    const byB = later.filter((c) => c.r.text !== 'From A.').length;
    assert.equal(byB, 0, `${byB} of ${later.length} chats started 3 s or more after the recovery were not answered by the primary`);
  });
});

/** Virtual ms from a chat's start to its first text. */
function firstTokenMs(c: Chat): number {
  return c.r.firstTextAt === undefined ? Infinity : c.r.firstTextAt - c.at;
}
