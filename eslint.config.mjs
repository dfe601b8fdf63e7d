// ESLint (flat config), run by `npm run lint` and as a stage of `npm test`.
// The architecture's import rules are one local rule (scripts/lint/boundaries.mjs); lines stay
// under 120 characters (URLs, long strings and regular expressions aside).
import { fileURLToPath } from 'node:url';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/lint/boundaries.mjs';

const src = fileURLToPath(new URL('./src', import.meta.url));
/** A line holding a string, template or regex literal of 50+ characters. */
const LONG_LITERAL = /(['"`\/])(?:\\.|(?!\1).){50,}\1/.source;

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'media/dist/', 'results/', '.vscode-test/', '.cache/'] },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.cjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@stylistic': stylistic, '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@stylistic/max-len': [
        'error',
        // A line may run long only for a long message or pattern, which is clearer unbroken.
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: LONG_LITERAL },
      ],
    },
  },
  {
    // SDKs are require()d lazily on purpose, each with a comment saying so.
    files: ['**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { switchboard: boundaries(src) },
    rules: { 'switchboard/boundaries': 'error' },
  },
);
