import * as assert from 'node:assert/strict';
import { readEngineSettings, readTimeouts } from '../../../src/config/engineSettings';

describe('engine settings', () => {
  it('reads user values', () => {
    const values: Record<string, unknown> = {
      'routing.policy': 'pinned',
      'routing.pinnedProvider': 'anthropic',
      'hedging.enabled': false,
      midStream: 'stop',
      'sensitivity.allowedTrust': ['local', 'cloud'],
    };
    const s = readEngineSettings((k) => values[k], ['a', 'b']);
    assert.equal(s.policy, 'pinned');
    assert.equal(s.pinned, 'anthropic');
    assert.equal(s.hedging.enabled, false);
    assert.equal(s.midStream, 'stop');
    assert.deepEqual(s.order, ['a', 'b']);
    assert.deepEqual(s.sensitivity.allowedTrust, ['local', 'cloud']);
  });

  it('falls back to defaults for broken values instead of failing', () => {
    const values: Record<string, unknown> = {
      'routing.policy': 'random',
      'hedging.minDelayMs': 'soon',
      midStream: 3,
      'sensitivity.fileGlobs': [1, 2],
      'timeouts.stallMs': -5,
    };
    const s = readEngineSettings((k) => values[k], []);
    assert.equal(s.policy, 'priority');
    assert.equal(s.hedging.minDelayMs, 400);
    assert.equal(s.midStream, 'continue');
    assert.ok(s.sensitivity.fileGlobs.includes('**/.env'));
    assert.equal(s.sensitivity.detectSecrets, true);
    assert.equal(readTimeouts((k) => values[k]).stallMs, 100, 'clamped to the minimum');
  });
});
