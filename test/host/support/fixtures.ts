// Loopback providers + settings for host suites. Servers run in the extension host process on
// 127.0.0.1; the extension reaches them through the real SDK adapters.
import * as vscode from 'vscode';
import { LoopbackServer } from '../../../src/loopback/server';
import { openAiFormat } from '../../../src/loopback/formats/openai';
import { anthropicFormat } from '../../../src/loopback/formats/anthropic';

export const KEYS = { alpha: 'sk-test-FAKEKEY-host-alpha-0001', beta: 'sk-ant-test-FAKEKEY-host-beta-0002' };
export const TEXT = {
  alpha: 'Alpha answers from the OpenAI loopback.',
  beta: 'Beta answers from the Anthropic loopback.',
};

export interface Fixture {
  alpha: LoopbackServer;
  beta: LoopbackServer;
  dispose(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const alpha = await LoopbackServer.start(openAiFormat(), { apiKey: KEYS.alpha, defaultScript: { text: TEXT.alpha } });
  const beta = await LoopbackServer.start(anthropicFormat(), { apiKey: KEYS.beta, defaultScript: { text: TEXT.beta } });
  return {
    alpha,
    beta,
    async dispose() {
      await Promise.all([alpha.close(), beta.close()]);
    },
  };
}

const cfg = () => vscode.workspace.getConfiguration('switchboard');

/** User-level settings pointing Switchboard at the fixture (hedging off for determinism). */
export async function configure(f: Fixture): Promise<void> {
  await cfg().update('demo', 'off', vscode.ConfigurationTarget.Global);
  await cfg().update('hedging.enabled', false, vscode.ConfigurationTarget.Global);
  await cfg().update('routing.policy', 'priority', vscode.ConfigurationTarget.Global);
  await cfg().update(
    'providers',
    [
      { id: 'alpha', label: 'Alpha', protocol: 'openai', baseURL: f.alpha.baseURL, model: 'loopback-model' },
      { id: 'beta', label: 'Beta', protocol: 'anthropic', baseURL: f.beta.baseURL, model: 'loopback-model' },
    ],
    vscode.ConfigurationTarget.Global,
  );
  await applied();
}

export async function resetSettings(): Promise<void> {
  for (const k of ['providers', 'demo', 'hedging.enabled', 'routing.policy', 'routing.pinnedProvider']) {
    await cfg().update(k, undefined, vscode.ConfigurationTarget.Global);
  }
  await applied();
}

/** Resolves once the extension has applied the current settings and keys to its engine. */
export async function applied(): Promise<void> {
  await vscode.commands.executeCommand('switchboard._test.applied');
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for nothing to happen: only for assertions that something does NOT arrive (e.g. no text
 * after Stop). Everything else waits on observable state (`until`, `eventually`, `applied`).
 */
export const quietFor = pause;

/** Retries `check` (an async assertion) until it passes; at the timeout, throws its last failure. */
export async function eventually(check: () => Promise<void> | void, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await pause(50);
  }
}

export interface ProviderEntryLike {
  id: string;
  baseURL: string;
  missingKey: boolean;
  enabled: boolean;
}

export async function providers(): Promise<ProviderEntryLike[]> {
  return (await vscode.commands.executeCommand<ProviderEntryLike[]>('switchboard._test.providers')) ?? [];
}

/** Waits until `check` passes (the host reconfigures the engine asynchronously after settings/key changes). */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

/** One chat through VS Code's language-model API (the extension's own "Switchboard (auto)" model). */
export async function ask(prompt = 'hello'): Promise<string> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'switchboard', id: 'switchboard-auto' });
  if (!model) throw new Error('the switchboard-auto model is not registered');
  const res = await model.sendRequest(
    [vscode.LanguageModelChatMessage.User(prompt)],
    {},
    new vscode.CancellationTokenSource().token,
  );
  let text = '';
  for await (const t of res.text) text += t;
  return text;
}

/** The status bar item as the extension renders it now. */
export interface StatusRender {
  text: string;
  tooltip: string;
  severity: 'ok' | 'warning' | 'error';
}

export const status = async () => (await vscode.commands.executeCommand<StatusRender>('switchboard._test.statusBar'))!;

/** One dashboard card as the test command reports it (the fields the suites read). */
export interface DashboardCardRender {
  id: string;
  model: string;
  group: string;
  groupLabel: string;
  status: string;
  breaker: string;
  requests: number;
  outageUntil?: number;
}

export interface DashboardRender {
  open: boolean;
  ready: boolean;
  cards: DashboardCardRender[];
  events: { kind: string; text: string }[];
}

/** The dashboard's cards and event log as its webview last received them. */
export const dashboardState = async () =>
  (await vscode.commands.executeCommand<DashboardRender>('switchboard._test.dashboardState'))!;
