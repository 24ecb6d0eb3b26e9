// Installs what the project needs when it is missing, so `npm start` and `npm test` work on a fresh clone.
// Plain Node (no dependencies): it runs before node_modules exists.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing npm packages (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0) {
    console.log("Installing Debian's chromium for the browser tests…");
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  } else {
    console.error('The browser tests need /usr/bin/chromium: run `sudo apt-get install -y chromium`.');
    process.exit(1);
  }
}

// The briefing-packet test turns the printed PDF into text and PNG pages with poppler's pdftotext and pdftoppm.
if (process.argv.includes('--browser') && !existsSync('/usr/bin/pdftoppm')) {
  if (process.getuid?.() === 0) {
    console.log("Installing Debian's poppler-utils (pdftoppm) for the browser tests…");
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils');
  } else {
    console.error('The browser tests need /usr/bin/pdftoppm: run `sudo apt-get install -y poppler-utils`.');
    process.exit(1);
  }
}
