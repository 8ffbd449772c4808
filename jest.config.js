// Jest runs the page's unit and component tests (src/**/*.spec.ts) in jsdom, zoneless.
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  roots: ['<rootDir>/src'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['**/*.spec.ts'],
  // intl-messageformat and its @formatjs parts ship ES modules only.
  transformIgnorePatterns: ['node_modules/(?!(intl-messageformat|@formatjs)/|.*\\.mjs$)'],
};
