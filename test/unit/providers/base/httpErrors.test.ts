import * as assert from 'node:assert/strict';
import { kindForStatus, parseRetryAfter } from '../../../../src/providers/base/httpErrors';
import { openAiRateLimit, parseDuration, anthropicRateLimit } from '../../../../src/providers/base/rateLimit';

describe('HTTP error mapping', () => {
  it('maps statuses to the taxonomy', () => {
    assert.equal(kindForStatus(401), 'auth');
    assert.equal(kindForStatus(403), 'auth');
    assert.equal(kindForStatus(404), 'model_not_found');
    assert.equal(kindForStatus(429), 'rate_limited');
    assert.equal(kindForStatus(429, 'insufficient_quota'), 'quota_exhausted');
    assert.equal(kindForStatus(529), 'overloaded');
    assert.equal(kindForStatus(503), 'overloaded');
    assert.equal(kindForStatus(500), 'server_error');
    assert.equal(kindForStatus(400, 'maximum context length is 8192 tokens'), 'context_too_long');
    assert.equal(kindForStatus(400, 'temperature must be <= 2'), 'bad_request');
  });

  it('reads retry-after-ms, seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }), 250);
    assert.equal(parseRetryAfter({ 'retry-after': '3' }), 3000);
    const now = Date.parse('2026-11-24T10:00:00Z');
    assert.equal(parseRetryAfter({ 'retry-after': 'Tue, 24 Nov 2026 10:00:05 GMT' }, now), 5000);
    assert.equal(parseRetryAfter({}), undefined);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }), undefined);
  });

  it('parses rate-limit headroom of OpenAI and Anthropic', () => {
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('120ms'), 120);
    assert.equal(parseDuration('6s'), 6000);
    const o = openAiRateLimit({ 'x-ratelimit-remaining-requests': '7', 'x-ratelimit-reset-tokens': '2s' }, 1000);
    assert.deepEqual(o, { remainingRequests: 7, resetTokensAt: 3000 });
    const a = anthropicRateLimit({
      'anthropic-ratelimit-tokens-remaining': '900',
      'anthropic-ratelimit-tokens-reset': '2026-11-24T10:00:00Z',
    });
    assert.deepEqual(a, { remainingTokens: 900, resetTokensAt: Date.parse('2026-11-24T10:00:00Z') });
  });
});
