import type * as OpenAISdk from 'openai';

/** The `openai` package as loaded at runtime. */
export type OpenAIModule = typeof OpenAISdk;

let loaded: OpenAIModule | undefined;

/**
 * Loads the SDK on first use (~80 ms): the bundle maps `require('openai')` to its own chunk, so
 * activating the extension never pays for a provider nobody uses. Never require a subpath here.
 */
export function loadOpenAI(): OpenAIModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('openai') as OpenAIModule;
  return loaded;
}
