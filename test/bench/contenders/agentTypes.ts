import type OpenAI from 'openai';

/**
 * The agent-loop contract every contender implements (scenario 8): one model turn of a
 * tool-calling agent. The harness keeps the conversation in this neutral shape; each contender
 * sends it in its own library's shape, as an agent built on that library would.
 */

/** A tool the agent offers (JSON schema parameters). */
export interface AgentTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A tool call as the agent received it: `arguments` is the raw JSON text (may be cut off). */
export interface AgentCall {
  id: string;
  name: string;
  arguments: string;
}

/** The task so far: the user's prompt, then each step's call and the tool's result. */
export interface AgentHistory {
  prompt: string;
  steps: { call: AgentCall; result: string }[];
}

/** What one model turn gave the agent. */
export interface AgentStepOutcome {
  /** The turn ended without an error. */
  ok: boolean;
  text: string;
  calls: AgentCall[];
  /** ms from the call to the end of the turn. */
  ms: number;
  error?: string;
}

export const READ_FILE: AgentTool = {
  name: 'read_file',
  description: 'Read a file of the workspace.',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Workspace-relative path' } },
    required: ['path'],
  },
};

/** Runs one turn: `turn` returns the text and the tool calls it received; errors and the deadline become a failed outcome. */
export async function measureStep(
  signal: AbortSignal,
  turn: () => Promise<{ text: string; calls: AgentCall[] }>,
): Promise<AgentStepOutcome> {
  const start = performance.now();
  let got: { text: string; calls: AgentCall[] } = { text: '', calls: [] };
  try {
    got = await turn();
    if (signal.aborted) return { ok: false, ...got, ms: performance.now() - start, error: 'gave up (deadline)' };
    return { ok: true, ...got, ms: performance.now() - start };
  } catch (e) {
    const error = signal.aborted
      ? 'gave up (deadline)'
      : (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 200);
    return { ok: false, ...got, ms: performance.now() - start, error };
  }
}

/** One agent turn through the openai SDK's Chat Completions stream (the bare SDK, Portkey's gateway). */
export function openAiAgentStep(
  client: OpenAI,
  model: string,
  history: AgentHistory,
  tools: AgentTool[],
  signal: AbortSignal,
): Promise<AgentStepOutcome> {
  return measureStep(signal, async () =>
    collectOpenAiStream(
      await client.chat.completions.create(
        { model, messages: openAiMessages(history), tools: openAiTools(tools), stream: true },
        { signal },
      ),
    ),
  );
}

type OpenAiCall = { id: string; type: 'function'; function: { name: string; arguments: string } };
type OpenAiMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: null; tool_calls: OpenAiCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** The history as OpenAI Chat Completions messages (the bare SDK and Portkey's OpenAI-shaped API). */
export function openAiMessages(h: AgentHistory): OpenAiMessage[] {
  return [
    { role: 'user', content: h.prompt },
    ...h.steps.flatMap((s): OpenAiMessage[] => [
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: s.call.id, type: 'function', function: { name: s.call.name, arguments: s.call.arguments } }],
      },
      { role: 'tool', tool_call_id: s.call.id, content: s.result },
    ]),
  ];
}

export const openAiTools = (tools: AgentTool[]) =>
  tools.map((t) => ({
    type: 'function' as const,
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));

type CallDelta = { index: number; id?: string; function?: { name?: string; arguments?: string } };

/** Streams an OpenAI chat completion, gluing text and tool-call argument fragments by index. */
export async function collectOpenAiStream(
  stream: AsyncIterable<{ choices: { delta?: { content?: string | null; tool_calls?: CallDelta[] } }[] }>,
): Promise<{ text: string; calls: AgentCall[] }> {
  let text = '';
  const calls: AgentCall[] = [];
  for await (const c of stream) {
    const d = c.choices[0]?.delta;
    text += d?.content ?? '';
    for (const t of d?.tool_calls ?? []) {
      const call = (calls[t.index] ??= { id: '', name: '', arguments: '' });
      if (t.id) call.id = t.id;
      if (t.function?.name) call.name = t.function.name;
      call.arguments += t.function?.arguments ?? '';
    }
  }
  return { text, calls: calls.filter(Boolean) };
}
