import * as vscode from 'vscode';
import { originOf } from '../../config/providers';
import { isProviderError } from '../../core/errors';
import { createProvider } from '../../providers/registry';
import { notify } from '../notify';
import type { ServiceHost } from '../serviceHost';
import { pickProvider } from './pickProvider';
import { isGroupHead } from '../../config/deployments';

export interface KeyCheck {
  ok: boolean;
  message: string;
}

/** Keys are saved per configured entry: its first deployment stands for it (all its models share the key). */
const keyHolder = (host: ServiceHost) => (pid: string) =>
  !!host.providers().find((e) => e.id === pid && isGroupHead(e) && e.needsKey && !e.demo);

/**
 * Set API Key: asks for the key (password box), checks it with a cheap request (list models) and
 * says whether it works. Arg `{providerId, key}` skips the prompts (tests, scripts).
 */
export async function setApiKey(host: ServiceHost, arg?: unknown): Promise<KeyCheck | undefined> {
  const a = (arg && typeof arg === 'object' ? arg : typeof arg === 'string' ? { providerId: arg } : {}) as {
    providerId?: unknown;
    key?: unknown;
  };
  const id = await pickProvider(
    host,
    a.providerId,
    'Switchboard: Set API Key',
    keyHolder(host),
  );
  const entry = host.providers().find((e) => e.id === id);
  if (!entry) return undefined;
  let key = typeof a.key === 'string' ? a.key.trim() : undefined;
  if (key === undefined) {
    key = (
      await vscode.window.showInputBox({
        title: `API key for ${entry.label}`,
        prompt: `Stored in VS Code's secret storage and only ever sent to ${originOf(entry.baseURL)}.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim().length < 8 ? 'That is too short to be an API key.' : /\s/.test(v.trim()) ? 'An API key has no spaces.' : undefined),
      })
    )?.trim();
    if (!key) return undefined;
  }
  const origin = originOf(entry.baseURL);
  if (!origin) return { ok: false, message: `${entry.label}: the base URL is not valid; fix it in settings first.` };
  const check = await checkKey(entry, key);
  await host.keys.set(entry.id, key, origin);
  await host.reconfigure();
  // A new key is the fix for "key rejected": every model of the entry takes requests again (a key
  // that is still wrong marks them again on the next attempt).
  for (const h of host.engine.health())
    if ((h.group ?? h.id) === entry.id && h.state === 'misconfigured') host.engine.reset(h.id);
  const message = check.ok ? `${entry.label}: the key works and was saved.` : `${entry.label}: the key was saved, but the check failed: ${check.message}`;
  if (check.ok) void notify(host.log, 'info', message);
  else void notify(host.log, 'warn', message, 'Show Logs').then((p) => p && vscode.commands.executeCommand('switchboard.showLogs'));
  return { ok: check.ok, message };
}

async function checkKey(
  entry: {
    id: string;
    label: string;
    protocol: 'openai' | 'anthropic' | 'cohere';
    preset?: string;
    baseURL: string;
    model: string;
    trust: string;
  },
  key: string,
): Promise<KeyCheck> {
  const provider = createProvider({ ...entry, apiKey: key, timeouts: { headersMs: 10_000 } });
  try {
    const models = await provider.listModels(AbortSignal.timeout(15_000));
    return { ok: true, message: `${models.length} models available` };
  } catch (e) {
    return { ok: false, message: isProviderError(e) ? e.message : 'the check request failed' };
  }
}

export async function removeApiKey(host: ServiceHost, arg?: unknown): Promise<boolean> {
  const id = await pickProvider(
    host,
    arg,
    'Switchboard: Remove API Key',
    keyHolder(host),
  );
  const entry = host.providers().find((e) => e.id === id);
  if (!id || !entry) return false;
  await host.keys.delete(id);
  await host.reconfigure();
  void notify(host.log, 'info', `The API key for ${entry.label} was removed from secret storage; ${entry.label} gets no requests until you set a new one.`, 'Set API Key').then(
    (p) => p && vscode.commands.executeCommand('switchboard.setApiKey', id),
  );
  return true;
}
