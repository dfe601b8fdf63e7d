import type { AgentRow } from '../scenarios/agent';
import { DASH, ms, pct, signedMs, table } from './format';

export const AGENT_SCENARIO = `8. Agent loop: tool-calling tasks of 8–12 \`read_file\` turns and a final text answer (the
   agent returns each file; a wrong or broken call or answer, or an error, ends the task, as the
   user of an agent would see it). Run once with healthy providers and once in a crisis: at the
   primary 45% of turns fail for 1–3 attempts (529, 429 with retry-after 1 s, 500, the connection
   dropped or an in-stream overloaded error in the middle of the tool call's arguments or after
   three words of the answer), the same turns for every contender; the fallback stays healthy.
   Contenders run one at a time, each with its healthy and crisis runs side by side (same machine
   load); tasks arrive in an open loop.`;

/** Tasks finished without an error the agent's user would see, and what the crisis adds per turn. */
export function agentTable(rows: AgentRow[]): string {
  return table(
    [
      'Contender',
      'Tasks finished (crisis)',
      'Tasks finished (healthy)',
      'Turn mean ms healthy → crisis',
      'Extra per turn: mean / p95 ms',
      'Requests primary / fallback (crisis)',
      'Most common failure',
    ],
    rows.map((r) => {
      const top = Object.entries(r.crisis.errors).sort((a, z) => z[1] - a[1])[0];
      return [
        r.name,
        `${pct(r.crisis.finishedPct)} of ${r.crisis.tasks}`,
        pct(r.healthy.finishedPct),
        `${ms(r.healthy.stepMeanMs)} → ${ms(r.crisis.stepMeanMs)}`,
        `${signedMs(r.extraMeanMs)} / ${signedMs(r.extraP95Ms)}`,
        `${r.crisis.primaryRequests} / ${r.crisis.fallbackRequests}`,
        top ? `${top[0].replace(/\|/g, '/')} (${top[1]})` : DASH,
      ];
    }),
  );
}
