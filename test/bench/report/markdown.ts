import type { BenchResult } from '../harness';
import { MODES } from '../scenarios/failover';
import { AGENT_SCENARIO, agentTable } from './agent';
import { findings } from './findings';
import { DASH, kb, ms, pct, ratio, signedMs, table } from './format';

export const GOALS = { addedP50Ms: 0.5, addedP99Ms: 1 };

/** Goals for Switchboard with whether each was met. */
export function goals(r: BenchResult): { goal: string; value: string; met: boolean }[] {
  const sb = r.healthy.find((h) => h.id === 'switchboard');
  return [
    { goal: `healthy: added first-token p50 <= ${GOALS.addedP50Ms} ms`, value: `${signedMs(sb?.addedP50)} ms`, met: sb?.addedP50 !== undefined && sb.addedP50 <= GOALS.addedP50Ms },
    { goal: `healthy: added first-token p99 <= ${GOALS.addedP99Ms} ms`, value: `${signedMs(sb?.addedP99)} ms`, met: sb?.addedP99 !== undefined && sb.addedP99 <= GOALS.addedP99Ms },
  ];
}

function returnCell(v: number | undefined, windowMs: number): string {
  return v === undefined ? `not within ${(windowMs / 1000).toFixed(0)} s` : `${(v / 1000).toFixed(1)} s`;
}

/** The one-table summary: ratios against the bare SDK first. */
export function headline(r: BenchResult): string {
  const bareCrisis = r.crisis.find((c) => c.id === 'bare');
  const bareTail = r.tail.find((t) => t.id === 'bare');
  const rows = r.healthy.map((h) => {
    const c = r.crisis.find((x) => x.id === h.id);
    const f = r.failover.find((x) => x.id === h.id);
    const t = r.tail.find((x) => x.id === h.id);
    const m = r.midStream.find((x) => x.id === h.id);
    const fo = f
      ? MODES.map((mode) => (f.cells[mode].ms.n ? ms(f.cells[mode].ms.p50) : 'never')).join(' / ')
      : 'no fallback';
    return [
      h.name,
      `${ms(h.ttft.p50)} (${ratio(h.ratioP50)})`,
      `${signedMs(h.addedP50)} / ${signedMs(h.addedP99)}`,
      c ? pct(c.answeredPct) : DASH,
      c ? `${ms(c.ttft.p50)} / ${ms(c.ttft.p99)} (${ratio(bareCrisis?.ttft.p50 && c.ttft.p50 !== undefined ? c.ttft.p50 / bareCrisis.ttft.p50 : undefined)})` : DASH,
      c ? c.attemptsPerChat.toFixed(2) : DASH,
      c ? returnCell(c.returnToPrimaryMs, c.recoveryWindowMs) : DASH,
      fo,
      t ? `${ms(t.ttft.p99)} (${ratio(bareTail?.ttft.p99 && t.ttft.p99 !== undefined ? t.ttft.p99 / bareTail.ttft.p99 : undefined)})` : DASH,
      m ? pct(m.intactPct) : DASH,
    ];
  });
  return table(
    [
      'Contender',
      'Healthy TTFT p50 ms (× bare)',
      'Added p50 / p99 ms',
      'Crisis answered',
      'Crisis TTFT p50 / p99 ms (p50 × bare)',
      'Upstream attempts / chat',
      'Back on primary after recovery',
      'Failover p50 ms: refused / 529 / hang',
      'Tail TTFT p99 ms (× bare)',
      'Mid-stream drop: exact answer',
    ],
    rows,
  );
}

function healthyTable(r: BenchResult): string {
  return table(
    ['Contender', 'n', 'p50', 'p95', 'p99', 'added p50', 'added p99', 'p50 × bare', 'failed'],
    r.healthy.map((h) => [
      h.name,
      String(h.ttft.n),
      ms(h.ttft.p50),
      ms(h.ttft.p95),
      ms(h.ttft.p99),
      signedMs(h.addedP50),
      signedMs(h.addedP99),
      ratio(h.ratioP50),
      String(h.failures),
    ]),
  );
}

function crisisTable(r: BenchResult): string {
  return table(
    [
      'Contender',
      'chats',
      'answered (healthy / degraded / outage / recovery)',
      'TTFT p50 / p95 / p99 ms',
      'attempts / chat',
      'primary share while degraded',
      'back on primary',
      'most common failure',
    ],
    r.crisis.map((c) => {
      const b = c.answeredPctByPhase;
      const top = Object.entries(c.errors).sort((a, z) => z[1] - a[1])[0];
      return [
        c.name,
        String(c.chats),
        `${pct(c.answeredPct)} (${pct(b.healthy)} / ${pct(b.degraded)} / ${pct(b.outage)} / ${pct(b.recovery)})`,
        `${ms(c.ttft.p50)} / ${ms(c.ttft.p95)} / ${ms(c.ttft.p99)}`,
        c.attemptsPerChat.toFixed(2),
        pct(c.primaryPctByPhase.degraded),
        returnCell(c.returnToPrimaryMs, c.recoveryWindowMs),
        top ? `${top[0].replace(/\|/g, '/')} (${top[1]})` : DASH,
      ];
    }),
  );
}

function failoverTable(r: BenchResult): string {
  return table(
    ['Contender', ...MODES.map((m) => `${m}: answered, first / p50 / max ms`)],
    r.failover.map((f) => [
      f.name,
      ...MODES.map((m) => {
        const c = f.cells[m];
        return c.ms.n ? `${pct(c.answeredPct)}, ${ms(c.firstMs)} / ${ms(c.ms.p50)} / ${ms(c.ms.max)}` : `0% (gave up at ${c.deadlineMs / 1000} s)`;
      }),
    ]),
  );
}

function quotaTable(r: BenchResult): string {
  return table(
    ['Contender', '429s from the fallback', 'Requests to the fallback', 'Requests to the primary', 'Answered'],
    r.quota.map((q) => [
      q.name,
      String(q.fallback429s),
      String(q.fallbackRequests),
      String(q.primaryRequests),
      pct(q.answeredPct),
    ]),
  );
}

function tailTable(r: BenchResult): string {
  const bare = r.tail.find((t) => t.id === 'bare');
  return table(
    ['Contender', 'p50 ms', 'p95 ms', 'p99 ms', 'p99 × bare', 'extra upstream load', 'answered'],
    r.tail.map((t) => [
      t.name,
      ms(t.ttft.p50),
      ms(t.ttft.p95),
      ms(t.ttft.p99),
      ratio(bare?.ttft.p99 && t.ttft.p99 !== undefined ? t.ttft.p99 / bare.ttft.p99 : undefined),
      pct(t.extraLoadPct),
      pct(t.answeredPct),
    ]),
  );
}

function midTable(r: BenchResult): string {
  return table(
    [
      'Contender',
      'chats',
      'exact answer',
      'error raised',
      'silently wrong',
      'chars lost / chat',
      'chars duplicated / chat',
    ],
    r.midStream.map((m) => [
      m.name,
      String(m.chats),
      pct(m.intactPct),
      pct(m.errorPct),
      pct(m.silentPct),
      m.lostChars.toFixed(1),
      m.duplicatedChars.toFixed(1),
    ]),
  );
}

function costTable(r: BenchResult): string {
  const c = r.cost;
  const rows = [
    [
      'dist/extension.js (no SDKs)',
      kb(c.extensionBytes),
      c.extensionRequireMs === undefined ? DASH : `${ms(c.extensionRequireMs)} ms`,
    ],
    ...c.sdkChunks.map((s) => [
      s.file,
      kb(s.bytes),
      s.requireMs === undefined ? DASH : `${ms(s.requireMs)} ms (only when first used)`,
    ]),
    [
      `HealthTracker after ${c.tracker.samples.toLocaleString('en-US')} samples`,
      `${c.tracker.heapKb} KB heap`,
      `${c.tracker.heldSamples} samples held`,
    ],
    [
      'Portkey gateway process (for comparison)',
      r.portkey.rssKb ? `${(r.portkey.rssKb / 1024).toFixed(0)} MB RSS` : DASH,
      `${ms(r.portkey.startupMs)} ms to start`,
    ],
  ];
  return table(['Item', 'Size', 'Load'], rows);
}

export function machineLine(r: BenchResult): string {
  const m = r.machine;
  return `${r.date.slice(0, 10)}, ${m.nproc} cores (\`nproc\`), ${m.cpu}, Node ${m.node}, ${m.platform}; load average ${m.load.start.toFixed(1)} at start, ${m.load.end.toFixed(1)} at end; profile \`${r.profile}\`, ${(r.durationMs / 1000).toFixed(0)} s`;
}

const SCENARIOS = `Every contender streams through the same loopback providers on 127.0.0.1 (an OpenAI-format
primary and an Anthropic-format fallback, src/loopback/), scripted per request with the same seeded
fault sequence. TTFT = from the call to the first text delta, measured in the calling process.
1. Healthy: no delays; chats one at a time, contenders interleaved.
2. Crisis: primary 40 ms to first token, then degraded (+300% latency; 40% errors: 15% 429 with
   retry-after 1 s, 15% 529, 10% 500), then a full outage (503), then recovered; fallback healthy
   (60 ms). Open-loop arrivals, contenders side by side; a chat counts as answered when the caller
   gets a complete answer before its 30 s deadline.
3. Failover: after a healthy warm-up the primary's port is closed, it answers 529, or it accepts and
   never answers; time from the call to the fallback's first token.
4. Tail: 5% of primary requests take 1 s to the first token (fallback 30 ms).
5. Mid-stream: the primary drops the connection after 8 words; the fallback continues from an
   assistant prefill as a model would.
7. Quota: the primary answers every request 429 (retry-after 30 s); the fallback allows a fixed
   number of requests per window, reports what is left in Anthropic's rate-limit headers and
   answers 429 once it is spent. Chats arrive faster than the fallback's quota.
${AGENT_SCENARIO}`;

export function fullReport(r: BenchResult, chartFile: string): string {
  const g = goals(r);
  return [
    '# Switchboard benchmark',
    '',
    machineLine(r),
    '',
    '## Headline',
    '',
    headline(r),
    '',
    '## Goals (Switchboard)',
    '',
    ...g.map((x) => `- ${x.met ? 'met' : 'NOT met'}: ${x.goal} (measured ${x.value})`),
    '',
    '## What limits the results',
    '',
    ...findings(r).map((f) => `- ${f}`),
    '',
    '## Scenarios',
    '',
    SCENARIOS,
    '',
    '### 1. Healthy: time to first token (ms)',
    '',
    healthyTable(r),
    '',
    '### 2. Crisis',
    '',
    crisisTable(r),
    '',
    `![first-token latency in the crisis](${chartFile})`,
    '',
    '### 3. Failover time',
    '',
    failoverTable(r),
    '',
    '### 4. Tail (5% of primary requests 1 s slow)',
    '',
    tailTable(r),
    '',
    '### 5. Mid-stream drop',
    '',
    midTable(r),
    '',
    '### 6. Cost of the extension',
    '',
    costTable(r),
    '',
    ...r.cost.notes.map((n) => `- ${n}`),
    '',
    `### 7. Quota (fallback: ${r.quota[0]?.quota.requests} requests per ${(r.quota[0]?.quota.windowMs ?? 0) / 1000} s)`,
    '',
    quotaTable(r),
    '',
    '### 8. Agent loop (tool calls, healthy run and crisis run)',
    '',
    agentTable(r.agent),
    '',
    '## Settings',
    '',
    ...Object.entries(r.settings).flatMap(([name, s]) => [
      `### ${name}`,
      '',
      '```json',
      JSON.stringify(s, null, 2),
      '```',
      '',
    ]),
  ].join('\n');
}

/** The "Performance" section for README.md. */
export function readmeSection(r: BenchResult): string {
  const g = goals(r);
  return [
    '## Performance',
    '',
    `Measured with \`npm run bench\` (test/bench/): ${machineLine(r)}. Ratios are against the bare`,
    '`openai` SDK call with no router. Every contender streams through the same scripted loopback',
    'providers on 127.0.0.1 (OpenAI-format primary, Anthropic-format fallback) with the same seeded faults.',
    '',
    headline(r),
    '',
    '### Mid-stream drop',
    '',
    midTable(r),
    '',
    '### Agent loop: tool-calling tasks in a crisis',
    '',
    agentTable(r.agent),
    '',
    '### Cost of the extension',
    '',
    costTable(r),
    '',
    '### Goals',
    '',
    ...g.map((x) => `- ${x.met ? 'Met' : 'Not met'}: ${x.goal} (measured ${x.value}).`),
    '',
    '### What limits the results',
    '',
    ...findings(r).map((f) => `- ${f}`),
    '',
  ].join('\n');
}
