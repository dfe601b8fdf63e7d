import type { ProviderTimeouts } from '../core/provider';
import type { EngineSettings } from '../resilience/api';
import { DEFAULT_ENGINE_SETTINGS } from '../resilience/defaults';
import { SETTINGS, type EnumSetting, type NumberSetting } from './settingsSchema';
import { readCostSettings, readPacingSettings } from './costSettings';

/** Reads one setting (already filtered for workspace trust by the caller). */
export type SettingReader = (key: string) => unknown;

type Keys<T> = { [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K] extends T ? K : never }[keyof typeof SETTINGS];
type EnumValue<K extends keyof typeof SETTINGS> = (typeof SETTINGS)[K] extends EnumSetting<infer T> ? T : never;

/** Typed, clamped reads of `switchboard.*`: a broken value falls back to the schema's default. */
export function settingsOf(get: SettingReader) {
  return {
    num(key: Keys<NumberSetting>): number {
      const s: NumberSetting = SETTINGS[key];
      const v = get(key);
      return typeof v === 'number' && Number.isFinite(v) ? Math.min(s.maximum, Math.max(s.minimum, v)) : s.default;
    },
    bool(key: 'hedging.enabled' | 'sensitivity.detectSecrets'): boolean {
      const v = get(key);
      return typeof v === 'boolean' ? v : SETTINGS[key].default;
    },
    oneOf<K extends 'routing.policy' | 'midStream' | 'demo'>(key: K): EnumValue<K> {
      const s = SETTINGS[key] as EnumSetting;
      const v = get(key);
      return (s.enum.includes(v as string) ? v : s.default) as EnumValue<K>;
    },
    str(key: 'routing.pinnedProvider'): string {
      const v = get(key);
      return typeof v === 'string' ? v : SETTINGS[key].default;
    },
    strs(key: 'sensitivity.fileGlobs' | 'sensitivity.allowedTrust'): string[] {
      const v = get(key);
      return Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? [...(v as string[])]
        : [...SETTINGS[key].default];
    },
  };
}

/** Engine settings from `switchboard.*`; any broken value falls back to its default. */
export function readEngineSettings(get: SettingReader, order: string[]): EngineSettings {
  const s = settingsOf(get);
  return {
    ...DEFAULT_ENGINE_SETTINGS,
    policy: s.oneOf('routing.policy'),
    pinned: s.str('routing.pinnedProvider') || undefined,
    order,
    hedging: {
      enabled: s.bool('hedging.enabled'),
      minDelayMs: s.num('hedging.minDelayMs'),
      maxDelayMs: s.num('hedging.maxDelayMs'),
    },
    midStream: s.oneOf('midStream'),
    maxAttemptsPerChat: s.num('maxAttemptsPerChat'),
    sensitivity: {
      detectSecrets: s.bool('sensitivity.detectSecrets'),
      fileGlobs: s.strs('sensitivity.fileGlobs'),
      allowedTrust: s.strs('sensitivity.allowedTrust'),
    },
    cost: readCostSettings(get).value,
    pacing: readPacingSettings(get).value,
    cacheAffinity: { ttlMs: s.num('routing.cacheAffinityMinutes') * 60_000 },
  };
}

/** Per-provider timeouts from `switchboard.timeouts.*`. */
export function readTimeouts(get: SettingReader): ProviderTimeouts {
  const s = settingsOf(get);
  return {
    headersMs: s.num('timeouts.headersMs'),
    firstTokenMs: s.num('timeouts.firstTokenMs'),
    stallMs: s.num('timeouts.stallMs'),
  };
}
