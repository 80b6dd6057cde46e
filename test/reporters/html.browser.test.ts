// The HTML report and the fleet page in a real headless Chromium (from the npm package
// @sparticuz/chromium, see chromium.ts), driven by playwright-core. No Chromium is a failure, never a
// skip: the HTML is only tested if a browser runs it.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/reporters/report.js';
import type { Finding } from '../../src/rule-api/types.js';
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
  // file-logging is off in the default preset: on for this run, so that a TS finding's snippet is shown.
  await cli([app, '-f', 'json:report.json', '-f', 'html:report.html', '--rule', 'logs/file-logging:warning'], out);
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

const PHONE = { width: 420, height: 800 };

// Run inside the page (evaluate callbacks); the test project compiles without the DOM library.
declare const document: { documentElement: { scrollWidth: number } };
declare function getComputedStyle(el: unknown): { backgroundColor: string; color: string };

/** Findings as the page lists them (DOM order), with what the script needs to group and filter. */
async function listed(page: Page): Promise<Array<{ severity: string; secret: boolean; factor: string; rule: string; file: string }>> {
  return page.locator('.finding').evaluateAll((els) =>
    els.map((el) => {
      const d = (name: string) => el.getAttribute(`data-${name}`) ?? '';
      return { severity: d('severity'), secret: d('secret') === '1', factor: d('factor'), rule: d('rule'), file: d('file') };
    }),
  );
}

describe('HTML report in Chromium', { timeout: 90_000 }, () => {
  const report = () => JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;

  it('renders the twelve factors and every finding, loading nothing but itself', async () => {
    const file = path.join(out, 'report.html');
    const { page, requests, errors } = await open(file);
    const r = report();
    expect(await page.locator('#factor-chart .factor-bar').count()).toBe(12);
    expect(await page.locator('#factor-chart .fb-label').allInnerTexts()).toEqual(r.factors.map((f) => f.title));
    expect(await page.locator('.finding').count()).toBe(r.findings.length);
    expect(await page.locator('#overall-score').innerText()).toContain(r.score!.toFixed(1));
    // The source line in context, highlighted, and the secret's line redacted.
    expect(await page.locator('.finding[data-file="src/server.ts"][data-rule="logs/file-logging"] .snippet .hit').textContent()).toContain("fs.createWriteStream('logs/access.log'");
    expect(await page.locator('.finding[data-file="src/config.ts"] .snippet .hit').textContent()).toContain('[line redacted: ghp_… (40 chars)]');
    expect(await page.content()).not.toContain(SAMPLE_SECRET.slice(4, 20));
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('colours follow the status: a failing factor is never drawn green', async () => {
    const { page } = await open(path.join(out, 'report.html'));
    const fills = await page.locator('#factor-chart .factor-bar').evaluateAll((els) => els.map((el) => [el.getAttribute('data-status'), getComputedStyle(el.querySelector('.fb-fill')!).backgroundColor]));
    const failing = fills.filter(([status]) => status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const [, colour] of failing) expect(colour).toBe('rgb(207, 34, 46)');
    for (const [status, colour] of fills) if (status === 'pass') expect(colour).toBe('rgb(45, 164, 78)');
    expect(await page.locator('#overall-score').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 34, 46)');
    await page.close();
  });

  it('lists findings severity-first with the committed secret on top, in collapsed groups the worst of which is open', async () => {
    const { page, errors } = await open(path.join(out, 'report.html'));
    const r = report();
    await page.locator('#group-by').selectOption('severity');
    const order = await listed(page);
    const rank = { error: 3, warning: 2, info: 1 } as Record<string, number>;
    expect(order.every((f, i) => i === 0 || rank[order[i - 1]!.severity]! >= rank[f.severity]!)).toBe(true);
    expect(order[0]).toMatchObject({ severity: 'error', secret: true, file: 'src/config.ts' });
    expect(await page.locator('#secrets-alert a').first().getAttribute('href')).toMatch(/^#finding-\d+$/);

    // Grouped by factor (the default), rule and file: one group per distinct value, only the first open.
    for (const [mode, key] of [
      ['factor', (f: Finding) => f.factor ?? 'diagnostic'],
      ['rule', (f: Finding) => f.ruleId],
      ['file', (f: Finding) => f.file],
    ] as const) {
      await page.locator('#group-by').selectOption(mode);
      expect(await page.locator('details.group').count(), mode).toBe(new Set(r.findings.map(key)).size);
      expect(await page.locator('details.group[open]').count(), mode).toBe(1);
      // The open group is the one with the secret.
      expect(await page.locator('details.group[open] .finding[data-secret="1"]').count(), mode).toBeGreaterThan(0);
      expect(await page.locator('details.group:not([open]) .finding').first().isVisible()).toBe(false);
    }
    await page.locator('#toggle-all').click();
    expect(await page.locator('.finding:visible').count()).toBe(r.findings.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches messages, files and rules; narrows by factor (from the chart) and severity; resets', async () => {
    const { page, errors } = await open(path.join(out, 'report.html'));
    const r = report();
    const shown = async () => Number(await page.locator('#shown-count').innerText());

    await page.locator('#search').fill('ACCESS.LOG');
    const matching = r.findings.filter((f) => `${f.message} ${f.file} ${f.ruleId} ${f.evidence ?? ''}`.toLowerCase().includes('access.log'));
    expect(matching.length).toBeGreaterThan(0);
    expect(await shown()).toBe(matching.length);
    // Matching groups open by themselves; the others are hidden.
    expect(await page.locator('.finding:visible').count()).toBe(matching.length);
    await page.locator('#search').fill('logs/file-logging');
    expect(await shown()).toBe(r.findings.filter((f) => f.ruleId === 'logs/file-logging').length);
    await page.locator('#search').fill('no such text anywhere');
    expect([await shown(), await page.locator('details.group:visible').count()]).toEqual([0, 0]);

    await page.locator('#filter-reset').click();
    expect(await shown()).toBe(r.findings.length);
    await page.locator('#factor-chart .factor-bar[data-factor="logs"]').click();
    expect(await page.locator('.finding:visible').count()).toBe(r.findings.filter((f) => f.factor === 'logs').length);
    expect(await page.locator('.finding:visible').first().getAttribute('data-factor')).toBe('logs');

    await page.locator('#filter-reset').click();
    const bySeverity = (s: string) => r.findings.filter((f) => f.severity === s).length;
    await page.locator('#toolbar .chip[data-severity="warning"]').click();
    expect(await shown()).toBe(bySeverity('warning'));
    await page.locator('#toolbar .chip[data-severity="error"]').click();
    expect(await shown()).toBe(bySeverity('warning') + bySeverity('error'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links each rule page at the version that ran, and each source line when the CI names the repository', async () => {
    const r = report();
    const { page } = await open(path.join(out, 'report.html'));
    const rule = await page.locator('.finding a.rule').first().getAttribute('href');
    expect(rule).toMatch(new RegExp(`/blob/v${r.tool.version.replace(/\./g, '\\.')}/docs/(rules/[a-z-]+/[a-z0-9-]+\\.md|reports\\.md#diagnostics)$`));
    // No repository named by a CI: no source link.
    expect(await page.locator('.finding a.source').count()).toBe(0);
    await page.close();

    const app = copyApp(SAMPLE_APP, 'orders');
    fakeGit(app, { commit: 'c'.repeat(40) });
    const saved = { ...process.env };
    Object.assign(process.env, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/orders' });
    try {
      await cli([app, '-f', 'html:linked.html'], out);
    } finally {
      for (const k of ['GITHUB_SERVER_URL', 'GITHUB_REPOSITORY']) if (saved[k] === undefined) delete process.env[k];
    }
    const linked = await open(path.join(out, 'linked.html'));
    const hrefs = await linked.page.locator('.finding[data-file="src/server.ts"] a.source').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(new RegExp(`^https://github\\.com/acme/orders/blob/${'c'.repeat(40)}/src/server\\.ts#L\\d+$`));
    await linked.page.close();
  });

  it('fits a phone: nothing wider than the screen, the toolbar and groups usable', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.locator('#search').fill('createWriteStream');
    expect(await page.locator('.finding:visible').count()).toBeGreaterThan(0);
    const box = await page.locator('.finding:visible').first().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });
});

describe('fleet dashboard in Chromium', { timeout: 120_000 }, () => {
  const C1 = '1'.repeat(40);
  const C2 = '2'.repeat(40);
  let fleetDir: string;

  beforeAll(async () => {
    // orders-api at two commits, the second fixing its file logging; billing-api once. HTML reports
    // beside the JSON ones for orders, so that the dashboard links them.
    fleetDir = tempDir('fleet');
    const orders = copyApp(SAMPLE_APP, 'orders');
    fakeGit(orders, { commit: C1 });
    await cli([orders, '-f', 'json:orders-1.json', '-f', 'html:orders-1.html', '--preset', 'strict'], fleetDir);
    fakeGit(orders, { commit: C2 });
    const server = path.join(orders, 'src/server.ts');
    writeFileSync(server, readFileSync(server, 'utf8').replace("fs.createWriteStream('logs/access.log', { flags: 'a' })", 'process.stdout'));
    await cli([orders, '-f', 'json:orders-2.json', '-f', 'html:orders-2.html', '--preset', 'strict'], fleetDir);
    const billing = copyApp(SAMPLE_APP, 'billing');
    writeFileSync(path.join(billing, 'package.json'), readFileSync(path.join(billing, 'package.json'), 'utf8').replace('orders-api', 'billing-api'));
    await cli([billing, '-f', 'json:billing.json', '--preset', 'strict'], fleetDir);
    const r = await cli(['dashboard', 'orders-1.json', 'orders-2.json', 'billing.json', '-o', 'fleet.html'], fleetDir);
    expect(r.code).toBe(0);
  }, 120_000);

  it('shows status and score in every cell, coloured by status, and the worst findings', async () => {
    const { page, requests, errors } = await open(path.join(fleetDir, 'fleet.html'));
    expect(await page.locator('#fleet-grid tr.service').count()).toBe(2);
    const cells = page.locator('#fleet-grid tr.service[data-service="orders-api"] td.cell');
    expect(await cells.count()).toBe(12);
    const latest = JSON.parse(readFileSync(path.join(fleetDir, 'orders-2.json'), 'utf8')) as Report;
    const shown = await cells.evaluateAll((els) => els.map((el) => [el.getAttribute('data-status'), (el.textContent ?? '').replace(/(\d|–)(?=[A-Za-z])/, '$1 ').trim(), getComputedStyle(el).backgroundColor]));
    expect(shown.map(([status, text]) => [status, text])).toEqual(latest.factors.map((f) => [f.status, `${f.score === null ? '–' : f.score.toFixed(1)} ${f.status === 'not-applicable' ? 'n/a' : f.status}`]));
    for (const [status, , colour] of shown) if (status === 'fail') expect(colour).toBe('rgb(207, 34, 46)');
    expect(await page.locator('#worst-findings tr.worst').count()).toBeGreaterThan(0);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the trend oldest to newest: the fix of an error between two reports is an improvement', async () => {
    const { page } = await open(path.join(fleetDir, 'fleet.html'));
    const trend = await page.locator('#fleet-grid tr.service[data-service="orders-api"] td.trend').innerText();
    expect(trend).toMatch(/▲ \+\d+\.\d/);
    expect(trend).toContain('1 fewer error');
    expect(await page.locator('#fleet-grid tr.service[data-service="billing-api"] td.trend').innerText()).toBe('');
    expect(await page.locator('#trends table.history tbody tr td:first-child').allInnerTexts()).toEqual([C1.slice(0, 12), C2.slice(0, 12)]);
    await page.close();
  });

  it("links each service to its own report: the HTML one beside the JSON, else the JSON", async () => {
    const { page } = await open(path.join(fleetDir, 'fleet.html'));
    expect(await page.locator('tr.service[data-service="orders-api"] a.report-link').getAttribute('href')).toBe('orders-2.html');
    expect(await page.locator('tr.service[data-service="billing-api"] a.report-link').getAttribute('href')).toBe('billing.json');
    await page.locator('tr.service[data-service="orders-api"] a.report-link').click();
    await page.waitForURL(/orders-2\.html$/);
    expect(await page.locator('#overall-score').count()).toBe(1);
    await page.close();
  });

  it('fits a phone: the grid scrolls inside its card, the page does not', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(pathToFileURL(path.join(fleetDir, 'fleet.html')).href);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('#fleet-grid tr.service td.name').first().isVisible()).toBe(true);
    await page.close();
  });
});
