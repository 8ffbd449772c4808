// Jest runs the page's unit and component tests (src/**/*.spec.ts, scripts/**/*.spec.ts) in jsdom, zoneless.
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  // scripts/: the build-time i18n code (ICU compiler, pseudo-locales, language names) is tested here too.
  roots: ['<rootDir>/src', '<rootDir>/scripts'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['**/*.spec.ts'],
  // intl-messageformat and its @formatjs parts ship ES modules only.
  transformIgnorePatterns: ['node_modules/(?!(intl-messageformat|@formatjs)/|.*\\.mjs$)'],
  // The single files of zxcvbn-ts the strength meter imports (see src/app/password-set/zxcvbn-modules.d.ts):
  // their CommonJS twins, which load their own CommonJS dependencies as Node expects.
  moduleNameMapper: { '^(@zxcvbn-ts/.+)\\.mjs$': '$1.cjs' },
};
