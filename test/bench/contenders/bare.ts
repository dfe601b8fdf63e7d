import OpenAI from 'openai';
import { openAiAgentStep } from './agentTypes';
import { FAKE_KEY, measure, type Contender, type Endpoints } from './types';

/** The floor: the openai SDK straight to the primary, no router, SDK defaults (it retries 2x itself). */
export async function createBare(ep: Endpoints): Promise<Contender> {
  const client = new OpenAI({
    baseURL: `${ep.primary.origin}/v1`,
    apiKey: FAKE_KEY,
    organization: null,
    project: null,
    logLevel: 'off',
  });
  return {
    name: 'bare openai SDK',
    settings: { package: 'openai 7.57.0', maxRetries: '2 (SDK default)', fallback: 'none' },
    chat(prompt, signal) {
      const start = performance.now();
      return measure(start, signal, async function* () {
        const stream = await client.chat.completions.create(
          {
            model: ep.primary.model,
            messages: [{ role: 'user', content: prompt }],
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal },
        );
        for await (const c of stream) yield c.choices[0]?.delta?.content ?? '';
      });
    },
    agentStep: (history, tools, signal) => openAiAgentStep(client, ep.primary.model, history, tools, signal),
    close: async () => undefined,
  };
}
