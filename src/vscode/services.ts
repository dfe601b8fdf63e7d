import type * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { Engine } from '../resilience/api';
import type { Event } from '../core/events';

/** One provider as the user configured it, resolved from settings (never holds a key). */
export interface ProviderEntry {
  id: string;
  label: string;
  protocol: 'openai' | 'anthropic' | 'cohere';
  preset?: string;
  model: string;
  baseURL: string;
  enabled: boolean;
  trust: string;
  /** True when the provider needs a key and none is saved for its origin. */
  missingKey: boolean;
  needsKey: boolean;
  /** True for the built-in demo providers (in-process loopback servers). */
  demo?: boolean;
}

/** What the extension's contributions share. Built once in extension.ts. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Logger;
  /** The live engine (rebuilt when settings or keys change; always the current one). */
  engine(): Engine;
  /** Resolved providers in the user's order. */
  providers(): ProviderEntry[];
  /** Fires after the engine was rebuilt from settings/keys. */
  readonly onDidReconfigure: Event<void>;
  /** Rebuild now (after a key change). */
  reconfigure(): Promise<void>;
}
