// Regenerates the screenshots in docs/images from real runs of the built CLI (npm run build first):
// the HTML report of the demo app (fixtures/apps/violating-app) and a fleet dashboard of the demo app
// at two commits (the second adds a SIGTERM handler and logs to stdout) and the compliant app, each at
// 1280 and 420 pixels wide, in headless Chromium driven by playwright-core.
//
//   node docs/images/capture.mjs            (CHROMIUM=/path/to/chromium to use another browser)

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'docs/images');
const CLI = path.join(ROOT, 'bin/twelve-factor-audit.js');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const work = mkdtempSync(path.join(os.tmpdir(), 'tfa-capture-'));
const audit = (app, name) => {
  try {
    execFileSync(process.execPath, [CLI, app, '--fail-on', 'never', '-f', `json:${name}.json`, '-f', `html:${name}.html`], { cwd: work, stdio: 'pipe' });
  } catch (err) {
    throw new Error(`audit of ${app} failed: ${err.stderr}`);
  }
};
/** A fake .git: HEAD on main at `commit` (the target's commit in the report). */
const fakeGit = (dir, commit) => {
  mkdirSync(path.join(dir, '.git/refs/heads'), { recursive: true });
  writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(dir, '.git/refs/heads/main'), `${commit}\n`);
};

const shop = path.join(work, 'apps/legacy-shop');
cpSync(path.join(ROOT, 'fixtures/apps/violating-app'), shop, { recursive: true });
fakeGit(shop, '3f78a1c0de5e7b2a9d41c6f08e1b7a5c2d9e4f60');
audit(shop, 'legacy-shop-1');
// The next commit: a SIGTERM handler, and logs to stdout instead of a file.
fakeGit(shop, '8c2d4e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d');
const server = path.join(shop, 'src/server.js');
writeFileSync(server, `${readFileSync(server, 'utf8')}process.on('SIGTERM', () => process.exit(0));\n`);
writeFileSync(path.join(shop, 'src/logger.js'), "const winston = require('winston');\n\nmodule.exports = winston.createLogger({\n  transports: [new winston.transports.Console()],\n});\n");
audit(shop, 'legacy-shop-2');
const orders = path.join(work, 'apps/orders-api');
cpSync(path.join(ROOT, 'fixtures/apps/compliant-app'), orders, { recursive: true });
fakeGit(orders, '5b1e9c3a7d2f4e6a8c0b1d3f5a7c9e2b4d6f8a0c');
audit(orders, 'orders-api');
execFileSync(process.execPath, [CLI, 'dashboard', 'legacy-shop-1.json', 'legacy-shop-2.json', 'orders-api.json', '-o', 'fleet.html'], { cwd: work, stdio: 'pipe' });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
try {
  for (const [file, name] of [
    ['legacy-shop-1.html', 'html-report'],
    ['fleet.html', 'dashboard'],
  ]) {
    for (const width of [1280, 420]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(path.join(work, file)).href);
      const png = path.join(OUT, `${name}-${width}.png`);
      // The first screen and a bit more: the score, the scorecard or grid, the start of the findings.
      await page.screenshot({ path: png, fullPage: true, clip: { x: 0, y: 0, width, height: width > 600 ? 1400 : 1700 } });
      await page.close();
      console.log(path.relative(ROOT, png));
    }
  }
} finally {
  await browser.close();
}
console.log(`reports in ${work}`);
