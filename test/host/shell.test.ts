// Issue 4 in a real VS Code: commands, SecretStorage, Set API Key, status bar health, Switch
// Provider, the fire drill and the reliability report, against loopback providers.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LoopbackServer } from '../../src/loopback/server';
import { openAiFormat } from '../../src/loopback/formats/openai';
import {
  applied,
  ask,
  configure,
  eventually,
  KEYS,
  providers,
  resetSettings,
  startFixture,
  TEXT,
  until,
  type Fixture,
  status,
} from './support/fixtures';

const OVERLOADED = { type: 'status' as const, status: 529, errorType: 'overloaded_error', message: 'Overloaded' };

describe('Switchboard in VS Code: settings, keys, status bar, palette', function () {
  this.timeout(60_000);
  let f: Fixture;

  before(async () => {
    await vscode.extensions.getExtension('switchboard-dev.switchboard')!.activate();
    f = await startFixture();
    await configure(f);
  });

  after(async () => {
    await vscode.commands.executeCommand('switchboard.removeApiKey', 'alpha');
    await vscode.commands.executeCommand('switchboard.removeApiKey', 'beta');
    await resetSettings();
    await f.dispose();
  });

  it('registers every command the manifest contributes', async () => {
    const ext = vscode.extensions.getExtension('switchboard-dev.switchboard')!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const all = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 11);
    assert.deepEqual(contributed.filter((c) => !all.has(c)), []);
  });

  it('Set API Key checks the key against the provider and says when it is rejected', async () => {
    const bad = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('switchboard.setApiKey', {
      providerId: 'alpha',
      key: 'sk-test-WRONG-key-000000',
    });
    assert.equal(bad?.ok, false);
    assert.match(bad!.message, /API key was rejected/);
    assert.ok(!bad!.message.includes('WRONG-key'), 'the key must not be echoed');
    const good = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('switchboard.setApiKey', {
      providerId: 'alpha',
      key: KEYS.alpha,
    });
    assert.deepEqual(good, { ok: true, message: 'Alpha: the key works and was saved.' });
    const beta = await vscode.commands.executeCommand<{ ok: boolean }>('switchboard.setApiKey', {
      providerId: 'beta',
      key: KEYS.beta,
    });
    assert.equal(beta?.ok, true);
    await until(async () => (await providers()).every((p) => !p.missingKey), 'both keys to apply');
  });

  it('keeps keys in SecretStorage only: remove and set again round-trips, settings never hold them', async () => {
    const settings = JSON.stringify(vscode.workspace.getConfiguration('switchboard'));
    assert.ok(!settings.includes(KEYS.alpha) && !settings.includes(KEYS.beta));
    assert.equal(await vscode.commands.executeCommand('switchboard.removeApiKey', 'alpha'), true);
    await until(
      async () => (await providers()).find((p) => p.id === 'alpha')?.missingKey === true,
      'alpha to lose its key',
    );
    await vscode.commands.executeCommand('switchboard.setApiKey', { providerId: 'alpha', key: KEYS.alpha });
    await until(
      async () => (await providers()).find((p) => p.id === 'alpha')?.missingKey === false,
      'alpha to get its key back',
    );
  });

  it('answers through the first provider, and the status bar shows it healthy', async () => {
    f.alpha.reset();
    assert.equal(await ask(), TEXT.alpha);
    assert.equal(f.alpha.chatRequests.length, 1);
    assert.equal(f.alpha.chatRequests[0].headers.authorization, `Bearer ${KEYS.alpha}`);
    await eventually(async () => {
      const s = await status();
      assert.equal(s.severity, 'ok');
      assert.match(s.text, /Alpha/);
      assert.match(s.tooltip, /\| \*\*Alpha\*\* \| healthy \|/);
    }, 'the status bar to show Alpha healthy');
  });

  it('falls back when a provider fails, turns the status bar to warning, and recovers after', async () => {
    f.alpha.setDefault({ text: TEXT.alpha, fault: OVERLOADED });
    for (let i = 0; i < 6; i++) assert.equal(await ask(), TEXT.beta, `chat ${i} should come from beta`);
    await eventually(async () => {
      const bad = await status();
      assert.equal(bad.severity, 'warning');
      assert.match(bad.text, /Beta/);
      assert.match(bad.tooltip, /\| Alpha \| (degraded|down \(breaker open\)|cooling down, \d+ s left) \|/);
    }, 'the status bar to warn about Alpha');
    f.alpha.setDefault({ text: TEXT.alpha });
    await vscode.commands.executeCommand('switchboard.resetProvider', 'alpha');
    assert.equal(await ask(), TEXT.alpha);
    await eventually(async () => {
      const good = await status();
      assert.equal(good.severity, 'ok');
      assert.match(good.tooltip, /\| \*\*Alpha\*\* \| healthy \|/);
    }, 'the status bar to show Alpha healthy again');
  });

  it('Switch Provider changes which provider answers', async () => {
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'beta'), 'beta');
    await until(
      () => vscode.workspace.getConfiguration('switchboard').get('routing.policy') === 'pinned',
      'the pinned policy',
    );
    await applied();
    assert.equal(await ask(), TEXT.beta);
    assert.match((await status()).tooltip, /routing: pinned/);
    assert.equal(await vscode.commands.executeCommand('switchboard.switchProvider', 'auto:priority'), 'auto:priority');
    await applied();
    assert.equal(await ask(), TEXT.alpha);
  });

  it('the fire drill makes the next request fall back without touching the failing provider', async () => {
    f.alpha.reset();
    await vscode.commands.executeCommand('switchboard.simulateOutage', { providerId: 'alpha', minutes: 1 });
    assert.equal(await ask(), TEXT.beta);
    assert.equal(f.alpha.chatRequests.length, 0, 'a simulated outage fails in-process');
    await eventually(async () => assert.match((await status()).tooltip, /fire drill: Alpha/), 'the tooltip to show the fire drill');
    await vscode.commands.executeCommand('switchboard.simulateOutage', { providerId: 'alpha', minutes: 0 });
    await vscode.commands.executeCommand('switchboard.resetProvider', 'alpha');
    assert.equal(await ask(), TEXT.alpha);
  });

  it('exports a reliability report with the incidents and no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-report-'));
    const files = await vscode.commands.executeCommand<string[]>('switchboard.exportReport', { folder: dir });
    assert.equal(files?.length, 2);
    const md = readFileSync(files![0], 'utf8');
    const json = JSON.parse(readFileSync(files![1], 'utf8')) as {
      providers: { id: string; failovers: number }[];
      incidents: { what: string }[];
    };
    assert.match(md, /# Switchboard reliability report/);
    assert.match(md, /\| Alpha \|/);
    // Alpha failed until it was known to be degraded (3 in a row), then chats went to beta first.
    assert.ok(json.providers.find((p) => p.id === 'alpha')!.failovers >= 3);
    assert.ok(json.incidents.some((i) => /attempt failed: overloaded/.test(i.what)));
    assert.ok(json.incidents.some((i) => /fell back to Beta \(overloaded\)/.test(i.what)));
    for (const text of [md, JSON.stringify(json)]) {
      assert.ok(!text.includes(KEYS.alpha) && !text.includes(KEYS.beta), 'the report must not contain a key');
    }
  });

  it('Run Health Check probes every enabled provider', async () => {
    f.beta.reset();
    const results =
      await vscode.commands.executeCommand<{ providerId: string; ok: boolean }[]>('switchboard.runHealthCheck');
    assert.deepEqual(results?.map((r) => [r.providerId, r.ok]), [['alpha', true], ['beta', true]]);
    assert.equal(f.beta.chatRequests.length, 1);
  });

  it('Disable Provider takes it out of routing until enabled again', async () => {
    await vscode.commands.executeCommand('switchboard.disableProvider', 'alpha');
    assert.equal(await ask(), TEXT.beta);
    await vscode.commands.executeCommand('switchboard.enableProvider', 'alpha');
    assert.equal(await ask(), TEXT.alpha);
  });

  it('never sends a key to another origin when the base URL changes', async () => {
    const other = await LoopbackServer.start(openAiFormat());
    try {
      await vscode.workspace.getConfiguration('switchboard').update(
        'providers',
        [{ id: 'alpha', label: 'Alpha', protocol: 'openai', baseURL: other.baseURL, model: 'loopback-model' }],
        vscode.ConfigurationTarget.Global,
      );
      await until(
        async () => (await providers()).find((p) => p.id === 'alpha')?.baseURL === other.baseURL,
        'the new base URL',
      );
      assert.equal(
        (await providers()).find((p) => p.id === 'alpha')?.missingKey,
        true,
        'the saved key belongs to the old origin',
      );
      await assert.rejects(ask());
      assert.equal(other.requests.length, 0, 'nothing, and no key, reached the new host');
    } finally {
      await configure(f);
      await other.close();
    }
  });

  it('logs are redacted: the output channel never shows a key', async () => {
    // The log channel is written through redact(); check what the extension logged this session.
    const ext = vscode.extensions.getExtension<{ logLines?: () => string[] }>('switchboard-dev.switchboard')!;
    const lines = ext.exports.logLines?.() ?? [];
    assert.ok(lines.length > 5, 'the extension logs its work');
    const all = lines.join('\n');
    assert.ok(!all.includes(KEYS.alpha) && !all.includes(KEYS.beta));
  });
});
