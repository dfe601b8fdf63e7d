// Builds the extension. Modes:
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified build for packaging
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       transpile src/ and test/ to out/ for mocha (no bundling)
// Type-checking is separate: `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Provider SDKs: each becomes its own file in dist/sdk/, required only when first used. */
const SDKS = { openai: 'openai', '@anthropic-ai/sdk': 'anthropic', 'cohere-ai': 'cohere' };

/** OpenAI's tokenizers (js-tiktoken and its 1-2 MB rank tables): loaded only when an OpenAI model's request is counted. */
const TOKENIZERS = {
  'js-tiktoken/lite': 'tiktoken-lite',
  'js-tiktoken/ranks/o200k_base': 'tiktoken-o200k',
  'js-tiktoken/ranks/cl100k_base': 'tiktoken-cl100k',
};
const LAZY = { ...SDKS, ...TOKENIZERS };
/** OpenTelemetry (team telemetry, off by default): one chunk, loaded only when the export is switched on. */
const OTEL_BUNDLE = 'src/telemetry/otelBundle.ts';

/** Rewrites `require('openai')` etc. in the extension bundle to the lazily loaded SDK chunk. */
const lazySdks = {
  name: 'lazy-sdks',
  setup(build) {
    build.onResolve({ filter: /^(openai|@anthropic-ai\/sdk|cohere-ai|js-tiktoken\/.*)$/ }, (a) => {
      if (!LAZY[a.path]) return { errors: [{ text: `${a.path} has no lazy chunk: add it to LAZY in esbuild.mjs` }] };
      return { path: `./sdk/${LAZY[a.path]}.js`, external: true };
    });
    build.onResolve({ filter: /^\.\/otelBundle$/ }, () => ({ path: './sdk/otel.js', external: true }));
  },
};

/** Prints errors in the problem-matcher format VS Code's esbuild tasks expect. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((r) => {
      for (const e of r.errors) console.error(`✘ [ERROR] ${e.text}\n    ${e.location?.file}:${e.location?.line}:${e.location?.column}:`);
      console.log('[watch] build finished');
    });
  },
};

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: production, sourcemap: !production, logLevel: 'warning', legalComments: 'none' };

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function walkJs(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkJs(p, out);
    else if (p.endsWith('.js')) out.push(p);
  }
  return out;
}

function webviewEntries() {
  const dir = 'src/webview';
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^main-.*\.ts$/.test(f)).map((f) => join(dir, f));
}

async function contexts() {
  const list = [
    await esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      plugins: [lazySdks, problemMatcher],
    }),
  ];
  for (const [pkg, name] of Object.entries(LAZY)) {
    list.push(
      await esbuild.context({
        ...common,
        sourcemap: false,
        minify: true,
        stdin: {
          contents: `module.exports = require(${JSON.stringify(pkg)});`,
          resolveDir: process.cwd(),
          loader: 'js',
        },
        outfile: `dist/sdk/${name}.js`,
      }),
    );
  }
  const otel = { ...common, sourcemap: false, minify: true, entryPoints: [OTEL_BUNDLE], outfile: 'dist/sdk/otel.js' };
  list.push(await esbuild.context(otel));
  const web = webviewEntries();
  if (web.length) {
    list.push(
      await esbuild.context({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: production, sourcemap: !production, entryPoints: web, outdir: 'media/dist', logLevel: 'warning' }),
    );
  }
  return list;
}

if (args.has('--tests')) {
  // No clean here: several suites may build at once; a fresh clone starts empty.
  await esbuild.build({
    entryPoints: [...walk('src'), ...walk('test')],
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // But a module whose source was moved or deleted must go: `x.js` left beside a new `x/index.js`
  // would shadow it, and a stale test would still run.
  for (const dir of ['out/src', 'out/test']) {
    for (const js of walkJs(dir)) if (!existsSync(js.slice(4).replace(/\.js$/, '.ts'))) rmSync(js, { force: true });
  }
} else {
  const ctxs = await contexts();
  if (watch) {
    await Promise.all(ctxs.map((c) => c.watch()));
  } else {
    await Promise.all(ctxs.map((c) => c.rebuild()));
    await Promise.all(ctxs.map((c) => c.dispose()));
  }
}
