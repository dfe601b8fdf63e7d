// ESLint rule `switchboard/boundaries`: the architecture's import rules, checked on every import,
// export-from, require() and import() under src/ (replaces the old regex architecture test).
//   - `vscode` is imported only under src/vscode/ and by src/extension.ts (the composition root);
//   - a provider SDK is never imported at load time (`import type` is fine): it is require()d
//     lazily by its own provider folder's sdk.ts, and never through a subpath;
//   - src/core/ imports nothing else from src/;
//   - src/webview/ (browser code) imports only webview/ and core/.
import { dirname, relative, resolve } from 'node:path';

const SDK = /^(openai|@anthropic-ai\/sdk|cohere-ai)(\/.*)?$/;
const SDK_FOLDER = { openai: 'openai', '@anthropic-ai/sdk': 'anthropic', 'cohere-ai': 'cohere' };

/** Path of `file` relative to src/, with `/` separators; undefined outside src/. */
function inSrc(srcRoot, file) {
  const rel = relative(srcRoot, file).split('\\').join('/');
  return rel.startsWith('..') ? undefined : rel;
}

function check(context, srcRoot, node, source, { typeOnly = false, lazy = false } = {}) {
  const file = inSrc(srcRoot, context.filename);
  if (file === undefined || typeof source !== 'string') return;
  const report = (message) => context.report({ node, message });
  if (source === 'vscode' && !file.startsWith('vscode/') && file !== 'extension.ts') {
    return report(`${file} imports vscode: only src/vscode/ (and extension.ts) may.`);
  }
  const sdk = SDK.exec(source);
  if (sdk && !typeOnly) {
    if (!lazy) return report(`${file} imports ${source} at load time: use \`import type\` and the provider's sdk.ts.`);
    if (file !== `providers/${SDK_FOLDER[sdk[1]]}/sdk.ts`) return report(`${file} loads ${source}: only providers/${SDK_FOLDER[sdk[1]]}/sdk.ts may.`);
    if (sdk[2]) return report(`${file} loads a subpath ${source}: load the package root.`);
  }
  if (!source.startsWith('.')) return;
  const target = inSrc(srcRoot, resolve(dirname(context.filename), source));
  if (file.startsWith('core/') && !target?.startsWith('core/')) {
    return report(`${file} imports ${source}: core/ imports nothing else from src/.`);
  }
  if (file.startsWith('webview/') && !(target?.startsWith('webview/') || target?.startsWith('core/'))) {
    return report(`${file} imports ${source}: webview/ imports only webview/ and core/.`);
  }
}

export function boundaries(srcRoot) {
  const rule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
      return {
        ImportDeclaration(n) {
          const typeOnly = n.importKind === 'type' || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type'));
          check(context, srcRoot, n, n.source.value, { typeOnly });
        },
        ExportNamedDeclaration(n) {
          if (n.source) check(context, srcRoot, n, n.source.value, { typeOnly: n.exportKind === 'type' });
        },
        ExportAllDeclaration(n) {
          check(context, srcRoot, n, n.source.value, { typeOnly: n.exportKind === 'type' });
        },
        ImportExpression(n) {
          check(context, srcRoot, n, literal(n.source), { lazy: true });
        },
        CallExpression(n) {
          if (n.callee.type === 'Identifier' && n.callee.name === 'require')
            check(context, srcRoot, n, literal(n.arguments[0]), { lazy: true });
        },
      };
    },
  };
  return { rules: { boundaries: rule } };
}
