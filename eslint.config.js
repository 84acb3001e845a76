// Lint for bugs, not style: the recommended sets of ESLint, typescript-eslint
// and React's hooks rules (which also read the one eslint-disable comment for
// react-hooks/exhaustive-deps in the take screen).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'src/generated/', 'coverage/', '.bench-tmp/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { proof: _dropped, ...rest } = doc` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'tests/ui/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The launcher is CommonJS (bin/package.json): require() is its import.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
);
