import * as assert from 'node:assert/strict';
import { Servers, PROTOCOLS, providerFor } from '../../resilience/engine/harness';
import { collect } from '../streamHarness';

// Bug: a 200 whose body is not an event stream (a JSON completion from a server that ignored
// `stream`, or a proxy's HTML page at a wrong base URL) was reported as "The connection dropped
// mid-answer" (interrupted). It is a protocol fault the user fixes in the base URL.
describe('a 200 response whose body is not a stream (real SDKs, loopback servers)', () => {
  const servers = new Servers();
  afterEach(() => servers.closeAll());

  const bodies = [
    { name: 'a JSON completion', contentType: 'application/json', body: undefined },
    { name: 'an HTML page', contentType: 'text/html; charset=utf-8', body: '<!doctype html><html><body>Welcome to nginx!</body></html>' },
  ];
  for (const protocol of PROTOCOLS) {
    for (const b of bodies) {
      it(`${protocol}: ${b.name} is a protocol fault that names the base URL, not a dropped connection`, async () => {
        const server = (await servers.start(protocol)).script({
          fault: { type: 'not-stream', contentType: b.contentType, body: b.body },
        });
        const r = await collect(
          providerFor(server, 'p').streamChat({ model: 'loopback-model', messages: [{ role: 'user', content: 'hi' }] }),
        );
        assert.ok(r.error, 'expected an error');
        assert.equal(r.error.kind, 'protocol');
        assert.match(r.error.message, /check the base URL/);
        assert.match(r.error.detail ?? '', new RegExp(b.contentType.split(';')[0].replace('/', '\\/')));
        assert.equal(r.text, '');
      });
    }
  }

  it('a stream that started and then ended without a finish is still "interrupted"', async () => {
    for (const protocol of PROTOCOLS) {
      const server = (await servers.start(protocol)).script({
        text: 'one two three',
        fault: { type: 'no-finish', afterTokens: 2 },
      });
      const r = await collect(
        providerFor(server, 'p').streamChat({ model: 'loopback-model', messages: [{ role: 'user', content: 'hi' }] }),
      );
      assert.equal(r.error?.kind, 'interrupted', protocol);
      assert.equal(r.text, 'one two ');
    }
  });
});
