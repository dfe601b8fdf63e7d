/**
 * The HTML shell of a webview: a strict nonce CSP (`default-src 'none'`), one stylesheet and one
 * script from media/, both loaded through `asWebviewUri`.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface HtmlParts {
  cspSource: string;
  nonce: string;
  title: string;
  scriptUri: string;
  styleUri: string;
  /** Markup placed in <body> before the script runs (static, trusted). */
  body: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Pure: builds the document (unit-tested). */
export function buildHtml(p: HtmlParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${escapeAttr(p.nonce)}" href="${escapeAttr(p.styleUri)}">
<title>${escapeAttr(p.title)}</title>
</head>
<body>
${p.body}
<script nonce="${escapeAttr(p.nonce)}" src="${escapeAttr(p.scriptUri)}"></script>
</body>
</html>`;
}

/** Appends path segments to a Uri without the vscode runtime (keeps this file Node-testable). */
function child(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: [base.path.replace(/\/+$/, ''), ...segments].join('/') });
}

/** The media/ folder: the only local resource root of every Switchboard webview. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return child(extensionUri, 'media');
}

/** The options every Switchboard webview uses: scripts on, command URIs off, resources only from media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

/** Builds the HTML of webview `name` (media/dist/main-<name>.js + media/<name>.css). */
export function renderWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  name: 'chat' | 'dashboard',
  title: string,
  body: string,
): string {
  const uri = (...segments: string[]) => webview.asWebviewUri(child(mediaRoot(extensionUri), ...segments)).toString();
  return buildHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    title,
    scriptUri: uri('dist', `main-${name}.js`),
    styleUri: uri(`${name}.css`),
    body,
  });
}
