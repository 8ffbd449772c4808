// Jest's global setup: the page imports the compiled translations (generated/i18n), so compile them first.
const { execFileSync } = require('node:child_process');

module.exports = () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile-i18n.ts'], {
    cwd: __dirname + '/..',
    stdio: 'inherit',
  });
};
