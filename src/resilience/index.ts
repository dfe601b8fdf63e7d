/**
 * The resilience engine outside VS Code: for tests, the benchmark and scripts.
 *
 * ```ts
 * import { createSwitchboard, complete } from './resilience';
 * const sb = createSwitchboard({
 *   providers: [
 *     { id: 'anthropic', protocol: 'anthropic', model: 'claude-sonnet-4-6', apiKey: KEY_A },
 *     { id: 'ollama', protocol: 'openai', preset: 'ollama', model: 'qwen2.5-coder', trust: 'local' },
 *   ],
 *   settings: { policy: 'fastest', midStream: 'continue' }, // merged over DEFAULT_ENGINE_SETTINGS
 * });
 * sb.onEvent((e) => console.log(e.type, e));            // attempt_started, fell_back, hedge_won, ...
 * for await (const c of sb.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   if (c.type === 'text') process.stdout.write(c.text); // also: provider, notice, usage, done
 * }
 * const { text, providerId } = await complete(sb, { messages }); // the same, collected
 * sb.dispose();
 * ```
 *
 * `stream` throws a ProviderError (`kind`, `partialText` = what was already shown) when no
 * provider can finish the chat. Pass ChatProvider objects instead of configs to use your own.
 */
import type { ChatProvider, ProviderConfig } from '../core/provider';
import type { TurnPart } from '../core/protocol';
import { createProvider } from '../providers/registry';
import type { ChatInput, Engine, EngineSettings } from './api';
import { createEngine, DEFAULT_ENGINE_SETTINGS, type EngineOptions } from './engine';
import { reduceTurn, visibleText } from './visibleTurn';

export { createEngine, DEFAULT_ENGINE_SETTINGS, type EngineOptions } from './engine';
export type * from './api';
export { reduceTurn, visibleText, type Reduced } from './visibleTurn';

/** Settings where every nested group may be given partly. */
export type SettingsOverride = {
  [K in keyof EngineSettings]?: EngineSettings[K] extends object ? Partial<EngineSettings[K]> : EngineSettings[K];
};

export interface SwitchboardOptions extends EngineOptions {
  providers: (ProviderConfig | ChatProvider)[];
  settings?: SettingsOverride;
}

/** Defaults, with each given group merged over the default group. */
export function mergeSettings(
  over: SettingsOverride = {},
  base: EngineSettings = DEFAULT_ENGINE_SETTINGS,
): EngineSettings {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = (base as unknown as Record<string, unknown>)[k];
    const plain = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = plain(v) && plain(b) ? { ...(b as object), ...(v as object) } : v;
  }
  return out as unknown as EngineSettings;
}

const isProvider = (p: ProviderConfig | ChatProvider): p is ChatProvider =>
  typeof (p as ChatProvider).streamChat === 'function';

/** An engine configured with these providers (configs go through the provider registry). */
export function createSwitchboard(o: SwitchboardOptions): Engine {
  const engine = createEngine(o);
  engine.configure(o.providers.map((p) => (isProvider(p) ? p : createProvider(p))), mergeSettings(o.settings));
  return engine;
}

export interface Completed {
  text: string;
  providerId: string;
  model: string;
  /** Providers that answered, in order (more than one after a mid-stream failover). */
  providers: string[];
  notices: string[];
}

/** Runs one chat to the end and collects it as the user would see it. Throws what `stream` throws. */
export async function complete(engine: Engine, input: ChatInput): Promise<Completed> {
  const out: Completed = { text: '', providerId: '', model: '', providers: [], notices: [] };
  const parts: TurnPart[] = [];
  for await (const c of engine.stream(input)) {
    reduceTurn(parts, c);
    if (c.type === 'provider') out.providers.push(c.providerId);
    else if (c.type === 'notice') out.notices.push(c.message);
    else if (c.type === 'done') {
      out.providerId = c.providerId;
      out.model = c.model;
    }
  }
  out.text = visibleText(parts);
  return out;
}
