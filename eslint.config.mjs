import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'packages/cli/app/**',
      'packages/dashboard/app-dist/**',
      'docs/api/**',
      'storybook-static/**',
      'node_modules/**',
      '**/*.d.ts',
      'data/.cache/**',
      'bench/.cache/**',
      // apps of a stranger's project, built with their own tools by consumerApps.e2e.test.ts
      'test/e2e/consumerApps/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests spoil parsed JSON on purpose to check the error messages.
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The core, bus, projection and rnn packages run in Node and in workers: no DOM.
    files: ['packages/{core,bus,projection,rnn}/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'HTMLElement',
        'customElements',
        'requestAnimationFrame',
      ],
    },
  },
);
