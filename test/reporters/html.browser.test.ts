// The HTML report and the fleet page in a real headless Chromium (from the npm package
// @sparticuz/chromium, see chromium.ts), driven by playwright-core. No Chromium is a failure, never a
// skip: the HTML is only tested if a browser runs it.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/reporters/report.js';
import { findChromium } from './chromium.js';
import { cli, copyApp, fakeGit, SAMPLE_APP, SAMPLE_SECRET, tempDir } from './helpers.js';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let out: string;

beforeAll(async () => {
  const binary = findChromium();
  try {
    browser = await chromium.launch({ executablePath: binary.executablePath, args: FLAGS, env: { ...process.env, ...binary.env } });
  } catch (err) {
    throw new Error(`Chromium from ${binary.from} (${binary.executablePath}) did not start: ${(err as Error).message.split('\n')[0]}`);
  }
  out = tempDir('html');
  const app = copyApp(SAMPLE_APP);
  fakeGit(app, { commit: 'c'.repeat(40) });
  await cli([app, '-f', 'json:report.json', '-f', 'html:report.html'], out);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a local file and records every request the page makes and every script error. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, requests, errors };
}

describe('HTML report in Chromium', { timeout: 90_000 }, () => {
  it('renders the twelve factors and every finding, loading nothing but itself', async () => {
    const file = path.join(out, 'report.html');
    const { page, requests, errors } = await open(file);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    expect(await page.locator('#factor-chart .factor-bar').count()).toBe(12);
    expect(await page.locator('#factor-table tr.factor-row').count()).toBe(12);
    expect(await page.locator('#factor-table tr.factor-row td:first-child').allInnerTexts()).toEqual(report.factors.map((f) => f.title));
    expect(await page.locator('#finding-list .finding:visible').count()).toBe(report.findings.length);
    expect(await page.locator('#overall-score').innerText()).toContain(report.score!.toFixed(1));
    // The source line in context, highlighted, and the secret's line redacted.
    expect(await page.locator('.finding[data-file="src/server.ts"] .snippet .hit').first().innerText()).toContain("fs.createWriteStream('logs/access.log'");
    expect(await page.locator('.finding[data-file="src/config.ts"] .snippet .hit').innerText()).toContain('[line redacted: ghp_… (40 chars)]');
    expect(await page.content()).not.toContain(SAMPLE_SECRET.slice(4, 20));
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the list with a click on a factor, a severity or a file, and resets', async () => {
    const { page, errors } = await open(path.join(out, 'report.html'));
    const visible = () => page.locator('#finding-list .finding:visible').count();
    const total = await visible();
    expect(total).toBeGreaterThan(2);

    await page.locator('#factor-chart .factor-bar[data-factor="logs"]').click();
    expect(await visible()).toBe(1);
    expect(await page.locator('#finding-list .finding:visible').getAttribute('data-factor')).toBe('logs');
    expect(await page.locator('#shown-count').innerText()).toBe('1');

    await page.locator('#filter-reset').click();
    expect(await visible()).toBe(total);

    // Counted from the report: other rules may add warnings or infos to the sample app.
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    const bySeverity = (s: string) => report.findings.filter((f) => f.severity === s).length;
    await page.locator('#filters .chip[data-severity="warning"]').click();
    expect(await visible()).toBe(bySeverity('warning'));
    await page.locator('#filters .chip[data-severity="error"]').click();
    expect(await visible()).toBe(bySeverity('warning') + bySeverity('error'));

    await page.locator('#filter-file').selectOption('src/server.ts');
    expect(await visible()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('fleet dashboard in Chromium', { timeout: 90_000 }, () => {
  it('shows a service × factor grid', async () => {
    const billing = path.join(out, 'billing.json');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    writeFileSync(billing, JSON.stringify({ ...report, target: { name: 'billing-api' } }));
    const r = await cli(['dashboard', 'report.json', 'billing.json', '-o', 'fleet.html'], out);
    expect(r.code).toBe(0);
    const { page, requests, errors } = await open(path.join(out, 'fleet.html'));
    expect(await page.locator('#fleet-grid tr.service').count()).toBe(2);
    expect(await page.locator('#fleet-grid tr.service').first().locator('td.cell').count()).toBe(12);
    expect(await page.locator('#worst-findings tr.worst').count()).toBe(report.findings.length * 2);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
