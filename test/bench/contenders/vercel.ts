import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { jsonSchema, streamText, tool, type ModelMessage } from 'ai';
import { createFallback, defaultShouldRetryThisError } from 'ai-fallback';
import { measureStep, type AgentCall, type AgentHistory, type AgentTool } from './agentTypes';
import { FAKE_KEY, measure, type Contender, type Endpoints } from './types';

// The AI SDK prints warnings to the console by default.
(globalThis as { AI_SDK_LOG_WARNINGS?: false }).AI_SDK_LOG_WARNINGS = false;

/**
 * Vercel AI SDK `streamText` over ai-fallback, with the best settings found (shared/PEERS.md):
 * no SDK retries (they replay the whole chain), fall back on connection errors too, and start at
 * the primary on every call. That last one is done with a fresh fallback model per call rather
 * than `modelResetInterval: 0`: with 0, a mid-stream drop with `retryAfterOutput` resets to the
 * primary inside its own failover and loops on the primary until the caller gives up (measured:
 * 195 primary requests in 10 s, no fallback); a shared model also leaks one call's switch into
 * concurrent calls.
 */
export async function createVercel(ep: Endpoints): Promise<Contender> {
  const openai = createOpenAI({ baseURL: `${ep.primary.origin}/v1`, apiKey: FAKE_KEY });
  const anthropic = createAnthropic({ baseURL: `${ep.fallback.origin}/v1`, apiKey: FAKE_KEY });
  const primary = openai.chat(ep.primary.model);
  const fallback = anthropic(ep.fallback.model);
  const newModel = () =>
    createFallback({
      models: [primary, fallback],
      shouldRetryThisError: (e: unknown) =>
        (e as { isRetryable?: boolean } | undefined)?.isRetryable === true || defaultShouldRetryThisError(e as Error),
      retryAfterOutput: true,
    });
  return {
    name: 'Vercel AI SDK + ai-fallback',
    settings: {
      packages: 'ai 7.0.173, @ai-sdk/openai 4.0.118, @ai-sdk/anthropic 4.0.105, ai-fallback 3.0.0',
      streamText: { maxRetries: 0 },
      fallback: { shouldRetryThisError: 'default || error.isRetryable', retryAfterOutput: true, model: 'createFallback per call (starts at the primary every time)' },
    },
    chat(prompt, signal) {
      const start = performance.now();
      return measure(start, signal, async function* () {
        const r = streamText({
          model: newModel(),
          prompt,
          maxRetries: 0,
          abortSignal: signal,
          onError: () => undefined,
        });
        for await (const part of r.fullStream) {
          if (part.type === 'text-delta') yield part.text;
          else if (part.type === 'error')
            throw part.error instanceof Error ? part.error : new Error(String(part.error));
        }
      });
    },
    agentStep(history, tools, signal) {
      return measureStep(signal, async () => {
        const r = streamText({
          model: newModel(),
          messages: modelMessages(history),
          tools: aiTools(tools),
          maxRetries: 0,
          abortSignal: signal,
          onError: () => undefined,
        });
        let text = '';
        const calls: AgentCall[] = [];
        for await (const part of r.fullStream) {
          if (part.type === 'text-delta') text += part.text;
          else if (part.type === 'tool-call')
            calls.push({
              id: part.toolCallId,
              name: part.toolName,
              arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input),
            });
          else if (part.type === 'error')
            throw part.error instanceof Error ? part.error : new Error(String(part.error));
        }
        return { text, calls };
      });
    },
    close: async () => undefined,
  };
}

/** Tools without `execute`: streamText stops at the call and the agent runs it, as in VS Code's agent. */
function aiTools(tools: AgentTool[]) {
  return Object.fromEntries(
    tools.map((t) => [t.name, tool({ description: t.description, inputSchema: jsonSchema(t.parameters) })]),
  );
}

function modelMessages(h: AgentHistory): ModelMessage[] {
  return [
    { role: 'user', content: h.prompt },
    ...h.steps.flatMap((s): ModelMessage[] => [
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: s.call.id, toolName: s.call.name, input: JSON.parse(s.call.arguments) },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: s.call.id, toolName: s.call.name, output: { type: 'text', value: s.result } }],
      },
    ]),
  ];
}
