/**
 * Soak: rounds of 200 concurrent chats (40% of upstream requests failing in every scripted way)
 * through the engine over loopback providers, for --minutes (default 10). After every round it
 * checks what the unit load test checks, and prints a line; at the end, that the heap stayed flat
 * and no socket or timer was left. Exit code 1 on any failure.
 *   node esbuild.mjs --tests && node out/test/soak/soak.js --minutes 10 [--seed N] [--chats 200]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { activeHandles, prng, settleHandles } from '../unit/reliability/helpers';
import { LoadRig } from '../unit/reliability/loadRig';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

function heapMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1e6;
}

async function main(): Promise<number> {
  const minutes = arg('minutes', 10);
  const seed = arg('seed', Date.now() % 1_000_000);
  const chats = arg('chats', 200);
  const rand = prng(seed);
  const problems: string[] = [];
  const total = { rounds: 0, chats: 0, answered: 0, upstream: 0, continued: 0, faults: 0 };
  console.log(`soak: ${minutes} min, ${chats} concurrent chats per round, 40% upstream failures, seed ${seed}`);
  const handles0 = activeHandles();
  // One long-lived engine and its SDK clients, as in the extension.
  const rig = await LoadRig.start({
    failRate: 0.4,
    rand,
    settings: { retryBudget: { ratio: 0.1, windowMs: 60_000, minPerWindow: 5 } },
  });
  await rig.round(50); // warm-up: SDK clients, JIT
  const heap0 = heapMb();
  let heapMax = heap0;
  const end = Date.now() + minutes * 60_000;
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  while (Date.now() < end) {
    lag.reset();
    const r = await rig.round(chats);
    const failed = Object.values(r.failed).reduce((a, b) => a + b, 0);
    total.rounds++;
    total.chats += r.chats;
    total.answered += r.answered;
    total.upstream += r.upstream;
    total.continued += r.continued;
    total.faults += r.faultsInjected;
    const tag = `round ${total.rounds}`;
    if (r.answered + failed !== r.chats) problems.push(`${tag}: ${r.chats - r.answered - failed} chats neither answered nor failed`);
    problems.push(...r.wrongText.map((w) => `${tag}: ${w}`), ...r.unclear.map((u) => `${tag}: unclear error ${u}`));
    if (r.ms > 30_000) problems.push(`${tag}: took ${Math.round(r.ms)} ms`);
    if (r.upstream - r.chats > 1.1 * r.chats + 5) problems.push(`${tag}: ${r.upstream} upstream attempts for ${r.chats} chats`);
    const heap = heapMb();
    heapMax = Math.max(heapMax, heap);
    console.log(
      `${new Date().toISOString()} ${tag}: ${r.answered}/${r.chats} answered exactly, failed ${JSON.stringify(r.failed)}, ` +
        `upstream ${r.upstream} (extra ${((r.upstream - r.chats) / r.chats).toFixed(2)}x), continued ${r.continued}, ${Math.round(r.ms)} ms, ` +
        `event-loop delay max ${Math.round(lag.max / 1e6)} ms, heap ${heap.toFixed(1)} MB`,
    );
    if (problems.length > 0) break;
  }
  lag.disable();
  const heapEnd = heapMb();
  await rig.close();
  const left = await settleHandles(handles0, 5000);
  if (left.sockets > handles0.sockets) problems.push(`sockets left open: ${left.sockets} (before: ${handles0.sockets})`);
  if (left.timers > handles0.timers) problems.push(`timers left: ${left.timers} (before: ${handles0.timers})`);
  if (heapEnd - heap0 > 20) problems.push(`heap grew from ${heap0.toFixed(1)} to ${heapEnd.toFixed(1)} MB`);
  console.log(
    `soak done: ${total.rounds} rounds, ${total.chats} chats, ${total.answered} answered exactly, ${total.faults} faults injected, ` +
      `extra upstream ${((total.upstream - total.chats) / Math.max(1, total.chats)).toFixed(2)}x, ${total.continued} continued; ` +
      `heap ${heap0.toFixed(1)} -> ${heapEnd.toFixed(1)} MB (max ${heapMax.toFixed(1)})`,
  );
  for (const p of problems) console.error(`FAIL ${p}`);
  return problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
