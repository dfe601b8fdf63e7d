import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import type { ProviderConfig } from '../core/provider';
import { parseProviderSettings, originOf, type ProviderEntry } from '../config/providers';
import { groupOf, isGroupHead } from '../config/deployments';
import { readEngineSettings, readTimeouts, settingsOf } from '../config/engineSettings';
import { readCostSettings, readPacingSettings } from '../config/costSettings';
import { parseChainSettings } from '../config/chains';
import { createProvider } from '../providers/registry';
import { createEngine } from '../resilience/engine';
import type { ChainRoute, Engine } from '../resilience/api';
import { startDemo, type DemoSet } from '../demo/demoProviders';
import { resolveIn } from '../demo/demoAgent';
import { detectOllama } from '../demo/detectOllama';
import type { ChannelLogger } from './log';
import type { KeyStore } from './secrets';
import { settingReader } from './settings';

const DISABLED_KEY = 'switchboard.disabledProviders';

/**
 * What the extension's contributions share, built once in extension.ts: the one engine, kept
 * configured from settings + SecretStorage (reconfigured in place when either changes).
 */
export class ServiceHost implements vscode.Disposable {
  /** The engine every surface streams through; the same object for the extension's lifetime. */
  readonly engine: Engine = createEngine();
  private entries: ProviderEntry[] = [];
  private chainList: ChainRoute[] = [];
  private demo?: DemoSet;
  private readonly reconfigured = new Emitter<void>();
  /** Fires after providers, keys or settings were applied to the engine. */
  readonly onDidReconfigure = this.reconfigured.event;
  private shownProblems = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  /** False until providers, keys and settings were applied once (the status bar says "starting"). */
  started = false;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: ChannelLogger,
    readonly keys: KeyStore,
  ) {}

  /** Resolved providers in the user's order (never holds a key). */
  providers(): ProviderEntry[] {
    return this.entries;
  }
  /** Valid fallback chains from `switchboard.chains` (broken ones were reported and left out). */
  chains(): ChainRoute[] {
    return this.chainList;
  }
  demoSet(): DemoSet | undefined {
    return this.demo;
  }

  /** Applies settings and keys again; serialised so that rapid setting changes apply in order. */
  reconfigure(): Promise<void> {
    this.queue = this.queue
      .then(() => this.apply())
      .catch((e: unknown) => {
        this.log.error(`reconfigure failed: ${String(e)}`);
        // Chats sent during startup wait for the first configuration: never leave them waiting.
        if (this.started) return;
        this.engine.configure([], readEngineSettings(settingReader(), []));
        this.started = true;
        this.reconfigured.fire();
      });
    return this.queue;
  }

  isDisabled(id: string): boolean {
    return this.context.globalState.get<string[]>(DISABLED_KEY, []).includes(id);
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    const now = new Set(this.context.globalState.get<string[]>(DISABLED_KEY, []));
    if (disabled) now.add(id);
    else now.delete(id);
    await this.context.globalState.update(DISABLED_KEY, [...now]);
    // A keyless provider has no engine slot, only a place in the engine's keyless list.
    if (this.entries.find((e) => e.id === id)?.missingKey) return this.reconfigure();
    this.engine.setEnabled(id, !disabled);
    this.entries = this.entries.map((e) => (e.id === id ? { ...e, enabled: !disabled } : e));
    this.reconfigured.fire();
  }

  private async apply(): Promise<void> {
    const get = settingReader();
    const { providers: defs, problems } = parseProviderSettings(get('providers'));
    for (const p of [...problems, ...readCostSettings(get).problems, ...readPacingSettings(get).problems])
      this.report(p);
    const timeouts = readTimeouts(get);
    const configs: ProviderConfig[] = [];
    const entries: ProviderEntry[] = [];
    const secrets: string[] = [];
    for (const def of defs) {
      const { key, missing } = await this.keyFor(def);
      if (key) secrets.push(key);
      entries.push({ ...def, enabled: def.enabled && !this.isDisabled(def.id), missingKey: missing });
      if (def.enabled && !missing) configs.push(toConfig(def, key, timeouts));
    }
    const demoMode = settingsOf(get).oneOf('demo');
    const anyReal = entries.some((e) => e.enabled && !e.missingKey && e.needsKey);
    const hasLocal = entries.some((e) => e.enabled && !e.needsKey);
    if (demoMode !== 'off' && !anyReal && !hasLocal) {
      // No key and no local server configured: offer an Ollama running on this machine.
      const ollama = await detectOllama();
      if (ollama) {
        const def: ProviderEntry = { id: 'ollama-local', label: 'Ollama (detected)', protocol: 'openai', preset: 'ollama', model: ollama.model, baseURL: ollama.baseURL, enabled: true, trust: 'local', needsKey: false };
        entries.push({ ...def, enabled: !this.isDisabled(def.id), missingKey: false });
        configs.push(toConfig(def, undefined, timeouts));
        this.log.info(`found Ollama on 127.0.0.1 with model ${ollama.model}`);
      }
    }
    if (demoMode === 'on' || (demoMode !== 'off' && !anyReal)) {
      // The demo agent resolves a file the user names in the first workspace folder.
      const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      this.demo ??= await startDemo(1, { resolveFile: (name) => resolveIn(folder())(name) });
      for (const def of this.demo.definitions) {
        entries.push({ ...def, enabled: !this.isDisabled(def.id), missingKey: false });
        configs.push(toConfig(def, this.demo.apiKey, timeouts));
      }
    } else if (this.demo) {
      await this.demo.dispose();
      this.demo = undefined;
    }
    this.log.setSecrets(secrets);
    const order = entries.map((e) => e.id);
    // Steps may name any configured provider, keyless ones too: a chat uses the steps that are ready.
    const chains = parseChainSettings(get('chains'), entries);
    for (const p of chains.problems) this.report(p, 'switchboard.chains');
    // A chat names an enabled provider it passes over for want of a key, like any other skip;
    // not while the demo or a detected Ollama stands in because no provider has a key at all
    // (the chat's empty state explains that instead of every answer repeating it).
    const named = anyReal || hasLocal ? entries.filter((e) => e.enabled && e.missingKey) : [];
    const keyless = named.map((e) => ({ id: e.id, label: e.groupLabel ?? e.label }));
    const settings = { ...readEngineSettings(get, order), chains: chains.chains, keyless };
    this.engine.configure(configs.map(createProvider), settings);
    this.chainList = chains.chains;
    for (const e of entries) if (!e.enabled) this.engine.setEnabled(e.id, false);
    this.entries = entries;
    this.started = true;
    this.log.info(`providers: ${entries.map((e) => `${e.id}${e.enabled ? '' : ' (disabled)'}${e.missingKey ? ' (no key)' : ''}`).join(', ') || 'none'}`);
    this.reconfigured.fire();
  }

  /** Keys are saved per configured entry: every deployment (model) of an entry uses its entry's key. */
  private async keyFor(def: ProviderEntry): Promise<{ key?: string; missing: boolean }> {
    if (!def.needsKey) return { missing: false };
    const origin = originOf(def.baseURL) ?? '';
    const key = await this.keys.get(groupOf(def), origin);
    if (key) return { key, missing: false };
    const other = await this.keys.savedForOtherOrigin(groupOf(def), origin);
    if (other && isGroupHead(def)) {
      this.report(`${def.label}: its key was saved for ${other}, not ${origin}. Switchboard never sends a key to another host: run "Switchboard: Set API Key" to save one for ${origin}.`);
    }
    return { missing: true };
  }

  private report(problem: string, setting = 'switchboard.providers') {
    this.log.warn(problem);
    if (this.shownProblems.has(problem)) return;
    this.shownProblems.add(problem);
    void vscode.window.showWarningMessage(`Switchboard: ${problem}`, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
  }

  dispose(): void {
    this.engine.dispose();
    this.reconfigured.dispose();
    void this.demo?.dispose();
  }
}

function toConfig(
  def: ProviderEntry,
  apiKey: string | undefined,
  timeouts: ProviderConfig['timeouts'],
): ProviderConfig {
  return {
    id: def.id,
    label: def.label,
    group: def.group,
    groupLabel: def.groupLabel,
    protocol: def.protocol,
    preset: def.preset,
    baseURL: def.baseURL,
    model: def.model,
    apiKey,
    trust: def.trust,
    timeouts,
    capabilities: def.capabilities,
  };
}
