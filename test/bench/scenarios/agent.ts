import { isDeepStrictEqual } from 'node:util';
import { anthropicFormat } from '../../../src/loopback/formats/anthropic';
import { openAiFormat } from '../../../src/loopback/formats/openai';
import type { ReplyScript } from '../../../src/loopback/script';
import type { ContenderId, Lineup } from '../contenders';
import { READ_FILE, type AgentHistory } from '../contenders/agentTypes';
import type { Contender } from '../contenders/types';
import { openLoop } from '../load';
import type { Profile } from '../profile';
import { summarize, type Summary } from '../stats';
import { World } from '../world';
import { agentModel, crisisPlan, finalAnswer, partContent, partPath, taskPrompt, type FaultPlan } from './agentModel';

const PRIMARY: ReplyScript = { firstTokenDelayMs: 40, tokenDelayMs: 3 };
const FALLBACK: ReplyScript = { firstTokenDelayMs: 60, tokenDelayMs: 3 };

/** Steps of task `t`: 8 to 12, the same for every contender. */
export const stepsOf = (t: number) => 8 + ((t * 7) % 5);

export interface AgentRun {
  name: string;
  tasks: number;
  /** Tasks that reached the right final answer with no error shown to the agent (%). */
  finishedPct: number;
  /** ms per model turn (completed turns only). */
  stepMs: Summary;
  stepMeanMs: number;
  /** Why tasks failed (first failure of each), message with numbers masked. */
  errors: Record<string, number>;
  primaryRequests: number;
  fallbackRequests: number;
}

export interface AgentRow {
  id: ContenderId;
  name: string;
  healthy: AgentRun;
  crisis: AgentRun;
  /** Crisis minus healthy per step: mean and p95 (ms). */
  extraMeanMs: number;
  extraP95Ms?: number;
}

/**
 * Scenario 8: a tool-calling agent loop. Each task is 8–12 model turns (each answers a read_file
 * call, the agent returns the file, the last turn answers in text), run once against healthy
 * providers and once in a crisis where the primary fails part of the time (`crisisPlan`,
 * including cuts in the middle of a tool call). A task fails at its first turn that raises an
 * error or gives the agent a wrong call or answer (what the agent's user would see). Extra
 * latency per step = the crisis run's mean (and p95) turn time minus the healthy run's.
 */
export async function agent(lineup: Lineup, ids: ContenderId[], p: Profile['agent']): Promise<AgentRow[]> {
  if (p.sideBySide) return Promise.all(ids.map((id) => agentRow(lineup, id, p)));
  // One contender at a time (its healthy and crisis runs side by side): per-turn latencies of
  // ~100 ms would otherwise measure the CPU the contenders take from each other on a small machine.
  const rows: AgentRow[] = [];
  for (const id of ids) rows.push(await agentRow(lineup, id, p));
  return rows;
}

export async function agentRow(lineup: Lineup, id: ContenderId, p: Profile['agent']): Promise<AgentRow> {
  // Side by side, so both runs see the same machine load (other jobs skew ~100 ms turns a lot).
  const [healthy, crisis] = await Promise.all([agentRun(lineup, id, p), agentRun(lineup, id, p, crisisPlan(p.seed))]);
  const [c95, h95] = [crisis.stepMs.p95, healthy.stepMs.p95];
  const extraP95Ms = c95 !== undefined && h95 !== undefined ? c95 - h95 : undefined;
  return { id, name: healthy.name, healthy, crisis, extraMeanMs: crisis.stepMeanMs - healthy.stepMeanMs, extraP95Ms };
}

/** One pass over the tasks (open loop) with its own provider pair; `faults` hit the primary only. */
export async function agentRun(
  lineup: Lineup,
  id: ContenderId,
  p: Profile['agent'],
  faults?: FaultPlan,
): Promise<AgentRun> {
  const world = await World.start(PRIMARY, FALLBACK);
  world.primary.server.respondWith(agentModel(world.primary.server.format, PRIMARY, faults));
  world.fallback.server.respondWith(agentModel(world.fallback.server.format, FALLBACK));
  const c = await lineup.create(id, world.endpoints);
  const errors: Record<string, number> = {};
  const stepMs: number[] = [];
  try {
    const finished = await openLoop(p.tasks, p.tasksPerSec, async (t) => {
      const error = await runTask(c, t + 1, p.stepDeadlineMs, stepMs);
      if (error) {
        const key = error.replace(/\d{3,}/g, 'N').slice(0, 90);
        errors[key] = (errors[key] ?? 0) + 1;
      }
      return !error;
    });
    return {
      name: c.name,
      tasks: finished.length,
      finishedPct: (100 * finished.filter(Boolean).length) / finished.length,
      stepMs: summarize(stepMs),
      stepMeanMs: stepMs.reduce((s, v) => s + v, 0) / Math.max(1, stepMs.length),
      errors,
      primaryRequests: world.primary.chats,
      fallbackRequests: world.fallback.chats,
    };
  } finally {
    await c.close();
    await world.close();
  }
}

/** Runs task `t` to its end; returns what the agent's user would see go wrong, or undefined. */
async function runTask(c: Contender, t: number, deadlineMs: number, stepMs: number[]): Promise<string | undefined> {
  const steps = stepsOf(t);
  const h: AgentHistory = { prompt: taskPrompt(t, steps), steps: [] };
  for (let k = 1; k <= steps + 1; k++) {
    const r = await c.agentStep(h, [READ_FILE], AbortSignal.timeout(deadlineMs));
    if (!r.ok) return r.error ?? 'error';
    stepMs.push(r.ms);
    if (k > steps) return r.calls.length === 0 && r.text === finalAnswer(t, steps) ? undefined : `wrong final answer (${r.calls.length} calls, ${r.text.length} chars)`;
    const call = r.calls[0];
    let args: unknown;
    try {
      args = call ? JSON.parse(call.arguments) : undefined;
    } catch {
      return `tool call with invalid JSON arguments (${call?.arguments.length} chars)`;
    }
    if (r.calls.length !== 1 || call.name !== READ_FILE.name || !isDeepStrictEqual(args, { path: partPath(t, k) })) {
      return `wrong tool calls (${r.calls.length} calls${call ? `, ${call.name}` : ''})`;
    }
    h.steps.push({ call, result: partContent(t, k) });
  }
  return undefined;
}
