// @ts-check
// ESLint (flat config): typescript-eslint's and angular-eslint's recommended rules, and the rule that
// keeps src/contract framework-free (it is imported by the page, the emulator and the servers).
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'generated/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'screenshots/**',
      '.angular/**',
      'out-tsc/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A variable read by a closure before its one assignment (a getter set up earlier) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // server/negotiator.d.ts is referenced by path so that every tsconfig that reaches the servers sees it.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always' }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'ps', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'ps', style: 'camelCase' },
      ],
    },
  },
  {
    files: ['src/app/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    // The contract is shared with Node servers and build scripts: no framework, no browser app code.
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@angular/*', '@ngx-translate/*', 'rxjs', 'rxjs/*'],
              message: 'src/contract is framework-free: the emulator and the servers import it.',
            },
            {
              group: ['../app/*', '../app', '**/src/app/*', '../../*'],
              message: 'src/contract imports nothing but itself.',
            },
          ],
        },
      ],
    },
  },
);
