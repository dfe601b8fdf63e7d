import * as assert from 'node:assert/strict';
import { buildHtml, contentSecurityPolicy, createNonce } from '../../../src/vscode/webviewHtml';

describe('webview HTML shell', () => {
  it('uses a strict nonce CSP and puts the nonce on the only script and stylesheet', () => {
    const nonce = createNonce();
    assert.notEqual(nonce, createNonce());
    const src = 'https://file+.vscode-resource.vscode-cdn.net';
    assert.equal(contentSecurityPolicy(src, nonce), `default-src 'none'; style-src ${src} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${src} data:; font-src ${src}`);
    const html = buildHtml({ cspSource: src, nonce, title: 'T', scriptUri: `${src}/media/dist/main-chat.js`, styleUri: `${src}/media/chat.css`, body: '<main></main>' });
    assert.ok(html.includes(`content="default-src 'none';`));
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}" src="${src}/media/dist/main-chat.js">`]);
    assert.match(html, new RegExp(`<link rel="stylesheet" nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });
});
