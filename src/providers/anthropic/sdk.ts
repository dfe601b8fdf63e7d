import type * as AnthropicSdk from '@anthropic-ai/sdk';

/** The `@anthropic-ai/sdk` package as loaded at runtime. */
export type AnthropicModule = typeof AnthropicSdk;

let loaded: AnthropicModule | undefined;

/**
 * Loads the SDK on first use (~190 ms): the bundle maps `require('@anthropic-ai/sdk')` to its own
 * chunk, so activating the extension never pays for a provider nobody uses. Never require a
 * subpath here.
 */
export function loadAnthropic(): AnthropicModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('@anthropic-ai/sdk') as AnthropicModule;
  return loaded;
}
