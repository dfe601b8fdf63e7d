import { readEngineSettings, readTimeouts } from '../../../src/config/engineSettings';
import { createProvider } from '../../../src/providers/registry';
import { createEngine } from '../../../src/resilience/engine';
import type { ChatMessage } from '../../../src/core/messages';
import { measureStep, type AgentCall, type AgentHistory } from './agentTypes';
import { FAKE_KEY, measure, type Contender, type ContenderOptions, type Endpoints } from './types';

/**
 * Switchboard's engine through its documented entry point (createEngine + createProvider), with
 * the settings the extension ships (readEngineSettings with nothing set), hedging optionally off.
 */
export async function createSwitchboard(ep: Endpoints, opts: ContenderOptions = {}): Promise<Contender> {
  const engine = createEngine();
  const shipped = readEngineSettings(() => undefined, ['primary', 'fallback']);
  const settings = { ...shipped, hedging: { ...shipped.hedging, enabled: opts.hedging ?? true } };
  const timeouts = readTimeouts(() => undefined);
  engine.configure(
    [
      createProvider({ id: 'primary', protocol: 'openai', baseURL: `${ep.primary.origin}/v1`, model: ep.primary.model, apiKey: FAKE_KEY, trust: 'cloud', timeouts }),
      createProvider({ id: 'fallback', protocol: 'anthropic', baseURL: ep.fallback.origin, model: ep.fallback.model, apiKey: FAKE_KEY, trust: 'cloud', timeouts }),
    ],
    settings,
  );
  return {
    name: opts.hedging === false ? 'Switchboard (hedging off)' : 'Switchboard',
    settings: {
      entry: 'createEngine + createProvider (src/resilience/engine.ts), extension defaults',
      policy: settings.policy,
      hedging: settings.hedging,
      midStream: settings.midStream,
      maxAttemptsPerChat: settings.maxAttemptsPerChat,
      retryBudget: settings.retryBudget,
      breaker: settings.breaker,
      timeouts,
    },
    chat(prompt, signal) {
      const start = performance.now();
      return measure(start, signal, async function* () {
        for await (const c of engine.stream({ messages: [{ role: 'user', content: prompt }], signal })) {
          if (c.type === 'text') yield c.text;
        }
      });
    },
    agentStep(history, tools, signal) {
      return measureStep(signal, async () => {
        let text = '';
        const calls: AgentCall[] = [];
        // retractable: false, as for VS Code's agent (vscode.lm), which cannot take back shown text.
        for await (const c of engine.stream({ messages: messages(history), tools, signal, retractable: false })) {
          if (c.type === 'text') text += c.text;
          else if (c.type === 'tool_call')
            calls.push({ id: c.call.id, name: c.call.name, arguments: JSON.stringify(c.call.arguments) });
        }
        return { text, calls };
      });
    },
    close: async () => engine.dispose(),
  };
}

function messages(h: AgentHistory): ChatMessage[] {
  return [
    { role: 'user', content: h.prompt },
    ...h.steps.flatMap((s): ChatMessage[] => [
      {
        role: 'assistant',
        content: '',
        parts: [
          {
            type: 'tool_call',
            id: s.call.id,
            name: s.call.name,
            arguments: JSON.parse(s.call.arguments) as Record<string, unknown>,
          },
        ],
      },
      { role: 'user', content: '', parts: [{ type: 'tool_result', callId: s.call.id, content: s.result }] },
    ]),
  ];
}
