import { shownPartial } from '../../../src/loopback/continuationModel';
import type { Fault, ReplyScript } from '../../../src/loopback/script';
import type { WireFormat } from '../../../src/loopback/wireFormat';
import { seededRandom } from '../stats';

/**
 * The scripted "model" of the agent-loop scenario, served by a loopback server's `respond` hook.
 * Task T of N steps: the prompt says "Task T: N steps"; the model counts the tool results it was
 * given and asks for the next file (`read_file`, tool call only) until it has N, then answers
 * `finalAnswer(T, N)`. Asked to continue a cut-off final answer, it sends the rest.
 */

export const taskPrompt = (task: number, steps: number) =>
  `Task ${task}: ${steps} steps. Read the parts of the task one by one, then summarize.`;
export const partPath = (task: number, step: number) => `src/task${task}/part${step}.ts`;
export const partContent = (task: number, step: number) => `// ${partPath(task, step)}\nexport const part = ${step};\n`;
export const finalAnswer = (task: number, steps: number) =>
  `Task ${task} is done: I read all ${steps} parts and every one exports its number, as asked.`;

/** The fault (if any) of attempt `attempt` (0 = first) at the step after `done` tool results; `final` = the answer step. */
export type FaultPlan = (task: number, done: number, attempt: number, final: boolean) => Fault | undefined;

export function agentModel(format: WireFormat, base: ReplyScript, faults?: FaultPlan) {
  const attempts = new Map<string, number>();
  return (body: Record<string, unknown>): ReplyScript | undefined => {
    const seen = format.read(body);
    const m = /^Task (\d+): (\d+) steps/.exec(seen.messages.find((x) => x.role === 'user')?.text ?? '');
    if (!m) return undefined;
    const [task, steps] = [Number(m[1]), Number(m[2])];
    const done = seen.messages.filter((x) => x.role === 'tool').length;
    const answer = finalAnswer(task, steps);
    const shown = done >= steps ? shownPartial(format.protocol, body) : undefined;
    if (shown) {
      if (!answer.startsWith(shown))
        return { fault: { type: 'status', status: 400, message: 'continuation does not match the answer' } };
      return { ...base, text: answer.slice(shown.length) };
    }
    const key = `${task}:${done}`;
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const fault = faults?.(task, done, attempt, done >= steps);
    if (done >= steps) return { ...base, text: answer, ...(fault ? { fault } : {}) };
    const call = { name: 'read_file', arguments: { path: partPath(task, done + 1) } };
    return { ...base, toolCalls: [call], ...(fault ? { fault } : {}) };
  };
}

/**
 * The crisis at the primary, per step and the same for every contender whatever the timing:
 * 45% of steps are hit; the fault lasts 1–3 attempts at that step (so retrying the same provider
 * sometimes helps). Tool steps: 13% 529 overloaded, 8% 429 (retry-after 1 s), 8% 500, 10% the
 * connection drops in the middle of the tool call's arguments, 6% an in-stream overloaded error
 * there. The answer step: the same, with the cuts after three words of text.
 */
export function crisisPlan(seed: number): FaultPlan {
  return (task, done, attempt, final) => {
    const rnd = seededRandom(seed * 7919 + task * 131 + done);
    const r = rnd();
    const lasts = 1 + Math.floor(rnd() * 3);
    if (r >= 0.45 || attempt >= lasts) return undefined;
    const cut = final ? 3 : 1; // tool steps: one piece of the arguments is sent, then the fault
    if (r < 0.13) return { type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' };
    if (r < 0.21) return { type: 'status', status: 429, retryAfter: '1' };
    if (r < 0.29) return { type: 'status', status: 500 };
    if (r < 0.39) return { type: 'drop', afterTokens: cut };
    return { type: 'stream-error', afterTokens: cut, errorType: 'overloaded_error', message: 'Overloaded' };
  };
}
