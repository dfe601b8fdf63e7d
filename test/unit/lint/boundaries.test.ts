import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The architecture's import rules are enforced by `npm run lint` (eslint.config.mjs, rule
 * `switchboard/boundaries`). These cases prove the rule fires on each kind of breach, and stays
 * quiet on the code the architecture allows, with the project's real configuration.
 */
const eslint = new ESLint({ cwd: resolve(__dirname, '..', '..', '..', '..') });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === 'switchboard/boundaries').map((m) => m.message);
}

const BREACHES: [string, string, RegExp][] = [
  ['src/resilience/x.ts', `import * as vscode from 'vscode';`, /only src\/vscode/],
  ['src/chat/x.ts', `import type { Uri } from 'vscode';`, /only src\/vscode/],
  ['src/providers/openai/client.ts', `import OpenAI from 'openai';`, /at load time/],
  ['src/resilience/x.ts', `export { OpenAI } from 'openai';`, /at load time/],
  ['src/providers/openai/index.ts', `const sdk = require('openai');`, /only providers\/openai\/sdk\.ts/],
  ['src/providers/cohere/sdk.ts', `const sdk = require('openai');`, /only providers\/openai\/sdk\.ts/],
  ['src/providers/openai/sdk.ts', `const s = require('openai/streaming');`, /subpath/],
  ['src/providers/anthropic/sdk.ts', `const s = import('@anthropic-ai/sdk/core');`, /subpath/],
  ['src/core/x.ts', `import { Engine } from '../resilience/api';`, /core\/ imports nothing else/],
  ['src/core/x.ts', `export * from '../vscode/log';`, /core\/ imports nothing else/],
  ['src/webview/chat/x.ts', `import { ChatController } from '../../chat/chatController';`, /webview\/ imports only/],
  ['src/webview/x.ts', `import type { Engine } from '../resilience/api';`, /webview\/ imports only/],
];

const ALLOWED: [string, string][] = [
  ['src/vscode/chat/x.ts', `import * as vscode from 'vscode';`],
  ['src/extension.ts', `import * as vscode from 'vscode';`],
  ['src/providers/openai/client.ts', `import type OpenAI from 'openai';`],
  ['src/providers/openai/sdk.ts', `const sdk = require('openai');`],
  ['src/providers/anthropic/sdk.ts', `const sdk = require('@anthropic-ai/sdk');`],
  ['src/core/x.ts', `import { redact } from './redact';`],
  ['src/webview/chat/x.ts', `import { el } from '../dom'; import type { Turn } from '../../core/protocol';`],
  ['test/unit/x.ts', `import OpenAI from 'openai'; import * as vscode from 'vscode';`],
];

describe('import boundaries (ESLint rule)', function () {
  this.timeout(30_000);
  for (const [path, code, why] of BREACHES) {
    it(`rejects in ${path}: ${code}`, async () => {
      const found = await problems(path, code);
      assert.equal(found.length, 1, found.join('; '));
      assert.match(found[0], why);
    });
  }
  it('allows what the architecture allows', async () => {
    for (const [path, code] of ALLOWED) assert.deepEqual(await problems(path, code), [], `${path}: ${code}`);
  });
});
