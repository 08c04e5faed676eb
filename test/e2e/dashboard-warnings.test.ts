/// <reference lib="dom" />
// The page-side callbacks below run in the browser.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode, warningPlan } from '../../infra/local/demo-warnings.ts';
import { loadDemoWarnings, type WarningDemoSummary } from '../../infra/local/demo-warnings-load.ts';
import { LOCAL_POSTS } from '../../infra/local/seed.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The dashboard's warnings board in headless Chromium (Debian's `chromium`, driven by puppeteer-core), on
 * the demo's warnings: the simulated bureau sends its signed signals on their days and the posts act on
 * the warnings (infra/local/demo-warnings.ts). The board lists exactly the open warnings GET /warnings
 * returns, overdue ones first, counted by level and district; a row opens to the warning's explanation
 * (its fired rules, the signals with source, date and reference, the rule version); English is a switch
 * away; no request leaves the page's host. Screenshots go to test-results/.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve('test-results');
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

type Fired = { ruleId: string; signals: { source: string; reference: string; observedOn: string }[] };
type Warning = {
  warningId: string;
  level: number;
  status: string;
  district: string;
  postId: string | null;
  overdue: boolean;
  ruleVersion: number;
  fired: Fired[];
};
const OPEN = new Set(['RAISED', 'DISPATCHED', 'ACKNOWLEDGED', 'VERIFYING']);

let stack: RunningStack;
let browser: Browser;
let demo: WarningDemoSummary;
const requested: string[] = [];

/** Every open warning an admin's board reads: each post's, page by page. */
async function openWarnings(): Promise<Warning[]> {
  const api = apiClient(stack.url, await tokenFor('admin', 'QD-SN-01'));
  const all: Warning[] = [];
  for (const { postId } of LOCAL_POSTS) {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ postId, limit: '100', ...(cursor ? { cursor } : {}) });
      const res = await api('GET', `/warnings?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all.push(...(res.body.items as Warning[]).filter((w) => OPEN.has(w.status)));
      cursor = res.body.nextCursor;
    } while (cursor);
  }
  return all;
}

async function signIn(role: 'admin' | 'supervisor', postId: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 1400 });
  page.on('request', (request) => {
    requested.push(request.url());
  });
  await page.goto(`${stack.url}/dashboard/`);
  await page.waitForSelector('body[data-state="sign-in"]');
  await page.select('#sign-in-role', role);
  await page.select('#sign-in-post', postId);
  await page.click('#sign-in button[type="submit"]');
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 20_000 });
  expect(await page.$eval('#warnings', (el) => (el as HTMLElement).dataset.state)).toBe('ready');
  return page;
}

const rowsOf = (page: Page) =>
  page.$$eval('#warning-list tr[data-warning]', (rows) =>
    rows.map((r) => {
      const d = (r as HTMLElement).dataset;
      return { warningId: d.warning, level: Number(d.level), overdue: d.overdue === 'true' };
    }),
  );

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    launchLocalStack(['--port', '0', '--partners=manual'], { LOCAL_PARTNER_SECRET: SECRET }),
    puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // CI runs as root, where Chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    }),
  ]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await loadDemoWarnings(stack.url, { secret: SECRET });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the warnings board in headless Chromium', () => {
  it('the demo warnings load: every signal and step accepted', () => {
    expect(demo.refusals).toEqual([]);
    expect(demo.signals).toBe(warningPlan('2026-01-01').flatMap((e) => e.signals).length);
    expect(demo.steps).toBeGreaterThan(0);
  });

  it('lists exactly the open warnings GET /warnings returns, overdue first, counted by level', async () => {
    const api = await openWarnings();
    expect(new Set(api.map((w) => w.level))).toEqual(new Set([1, 2, 3, 4]));
    expect(api.some((w) => w.overdue)).toBe(true);
    const page = await signIn('admin', 'QD-SN-01');
    const rows = await rowsOf(page);
    expect(rows.map((r) => r.warningId).sort()).toEqual(api.map((w) => w.warningId).sort());
    const byId = new Map(api.map((w) => [w.warningId, w]));
    for (const row of rows) {
      expect(row.level, row.warningId).toBe(byId.get(row.warningId ?? '')?.level);
      expect(row.overdue, row.warningId).toBe(byId.get(row.warningId ?? '')?.overdue);
    }
    // Overdue first, then level 1 to 4.
    const firstOnTime = rows.findIndex((r) => !r.overdue);
    expect(rows.slice(firstOnTime).some((r) => r.overdue)).toBe(false);
    for (const part of [rows.slice(0, firstOnTime), rows.slice(firstOnTime)]) {
      expect(part.map((r) => r.level)).toEqual(part.map((r) => r.level).sort());
    }
    // The totals row counts each level.
    const totals = await page.$$eval('#warning-tally tr[data-district=""] button[data-level]', (bs) =>
      bs.map((b) => Number((b as HTMLElement).dataset.count)),
    );
    expect(totals).toEqual([1, 2, 3, 4].map((l) => api.filter((w) => w.level === l).length));
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-warnings.png'), fullPage: true });
    await page.close();
  });

  it('opens a warning to its explanation: fired rules, signals with source, date and reference, rule version', async () => {
    const page = await signIn('admin', 'QD-SN-01');
    const [first] = await rowsOf(page);
    const warningId = first?.warningId as string;
    await page.click(`#warning-list button[data-open="${warningId}"]`);
    await page.waitForSelector('#warning-detail[data-state="ready"]');
    const api = apiClient(stack.url, await tokenFor('admin', 'QD-SN-01'));
    const res = await api('GET', `/warnings/${warningId}`);
    expect(res.status).toBe(200);
    const warning = res.body as Warning;
    const shown = await page.$eval('#warning-detail', (el) => ({
      rules: [...el.querySelectorAll<HTMLElement>('[data-rule]')].map((r) => r.dataset.rule),
      signals: [...el.querySelectorAll<HTMLElement>('tr[data-signal]')].map((r) => ({
        reference: r.dataset.signal,
        source: r.dataset.source,
        observedOn: r.dataset.observedOn,
      })),
      version: el.querySelector<HTMLElement>('[data-rule-version]')?.dataset.ruleVersion,
      text: el.textContent ?? '',
    }));
    expect(warning.fired.length).toBeGreaterThan(0);
    expect(shown.rules).toEqual(warning.fired.map((f) => f.ruleId));
    expect(shown.signals).toEqual(
      warning.fired.flatMap((f) =>
        f.signals.map(({ reference, source, observedOn }) => ({ reference, source, observedOn })),
      ),
    );
    expect(shown.version).toBe(String(warning.ruleVersion));
    expect(shown.text).toContain('预警依据');
    // The source by the bureau's name (GET /partners?kind=MONITORING), its id in the row's data.
    expect(shown.text).toContain('青岛市人力资源和社会保障局');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-warning-detail.png'), fullPage: true });
    await page.close();
  });

  it("a post's supervisor sees only the post's warnings; English is a switch away; no other host", async () => {
    const page = await signIn('supervisor', 'QD-HD-04');
    const own = (await openWarnings()).filter((w) => w.postId === 'QD-HD-04');
    expect((await rowsOf(page)).map((r) => r.warningId).sort()).toEqual(own.map((w) => w.warningId).sort());
    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.$eval('#warnings h2', (h) => h.textContent)).toBe('Labour-dispute warnings');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-warnings-en.png'), fullPage: true });
    const origin = new URL(stack.url).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it("npm run partner sends a bureau signal by hand: a new employer gets its warning at the district's post", async () => {
    const creditCode = demoCreditCode('370203', 30_001);
    const data = { creditCode, indicator: 'LAYOFF_REPORT', value: 25, unit: 'WORKERS', district: '370203' };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'infra/local/partner.ts',
        'qd-hrss-bureau',
        'monitoring.signal',
        '--data',
        JSON.stringify(data),
        '--url',
        stack.url,
      ],
      { env: { ...process.env, LOCAL_PARTNER_SECRET: SECRET } },
    );
    expect(stdout).toMatch(/^HTTP 2\d\d/);
    const api = apiClient(stack.url, await tokenFor('supervisor', 'QD-SB-03'));
    const risk = await api('GET', `/employers/${creditCode}/risk`);
    expect(risk.status).toBe(200);
    expect(risk.body).toMatchObject({
      level: 2,
      signals: [{ indicator: 'LAYOFF_REPORT', source: 'qd-hrss-bureau' }],
    });
    const listed = await api('GET', '/warnings?limit=100');
    expect(listed.body.items.map((w: Warning) => w.warningId)).toContain(risk.body.openWarningId);
  });
});
