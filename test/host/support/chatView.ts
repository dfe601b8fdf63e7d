// Chat-view helpers for host suites: drive the chat controller through the same entry point the
// webview uses (`switchboard._test.postToChat`) and read back what the host stored.
import * as vscode from 'vscode';
import { configure, KEYS, providers, startFixture, until, type Fixture } from './fixtures';

export interface ChatTurnLike {
  role: 'user' | 'assistant';
  id: string;
  text?: string;
  status?: string;
  parts?: { type: string; text?: string; label?: string; providerId?: string; kind?: string; message?: string }[];
}

export interface ChatStateLike {
  turns: ChatTurnLike[];
  busy: boolean;
  ready: boolean;
  rejected: number;
  /** Operations (openLink, code, action) that webview messages reached, in order. */
  dispatched: string[];
}

export const chatState = async (): Promise<ChatStateLike> =>
  (await vscode.commands.executeCommand<ChatStateLike>('switchboard._test.chatState'))!;
export const postToChat = async (raw: unknown): Promise<boolean> =>
  (await vscode.commands.executeCommand<boolean>('switchboard._test.postToChat', raw)) === true;

/** The text of an assistant turn (all its text parts). */
export const answerText = (t: ChatTurnLike | undefined): string =>
  (t?.parts ?? [])
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');

/** Sends `text` as the webview would and waits until the answer settles; returns the assistant turn. */
export async function sendFromView(text: string, timeoutMs = 10_000): Promise<ChatTurnLike> {
  const before = (await chatState()).turns.length;
  if (!(await postToChat({ type: 'send', text }))) throw new Error('the chat view rejected a valid send');
  await until(async () => {
    const s = await chatState();
    const last = s.turns[s.turns.length - 1];
    return s.turns.length >= before + 2 && !s.busy && last?.status !== 'streaming';
  }, `the answer to "${text.slice(0, 40)}"`, timeoutMs);
  const s = await chatState();
  return s.turns[s.turns.length - 1];
}

/** Every global (user) value of the switchboard.* settings, for before/after comparisons. */
export function userSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('switchboard');
  const ext = vscode.extensions.getExtension('switchboard-dev.switchboard')!;
  const keys = Object.keys(ext.packageJSON.contributes.configuration.properties as Record<string, unknown>).map((k) =>
    k.slice('switchboard.'.length),
  );
  return Object.fromEntries(keys.map((k) => [k, JSON.stringify(cfg.inspect(k)?.globalValue)]));
}

export async function newChat(): Promise<void> {
  await vscode.commands.executeCommand('switchboard.newChat');
  await until(async () => (await chatState()).turns.length === 0, 'an empty chat');
}

/** Lines the extension logged this session (already redacted). */
export function logLines(): string[] {
  const ext = vscode.extensions.getExtension<{ logLines?: () => string[] }>('switchboard-dev.switchboard')!;
  return ext.exports.logLines?.() ?? [];
}

/** Points Switchboard at the fixture and saves both keys, waiting for each step to apply. */
export async function configureWithKeys(f: Fixture): Promise<void> {
  await configure(f);
  const want = { alpha: f.alpha.baseURL, beta: f.beta.baseURL };
  await until(async () => {
    const list = await providers();
    return list.length === 2 && list.every((p) => want[p.id as keyof typeof want] === p.baseURL);
  }, 'the fixture providers to be configured');
  for (const providerId of ['alpha', 'beta'] as const) {
    const r = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('switchboard.setApiKey', {
      providerId,
      key: KEYS[providerId],
    });
    if (!r?.ok) throw new Error(`Set API Key for ${providerId} failed: ${r?.message}`);
  }
  await until(async () => (await providers()).every((p) => !p.missingKey), 'both keys to apply');
}

/** The extension active and the loopback providers configured with their keys saved. */
export async function startKeyedFixture(): Promise<Fixture> {
  await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
  const f = await startFixture();
  await configureWithKeys(f);
  return f;
}

/** What every chat-view suite starts with: loopback providers with keys (startKeyedFixture), an empty chat. */
export async function startChatFixture(): Promise<Fixture> {
  const f = await startKeyedFixture();
  await newChat();
  return f;
}
