import * as assert from 'node:assert/strict';
import { runBench, type BenchResult } from '../../bench/harness';
import { SMOKE } from '../../bench/profile';
import { FAKE_KEY } from '../../bench/contenders/types';
import { fullReport, headline } from '../../bench/report/markdown';
import { cdfChart } from '../../bench/report/svg';
import { agentTable } from '../../bench/report/agent';

/**
 * Keeps `npm run bench` from rotting: the whole harness runs with tiny counts (every contender,
 * every scenario, the real Portkey gateway process) and must produce a complete table.
 */
describe('benchmark harness (smoke)', function () {
  this.timeout(120_000);
  let r: BenchResult;

  before(async () => {
    r = await runBench(SMOKE);
  });

  it('measures every contender in the healthy scenario', () => {
    assert.deepEqual(r.healthy.map((h) => h.id), ['bare', 'switchboard', 'vercel', 'portkey']);
    for (const h of r.healthy) {
      assert.equal(h.failures, 0, `${h.name} failed healthy chats`);
      assert.equal(h.ttft.n, SMOKE.healthy.requests, h.name);
      assert.ok(
        h.ttft.p50 !== undefined && h.addedP50 !== undefined && h.addedP99 !== undefined && h.ratioP50 !== undefined,
        h.name,
      );
    }
  });

  it('fills every cell of the headline table', () => {
    const table = headline(r);
    const rows = table.split('\n').slice(2);
    assert.equal(rows.length, 4);
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1).map((c) => c.trim());
      assert.equal(cells.length, 10, row);
      // Only the bare SDK has no failover column; nothing else may be empty.
      const empty = cells.filter((c) => c === '—' || c === '' || c.includes('NaN') || c.includes('undefined'));
      assert.deepEqual(empty, [], row);
    }
  });

  it('runs the crisis, failover, tail and mid-stream scenarios for each contender', () => {
    for (const c of r.crisis) {
      assert.ok(c.chats > 0 && c.attemptsPerChat >= 1, c.name);
      assert.ok(c.answeredPct > 0, `${c.name} answered nothing in the crisis`);
    }
    assert.deepEqual(r.failover.map((f) => f.id), ['switchboard', 'vercel', 'portkey']);
    assert.deepEqual(r.tail.map((t) => t.id), ['bare', 'switchboard', 'switchboard-nohedge', 'vercel', 'portkey']);
    for (const t of r.tail) assert.equal(t.answeredPct, 100, t.name);
    const sb = r.midStream.find((m) => m.id === 'switchboard');
    assert.equal(sb?.intactPct, 100, 'Switchboard continues a dropped stream exactly');
    assert.equal(r.midStream.find((m) => m.id === 'bare')?.errorPct, 100, 'the bare SDK surfaces the drop');
  });

  it('quota: Switchboard never runs the fallback past its reported headroom; the peers do', () => {
    assert.deepEqual(r.quota.map((q) => q.id), ['switchboard', 'vercel', 'portkey']);
    const sb = r.quota.find((q) => q.id === 'switchboard');
    assert.equal(sb?.fallback429s, 0, 'no 429 from the fallback');
    assert.equal(sb?.fallbackRequests, SMOKE.quota.fallbackQuota, 'it used all the headroom the fallback had');
    for (const q of r.quota.filter((x) => x.id !== 'switchboard')) assert.ok(q.fallback429s > 0, `${q.name} ran into the fallback's 429s`);
  });

  it('agent loop: with the same seeded faults mid-tool-call, Switchboard finishes every task; a router-less agent does not', () => {
    assert.deepEqual(r.agent.map((a) => a.id), ['bare', 'switchboard', 'vercel', 'portkey']);
    // The tasks themselves are fair: every contender finishes all of them when nothing fails.
    for (const a of r.agent) assert.equal(a.healthy.finishedPct, 100, `${a.name} healthy: ${JSON.stringify(a.healthy.errors)}`);
    const sb = r.agent.find((a) => a.id === 'switchboard');
    assert.equal(sb?.crisis.tasks, SMOKE.agent.tasks);
    assert.equal(sb?.crisis.finishedPct, 100, `Switchboard failed tasks: ${JSON.stringify(sb?.crisis.errors)}`);
    assert.ok((sb?.crisis.fallbackRequests ?? 0) > 0, 'the crisis made Switchboard use the fallback');
    const bare = r.agent.find((a) => a.id === 'bare');
    assert.ok((bare?.crisis.finishedPct ?? 100) < 100, 'the bare SDK (retries, no fallback) shows the crisis to the agent');
    assert.ok(agentTable(r.agent).includes('Switchboard | 100% of 6'), 'the report shows it');
  });

  it('writes a report with settings and a chart, without the API key', () => {
    const md = fullReport(r, 'chart.svg');
    for (const name of [
      'bare openai SDK',
      'Switchboard',
      'Vercel AI SDK + ai-fallback',
      'Portkey gateway',
      'Switchboard (hedging off)',
    ]) {
      assert.ok(md.includes(`### ${name}`), `settings of ${name}`);
    }
    assert.ok(r.cost.tracker.heldSamples <= 200, 'tracker memory stays bounded');
    const svg = cdfChart('t', r.crisis.map((c) => ({ name: c.name, values: c.ttftSamples, total: c.chats })));
    assert.equal((svg.match(/<polyline/g) ?? []).length, r.crisis.length);
    assert.ok(!md.includes(FAKE_KEY), 'the report never prints the key');
  });
});
