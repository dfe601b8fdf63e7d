import type { EngineSettings, MidStreamMode, RoutingPolicy } from '../resilience/api';
import type { ProviderTimeouts } from '../core/provider';
import { DEFAULT_ENGINE_SETTINGS as D } from '../resilience/engine';

/** Reads one setting (already filtered for workspace trust by the caller). */
export type SettingReader = (key: string) => unknown;

const num = (v: unknown, d: number, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d;
const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
const strs = (v: unknown, d: string[]) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : d);
const oneOf = <T extends string>(v: unknown, all: readonly T[], d: T): T => (all.includes(v as T) ? (v as T) : d);

/** Engine settings from `switchboard.*`; any broken value falls back to its default. */
export function readEngineSettings(get: SettingReader, order: string[]): EngineSettings {
  return {
    ...D,
    policy: oneOf<RoutingPolicy>(get('routing.policy'), ['priority', 'fastest', 'pinned'], D.policy),
    pinned: typeof get('routing.pinnedProvider') === 'string' ? (get('routing.pinnedProvider') as string) || undefined : undefined,
    order,
    hedging: {
      enabled: bool(get('hedging.enabled'), D.hedging.enabled),
      minDelayMs: num(get('hedging.minDelayMs'), D.hedging.minDelayMs, 50, 60_000),
      maxDelayMs: num(get('hedging.maxDelayMs'), D.hedging.maxDelayMs, 50, 120_000),
    },
    midStream: oneOf<MidStreamMode>(get('midStream'), ['continue', 'restart', 'stop'], D.midStream),
    maxAttemptsPerChat: num(get('maxAttemptsPerChat'), D.maxAttemptsPerChat, 1, 10),
    sensitivity: {
      detectSecrets: bool(get('sensitivity.detectSecrets'), D.sensitivity.detectSecrets),
      fileGlobs: strs(get('sensitivity.fileGlobs'), D.sensitivity.fileGlobs),
      allowedTrust: strs(get('sensitivity.allowedTrust'), D.sensitivity.allowedTrust),
    },
  };
}

/** Per-provider timeouts from `switchboard.timeouts.*`. */
export function readTimeouts(get: SettingReader): ProviderTimeouts {
  return {
    headersMs: num(get('timeouts.headersMs'), 30_000, 100, 600_000),
    firstTokenMs: num(get('timeouts.firstTokenMs'), 30_000, 100, 600_000),
    stallMs: num(get('timeouts.stallMs'), 15_000, 100, 600_000),
  };
}
