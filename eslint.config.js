// Lint rules that catch bugs the type checker lets through, above all promises nobody awaits (a
// rejected one is an unhandled rejection; one passed where a callback is expected runs unawaited).
// Type-aware: the rules read tsconfig.json's types. Formatting is not linted here (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.*/', 'node_modules/', '.cache/', 'coverage/'] },
  // The build scripts and the launcher are plain JavaScript: ESLint's own recommended rules.
  { files: ['**/*.mjs', 'eslint.config.js'], ...js.configs.recommended, languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
