import * as vscode from 'vscode';
import { detectOllama } from '../../demo/detectOllama';
import { notify } from '../notify';
import type { ServiceHost } from '../serviceHost';

/**
 * Detect Ollama: looks for a local Ollama on 127.0.0.1:11434 and says what it found. Arg: an
 * origin to look at instead (tests). Returns the model found, if any.
 */
export async function detectOllamaCommand(host: ServiceHost, arg?: unknown): Promise<string | undefined> {
  const origin = typeof arg === 'string' ? arg : 'http://127.0.0.1:11434';
  const found = await detectOllama(origin, 1500);
  if (!found) {
    void notify(host.log, 'info', `no Ollama answered on ${origin}. Install it from ollama.com, run "ollama pull llama3.2", then try again.`);
    return undefined;
  }
  await host.reconfigure();
  const used = host.providers().some((e) => e.baseURL === found.baseURL && e.enabled);
  const message = used
    ? `found Ollama on ${origin} with ${found.model}; it answers your chats, locally.`
    : `found Ollama on ${origin} with ${found.model}. Add it to "switchboard.providers" (preset "ollama") to use it next to your other providers.`;
  void notify(host.log, 'info', message, ...(used ? [] : ['Open Settings'])).then((p) => p && vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.providers'));
  return found.model;
}
