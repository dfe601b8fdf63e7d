import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEngineSettings, readTimeouts } from '../../../src/config/engineSettings';
import { parseProviderSettings } from '../../../src/config/providers';
import { contributedProperties, restrictedSettings, SETTINGS, type Setting } from '../../../src/config/settingsSchema';
import type { ProviderTimeouts } from '../../../src/core/provider';
import type { EngineSettings } from '../../../src/resilience/api';
import { DEFAULT_ENGINE_SETTINGS } from '../../../src/resilience/engine';

const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));

/** Where each number setting lands once read: every one must be read by the real readers. */
const NUMBER_READS: Record<string, (e: EngineSettings, t: ProviderTimeouts) => number> = {
  'hedging.minDelayMs': (e) => e.hedging.minDelayMs,
  'hedging.maxDelayMs': (e) => e.hedging.maxDelayMs,
  maxAttemptsPerChat: (e) => e.maxAttemptsPerChat,
  'timeouts.headersMs': (_e, t) => t.headersMs,
  'timeouts.firstTokenMs': (_e, t) => t.firstTokenMs,
  'timeouts.stallMs': (_e, t) => t.stallMs,
  'cost.budgetWarnPercent': (e) => Math.round((e.cost?.warnAt ?? NaN) * 100),
  'routing.cacheAffinityMinutes': (e) => (e.cacheAffinity?.ttlMs ?? NaN) / 60_000,
};

const entries = Object.entries(SETTINGS) as [string, Setting][];
const read = (values: Record<string, unknown>) => {
  const get = (k: string) => values[k];
  return { e: readEngineSettings(get, []), t: readTimeouts(get) };
};

describe('settings schema: one table for defaults, clamps and package.json', () => {
  it("package.json's contributes.configuration is exactly the table", () => {
    assert.deepEqual(pkg.contributes.configuration.properties, contributedProperties());
  });

  it('the settings ignored in an untrusted workspace are exactly the restricted rows', () => {
    assert.deepEqual(
      [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      restrictedSettings().sort(),
    );
    // Anything that could redirect keys or weaken sensitivity must be among them.
    for (const k of ['providers', 'sensitivity.fileGlobs', 'sensitivity.allowedTrust', 'sensitivity.detectSecrets']) {
      assert.ok(restrictedSettings().includes(`switchboard.${k}`), k);
    }
  });

  it('with nothing set, the extension runs on the engine defaults, which are the table defaults', () => {
    const { e, t } = read({});
    assert.deepEqual(
      { ...e, order: undefined, pinned: undefined },
      { ...DEFAULT_ENGINE_SETTINGS, order: undefined, pinned: undefined },
    );
    assert.equal(e.policy, SETTINGS['routing.policy'].default);
    assert.equal(e.midStream, SETTINGS.midStream.default);
    assert.equal(e.hedging.enabled, SETTINGS['hedging.enabled'].default);
    assert.deepEqual(e.sensitivity.fileGlobs, SETTINGS['sensitivity.fileGlobs'].default);
    assert.deepEqual(e.sensitivity.allowedTrust, SETTINGS['sensitivity.allowedTrust'].default);
    for (const [key, at] of Object.entries(NUMBER_READS))
      assert.equal(at(e, t), (SETTINGS as Record<string, Setting>)[key].default, key);
  });

  it('every number setting is clamped to its declared range and a non-number falls back to its default', () => {
    const numbers = entries.filter(([, s]) => s.type === 'number').map(([k]) => k);
    assert.deepEqual(numbers.sort(), Object.keys(NUMBER_READS).sort(), 'every number setting is read');
    for (const key of numbers) {
      const s = (SETTINGS as Record<string, Setting>)[key] as Setting & {
        minimum: number;
        maximum: number;
        default: number;
      };
      const at = NUMBER_READS[key];
      const below = read({ [key]: s.minimum - 1 });
      assert.equal(at(below.e, below.t), s.minimum, `${key} below its minimum`);
      const above = read({ [key]: s.maximum + 1 });
      assert.equal(at(above.e, above.t), s.maximum, `${key} above its maximum`);
      const inside = Math.round((s.minimum + s.maximum) / 2);
      const mid = read({ [key]: inside });
      assert.equal(at(mid.e, mid.t), inside, `${key} in range is kept`);
      const junk = read({ [key]: 'soon' });
      assert.equal(at(junk.e, junk.t), s.default, `${key} not a number`);
      assert.ok(s.minimum <= s.default && s.default <= s.maximum, `${key} default within its range`);
    }
  });

  it('an unknown choice falls back to the default choice', () => {
    const { e } = read({ 'routing.policy': 'random', midStream: 'pause' });
    assert.equal(e.policy, SETTINGS['routing.policy'].default);
    assert.equal(e.midStream, SETTINGS.midStream.default);
  });

  it('the default provider list parses without a problem', () => {
    const r = parseProviderSettings(SETTINGS.providers.default);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.providers.map((p) => p.id), ['openai', 'anthropic', 'cohere', 'ollama']);
  });
});
