// One lint standard for shared, server and miniprogram (npm test runs it first; `npm run lint`).
// Formatting is Prettier's job (`npm run format`); eslint-config-prettier turns off the rules
// that would fight it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'docs/**',
      '**/coverage/**',
      '**/.taro-cache/**',
      '**/.swc/**',
      'tools/empty-package/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // TypeScript checks names itself (and knows the globals of each tsconfig).
    files: ['**/*.{ts,tsx}'],
    rules: { 'no-undef': 'off' },
  },
  {
    // CommonJS: scripts, Jest and Babel configs, the bench, the server's bootstrap.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniprogram/src/**/*.{ts,tsx}', 'miniprogram/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests drive untyped simulators (miniprogram-simulate) and load modules lazily.
    files: ['**/test/**', '**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
