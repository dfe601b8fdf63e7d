/**
 * Every `switchboard.*` setting, once: its default, the range a user value is clamped to, and the
 * words the Settings UI shows. The engine's defaults (resilience/defaults.ts), the reader that
 * clamps user values (engineSettings.ts) and package.json's `contributes.configuration` all come
 * from this table (test/unit/config/settingsSchema.test.ts proves package.json agrees).
 * Plain data: imports only core.
 */
import { DEFAULT_TIMEOUTS } from '../core/provider';

interface Common {
  description?: string;
  markdownDescription?: string;
  /** `machine`: only user settings count, a workspace cannot change it. */
  scope?: 'machine';
  order?: number;
  /** Ignored in an untrusted workspace (listed in capabilities.untrustedWorkspaces). */
  restricted?: boolean;
}
export type NumberSetting = Common & { type: 'number'; default: number; minimum: number; maximum: number };
export type BooleanSetting = Common & { type: 'boolean'; default: boolean };
export type EnumSetting<T extends string = string> = Common & {
  type: 'string';
  enum: readonly T[];
  enumDescriptions?: readonly string[];
  default: T;
};
export type StringSetting = Common & { type: 'string'; default: string };
export type StringListSetting = Common & { type: 'array'; items: { type: 'string' }; default: readonly string[] };
/** A setting whose JSON schema is given whole (the provider list); read by its own parser. */
export type JsonSetting = Common & { type: 'array'; default: readonly unknown[]; items: Record<string, unknown> };
export type Setting = NumberSetting | BooleanSetting | EnumSetting | StringSetting | StringListSetting | JsonSetting;

const PROVIDER_ITEM = {
  type: 'object',
  anyOf: [{ required: ['model'] }, { required: ['models'] }],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: 'Stable id used by commands and settings.',
    },
    label: { type: 'string', description: 'Name shown in the UI.' },
    protocol: { type: 'string', enum: ['openai', 'anthropic', 'cohere'] },
    preset: {
      type: 'string',
      enum: ['openai', 'ollama', 'llamacpp', 'vllm', 'lmstudio', 'ai21'],
      description: 'OpenAI-compatible server preset (sets base URL and trust).',
    },
    model: { type: 'string' },
    models: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      description:
        'Several models of this provider, each with its own health, cooldown and cost (after "model" if both are set). One key serves them all.',
    },
    baseURL: {
      type: 'string',
      format: 'uri',
      description: 'Override the server URL. A saved key is only sent to the origin it was saved for.',
    },
    enabled: { type: 'boolean', default: true },
    trust: {
      type: 'string',
      enum: ['local', 'cloud'],
      description: 'Where data goes: local (never leaves the machine) or cloud.',
    },
    capabilities: {
      type: 'object',
      additionalProperties: false,
      description:
        'What the model can take, over the defaults for its family: requests with tools or images, or larger than its context window, go only to providers that can take them.',
      properties: {
        toolCalling: { type: 'boolean', description: 'The model calls tools (needed for VS Code Agent mode).' },
        imageInput: { type: 'boolean', description: 'The model accepts images.' },
        maxInputTokens: { type: 'integer', minimum: 1, description: 'Context window for the prompt, in tokens.' },
        maxOutputTokens: { type: 'integer', minimum: 1, description: 'Longest answer, in tokens.' },
      },
    },
  },
};

const ms = (d: number, minimum: number, maximum: number, description: string): NumberSetting => ({
  type: 'number',
  default: d,
  minimum,
  maximum,
  description,
});

/** A machine-scoped list of objects (prices, budgets, limits): only the user's own settings count. */
const objectList = (
  required: string[],
  properties: Record<string, unknown>,
  markdownDescription: string,
): JsonSetting => ({
  type: 'array',
  scope: 'machine',
  restricted: true,
  default: [],
  items: { type: 'object', required, additionalProperties: false, properties },
  markdownDescription,
});

export const SETTINGS = {
  providers: {
    type: 'array',
    scope: 'machine',
    order: 0,
    restricted: true,
    markdownDescription:
      'Providers in your order of preference. Each has an `id`, a `protocol` (`openai`, `anthropic`, `cohere`) or ' +
      'an OpenAI-compatible `preset` (`openai`, `ollama`, `llamacpp`, `vllm`, `lmstudio`, `ai21`), a `model` (or several `models`: each gets its own health), and ' +
      'optionally `baseURL`, `label`, `enabled` and `trust` (`local` or `cloud`). API keys are never stored here: ' +
      'use **Switchboard: Set API Key**. Machine scoped: a workspace cannot change it.',
    default: [
      { id: 'openai', preset: 'openai', model: 'gpt-4o-mini' },
      { id: 'anthropic', protocol: 'anthropic', model: 'claude-sonnet-4-6' },
      { id: 'cohere', protocol: 'cohere', model: 'command-a-03-2025' },
      { id: 'ollama', preset: 'ollama', model: 'llama3.2', enabled: false },
    ],
    items: PROVIDER_ITEM,
  } as JsonSetting,
  chains: {
    type: 'array',
    scope: 'machine',
    order: 1,
    restricted: true,
    markdownDescription:
      'Fallback chains ("virtual models"): each is offered as a model in Switch Provider, the chat\'s model picker ' +
      'and `vscode.lm`, and answers through its `steps` only, in order. A step is a provider id from ' +
      '`#switchboard.providers#` or `<provider id>/<model>`. Steps of the first step\'s model family are tried ' +
      'first unless `order` is `as-listed`; the chat says when another family answers.',
    default: [],
    items: {
      type: 'object',
      required: ['id', 'steps'],
      additionalProperties: false,
      properties: {
        id: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
          description: 'Stable id, different from every provider id.',
        },
        label: { type: 'string', description: 'Name shown as the model, e.g. "Claude Sonnet (anywhere)".' },
        steps: {
          type: 'array',
          minItems: 1,
          items: { type: 'string' },
          description: 'Deployments in order: a provider id, or "<provider id>/<model>".',
        },
        order: {
          type: 'string',
          enum: ['family-first', 'as-listed'],
          default: 'family-first',
          enumDescriptions: [
            "Steps of the first step's model family first (the same model elsewhere), then the others.",
            'Exactly the order of `steps`.',
          ],
        },
      },
    },
  } as JsonSetting,
  'routing.policy': {
    type: 'string',
    enum: ['priority', 'fastest', 'pinned', 'cheapest'],
    default: 'priority',
    scope: 'machine',
    restricted: true,
    enumDescriptions: [
      'First healthy provider in your order.',
      'Lowest live time to first token.',
      'Always the provider you picked; others only when it fails.',
      'Lowest expected cost by the price table (local providers cost nothing); unhealthy ones last.',
    ],
    description: 'How Switchboard picks who answers. Switch Provider sets this.',
  } as EnumSetting<'priority' | 'fastest' | 'pinned' | 'cheapest'>,
  'routing.pinnedProvider': {
    type: 'string',
    default: '',
    scope: 'machine',
    restricted: true,
    description: 'Provider (or fallback chain) id used by the pinned policy.',
  } as StringSetting,
  'routing.cacheAffinityMinutes': {
    type: 'number',
    default: 5,
    minimum: 0,
    maximum: 60,
    description:
      "Keep a conversation on the provider that answered its last turn for this many minutes, where the provider's " +
      'prompt cache is warm (cheaper, quicker first token; cache hits show under each answer). A provider that is ' +
      'degraded, down or near its rate limit is left anyway. 0 turns this off.',
  } as NumberSetting,
  'hedging.enabled': {
    type: 'boolean',
    default: true,
    description:
      "When the first token is late (beyond the provider's usual p95), also ask the next provider and keep " +
      'whichever answers first. Extra load is capped by the retry budget.',
  } as BooleanSetting,
  'hedging.minDelayMs': ms(400, 50, 60_000, 'Never hedge sooner than this.'),
  'hedging.maxDelayMs': ms(4000, 50, 120_000, 'Hedge at the latest after this long without a first token.'),
  'timeouts.headersMs': ms(DEFAULT_TIMEOUTS.headersMs, 100, 600_000, "Max wait for a provider's response headers."),
  'timeouts.firstTokenMs': ms(DEFAULT_TIMEOUTS.firstTokenMs, 100, 600_000, 'Max wait from headers to the first token.'),
  'timeouts.stallMs': ms(
    DEFAULT_TIMEOUTS.stallMs,
    100,
    600_000,
    'A stream with no token for this long counts as interrupted and continues elsewhere.',
  ),
  midStream: {
    type: 'string',
    enum: ['continue', 'restart', 'stop'],
    default: 'continue',
    enumDescriptions: [
      'Continue the answer on the next provider exactly where it stopped.',
      'Start the answer again on the next provider.',
      'Stop and keep the partial answer.',
    ],
    description: 'What to do when a provider drops in the middle of an answer.',
  } as EnumSetting<'continue' | 'restart' | 'stop'>,
  maxAttemptsPerChat: {
    type: 'number',
    default: 4,
    minimum: 1,
    maximum: 10,
    description: 'Upstream attempts for one message, fallbacks and hedges included.',
  } as NumberSetting,
  'sensitivity.detectSecrets': {
    type: 'boolean',
    default: true,
    scope: 'machine',
    restricted: true,
    description:
      'Messages that contain secret-looking content (API keys, private keys, tokens) go only to providers with an ' +
      'allowed trust label.',
  } as BooleanSetting,
  'sensitivity.fileGlobs': {
    type: 'array',
    items: { type: 'string' },
    scope: 'machine',
    restricted: true,
    default: ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/secrets/**', '**/.npmrc'],
    description: 'Attached files, selections and problems from files matching these globs make a chat sensitive.',
  } as StringListSetting,
  'sensitivity.allowedTrust': {
    type: 'array',
    items: { type: 'string' },
    scope: 'machine',
    restricted: true,
    default: ['local'],
    description: 'Trust labels that may receive sensitive requests.',
  } as StringListSetting,
  'cost.prices': objectList(
    ['model', 'input', 'output'],
    {
      model: {
        type: 'string',
        description: 'A model id, or the start of one (`gpt-4o` also prices `gpt-4o-2024-08-06`).',
      },
      input: { type: 'number', minimum: 0, description: 'USD per 1M input tokens.' },
      output: { type: 'number', minimum: 0, description: 'USD per 1M output tokens.' },
      cachedInput: {
        type: 'number',
        minimum: 0,
        description: 'USD per 1M input tokens read from the prompt cache (default: the input price).',
      },
      cacheWrite: {
        type: 'number',
        minimum: 0,
        description: 'USD per 1M input tokens written to the prompt cache (default: the input price).',
      },
    },
    'Your prices in USD per 1M tokens; they win over the built-in list prices (read from the vendors in 2025-10: ' +
      'prices change, so set your own where it matters). Local providers cost nothing.',
  ),
  'cost.dailyBudgets': objectList(
    ['provider', 'usd'],
    {
      provider: { type: 'string', description: 'Provider id.' },
      usd: { type: 'number', exclusiveMinimum: 0, description: 'Daily budget in USD.' },
    },
    'Daily budget per provider (USD, by the price table). Near it you get a warning; once spent, chats go to the ' +
      'other providers (the chat says so) until local midnight.',
  ),
  'cost.budgetWarnPercent': {
    type: 'number',
    default: 80,
    minimum: 1,
    maximum: 100,
    scope: 'machine',
    description: 'Warn when a provider has spent this percentage of its daily budget.',
  } as NumberSetting,
  'pacing.useReportedHeadroom': {
    type: 'boolean',
    default: true,
    scope: 'machine',
    restricted: true,
    description:
      'Send no request a provider would refuse by the rate-limit headroom it reports (requests and tokens remaining): ' +
      'traffic moves to the other providers, or waits for the window to reset, before a 429.',
  } as BooleanSetting,
  'pacing.limits': objectList(
    ['provider'],
    {
      provider: { type: 'string', description: 'Provider id.' },
      rpm: { type: 'number', minimum: 1, description: 'Requests per minute.' },
      tpm: { type: 'number', minimum: 1, description: 'Tokens (input + output) per minute.' },
      concurrency: { type: 'number', minimum: 1, description: 'Requests in flight at once.' },
    },
    'Limits per provider (e.g. your account tier, or a share of a team key): Switchboard keeps each provider under them.',
  ),
  'telemetry.otlp.enabled': {
    type: 'boolean',
    default: false,
    scope: 'machine',
    restricted: true,
    markdownDescription:
      'Team telemetry (off by default): push per-provider metrics (first-token latency, errors by kind, failovers, ' +
      'tokens, cost) and failover events with OpenTelemetry (OTLP over HTTP/JSON) to `#switchboard.telemetry.otlp.endpoint#`, ' +
      'and nowhere else. Never prompts, answers, error messages or keys.',
  } as BooleanSetting,
  'telemetry.otlp.endpoint': {
    type: 'string',
    default: '',
    scope: 'machine',
    restricted: true,
    markdownDescription:
      "Your OpenTelemetry collector's OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318` (metrics go to `/v1/metrics`, " +
      'events to `/v1/logs`).',
  } as StringSetting,
  demo: {
    type: 'string',
    enum: ['auto', 'on', 'off'],
    default: 'auto',
    scope: 'machine',
    restricted: true,
    enumDescriptions: [
      'Offer built-in demo providers while no real provider has a key.',
      'Always add the demo providers.',
      'Never start the demo providers.',
    ],
    description:
      'Built-in demo providers (loopback servers inside the extension) so you can try Switchboard without keys.',
  } as EnumSetting<'auto' | 'on' | 'off'>,
} satisfies Record<string, Setting>;

export type SettingKey = keyof typeof SETTINGS;

/** `contributes.configuration.properties` as package.json must list it. */
export function contributedProperties(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [string, Setting][]) {
    const { restricted: _restricted, ...schema } = setting;
    out[`switchboard.${key}`] = schema;
  }
  return out;
}

/** `capabilities.untrustedWorkspaces.restrictedConfigurations` as package.json must list it. */
export function restrictedSettings(): string[] {
  return (Object.entries(SETTINGS) as [string, Setting][])
    .filter(([, s]) => s.restricted)
    .map(([k]) => `switchboard.${k}`);
}
