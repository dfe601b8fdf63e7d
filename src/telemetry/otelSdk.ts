import type * as OtelBundle from './otelBundle';

/** The OpenTelemetry pieces as loaded at runtime. */
export type OtelModule = typeof OtelBundle;

let loaded: OtelModule | undefined;

/** Loads OpenTelemetry on first use: the bundle maps `./otelBundle` to its own chunk, so it costs nothing while off. */
export function loadOtel(): OtelModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./otelBundle') as OtelModule;
  return loaded;
}
