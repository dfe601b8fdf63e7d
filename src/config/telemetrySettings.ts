import { originOf } from './providers';
import type { SettingReader } from './engineSettings';

export interface TelemetrySettings {
  /** The collector's OTLP/HTTP base URL when export is on and the URL is usable; undefined = off. */
  endpoint?: string;
  /** Why export stays off although it was switched on. */
  problem?: string;
}

/** `switchboard.telemetry.otlp.*`: export only when switched on and pointed at an http(s) URL. */
export function readTelemetrySettings(get: SettingReader): TelemetrySettings {
  if (get('telemetry.otlp.enabled') !== true) return {};
  const raw = get('telemetry.otlp.endpoint');
  const endpoint = typeof raw === 'string' ? raw.trim() : '';
  if (!endpoint || !originOf(endpoint)) {
    const what = endpoint ? `"${endpoint}" is not an http(s) URL` : 'no endpoint is set';
    return {
      problem:
        `team telemetry is on but ${what}: set "switchboard.telemetry.otlp.endpoint" to your collector's ` +
        'OTLP/HTTP URL (e.g. http://127.0.0.1:4318). Nothing is exported until then.',
    };
  }
  return { endpoint };
}
