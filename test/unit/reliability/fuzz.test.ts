import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorKind } from '../../../src/core/errors';
import type { ProtocolId } from '../../../src/core/provider';
import {
  activeHandles,
  adapterAt,
  warmSdks,
  assertNoKey,
  drain,
  formatFor,
  PROTOCOLS,
  prng,
  seedFromEnv,
  settleHandles,
} from './helpers';
import { makeCase, type FuzzCase } from './fuzzCases';

const SEED = seedFromEnv(20261107);
const CASES_PER_PROTOCOL = Number(process.env.RELIABILITY_FUZZ_CASES) || 100;
const CONCURRENCY = 12;
// Small, yet with room for a busy 2-core box: client and server share this event loop.
const TIMEOUTS = { headersMs: 2000, firstTokenMs: 800, stallMs: 800 };
/**
 * Every case ends (finish or typed error) within this: the watchdogs above end a hang after at most
 * ~2.8 s, and a hang they missed would run to the test's 40 s timeout. The margin is for a loaded
 * 2-core box (3.4 s was seen with five other jobs running); it is a bound, not a speed goal.
 */
const CASE_BOUND_MS = 8000;
/** Kinds a damaged 200 stream may end in: all retryable, none blaming the user's key or model. */
const STREAM_KINDS: ErrorKind[] = ['protocol', 'interrupted', 'stalled', 'server_error'];

/** The same cases for a seed, whatever order concurrent requests arrive in: one PRNG per case. */
function casesFor(protocol: ProtocolId): FuzzCase[] {
  // The body the adapters send, as far as the formats read it (OpenAI usage needs include_usage).
  const body = { stream: true, stream_options: { include_usage: true } };
  return Array.from({ length: CASES_PER_PROTOCOL }, (_, id) =>
    makeCase(id, formatFor(protocol), prng(SEED * 7919 + PROTOCOLS.indexOf(protocol) * 1_000_003 + id), body),
  );
}

const immediate = () => new Promise((r) => setImmediate(r));

/** A raw HTTP server that answers each chat with the fuzz case named in its prompt. */
async function fuzzServer(protocol: ProtocolId, cases: FuzzCase[]) {
  const format = formatFor(protocol);
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString()) as Record<string, unknown>;
      const id = Number(/case-(\d+)/.exec(JSON.stringify(body))?.[1]);
      const c = cases[id];
      res.writeHead(200, { ...format.successHeaders({ requestId: `req_${id}`, model: '', body, inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, textBlock: true, toolCount: 0 }, true), ...(c.connectionClose ? { connection: 'close' } : {}) });
      res.flushHeaders();
      void (async () => {
        let off = 0;
        for (const n of c.pieces) {
          if (res.destroyed) return;
          res.write(c.body.subarray(off, (off += n)));
          if (n < 16) await immediate();
        }
        if (c.ending === 'end') res.end();
        else if (c.ending === 'destroy') setTimeout(() => res.socket?.destroy(), 20);
        // 'hang': the client's stall watchdog must end it and close the socket.
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe(`stream fuzzing through the real adapters (seed ${SEED}, RELIABILITY_SEED to reproduce)`, function () {
  this.timeout(40_000);
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  const base = { sockets: 0, timers: 0 };
  const counts: Record<string, number> = {};
  before(() => {
    warmSdks();
    Object.assign(base, activeHandles());
    process.on('unhandledRejection', onUnhandled);
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    const line = Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`      fuzz: ${counts.cases ?? 0} cases (seed ${SEED}): ${line}`);
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: ${CASES_PER_PROTOCOL} damaged streams each end in a finish or a typed error, bounded, text exact`, async () => {
      const cases = casesFor(protocol);
      const fz = await fuzzServer(protocol, cases);
      const adapter = adapterAt(protocol, fz.origin, `${protocol}-fuzz`, TIMEOUTS);
      const problems: string[] = [];
      // Parsing a 2 MB line blocks this shared event loop for a while (it would trip the other
      // streams' watchdogs): huge cases run one at a time after the others.
      const huge = (c: FuzzCase) => c.mutation.startsWith('huge');
      const queue = [...cases.filter((c) => !huge(c)), ...cases.filter(huge)];
      const worker = async (serial: boolean) => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          if (huge(c) && !serial) {
            queue.unshift(c);
            return;
          }
          const id = c.id;
          const r = await drain(adapter, `case-${id}`);
          const tag = `case ${id} (${c.mutation}/${c.ending}${c.connectionClose ? '/close' : ''})`;
          counts.cases = (counts.cases ?? 0) + 1;
          const outcome = r.error ? r.error.kind : 'finished';
          counts[outcome] = (counts[outcome] ?? 0) + 1;
          if (process.env.RELIABILITY_FUZZ_DEBUG) console.log(`${tag}: ${outcome} ${Math.round(r.ms)} ms`);
          if (r.ms > CASE_BOUND_MS) problems.push(`${tag}: took ${Math.round(r.ms)} ms`);
          if (r.error) {
            if (!STREAM_KINDS.includes(r.error.kind)) problems.push(`${tag}: unexpected kind ${r.error.kind}: ${r.error.message}`);
            if (r.error.partialText !== r.text) problems.push(`${tag}: partialText differs from the text yielded`);
            if (!r.error.message.startsWith(`${protocol}-fuzz: `) || r.error.message.length < 30)
              problems.push(`${tag}: unclear message ${r.error.message}`);
            assertNoKey(r.error);
          } else if (!r.finished) problems.push(`${tag}: ended without finish or error`);
          if (c.mustFinish === true && (r.error || r.text !== c.answer)) problems.push(`${tag}: a clean stream did not finish exactly (${r.error?.message ?? JSON.stringify(r.text)})`);
          if (c.mustFinish === false) counts['cut before finish'] = (counts['cut before finish'] ?? 0) + 1;
          if (c.mustFinish === false && !r.error) problems.push(`${tag}: a stream cut before its finish passed as complete`);
          if (c.mutation === 'truncate' && !c.answer.startsWith(r.text)) problems.push(`${tag}: truncated text is not a prefix of the answer`);
        }
      };
      try {
        await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(false)));
        await worker(true);
      } finally {
        fz.server.closeAllConnections();
        await new Promise((r) => fz.server.close(() => r(undefined)));
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(unhandled, [], 'unhandled rejections');
      const left = await settleHandles(base);
      assert.ok(left.sockets <= base.sockets, `sockets left open: ${left.sockets} (before: ${base.sockets})`);
    });
  }
});
