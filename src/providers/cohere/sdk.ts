import type * as CohereSdk from 'cohere-ai';

/** The `cohere-ai` package as loaded at runtime. */
export type CohereModule = typeof CohereSdk;

let loaded: CohereModule | undefined;

/**
 * Loads the SDK on first use (~170 ms): the bundle maps `require('cohere-ai')` to its own chunk,
 * so activating the extension never pays for a provider nobody uses. Never require a subpath here.
 */
export function loadCohere(): CohereModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('cohere-ai') as CohereModule;
  return loaded;
}
