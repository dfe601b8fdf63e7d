import type { ChatProvider, ProviderConfig } from '../core/provider';
import { AnthropicProvider } from './anthropic';
import { CohereProvider } from './cohere';
import { OpenAIProvider } from './openai';

/** Builds the adapter for a provider's protocol. Adding a protocol = one folder + one line here. */
export function createProvider(config: ProviderConfig): ChatProvider {
  switch (config.protocol) {
    case 'openai':
      return new OpenAIProvider(config);
    case 'anthropic':
      return new AnthropicProvider(config);
    case 'cohere':
      return new CohereProvider(config);
  }
}
