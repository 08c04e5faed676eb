/// <reference lib="dom" />
// The page-side callbacks below run in the browser.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The supervisors' dashboard in a real headless Chromium (Debian's `chromium`, driven by puppeteer-core):
 * it signs in with the local development sign-in, its figures are GET /stats's, a supervisor of another
 * post sees only theirs, every request stays on the page's host, and a screenshot is written to
 * test-results/ for a person to look at.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve('test-results');
const HEADLINE = ['received', 'closed', 'workers', 'recoveredFen', 'consultations'] as const;

let stack: RunningStack;
let browser: Browser;
const requested: string[] = [];

/** This Shanghai month and the one before, as YYYY-MM (the page's last two months). */
const today = shanghaiDate(new Date());
const thisMonth = today.slice(0, 7);
const monthsAgo = (n: number) => {
  const [y, m] = thisMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
};
const PERIOD = { from: monthsAgo(11), to: thisMonth };

type Figures = Record<string, number | null>;
type Stats = { rows: { key: string; figures: Figures }[]; totals: Figures };

async function statsFor(postId: string): Promise<Stats> {
  const api = apiClient(stack.url, await tokenFor('supervisor', postId));
  const res = await api('GET', `/stats?${new URLSearchParams({ ...PERIOD, groupBy: 'month' })}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Stats;
}

/** Files `count` cases at the post, received `daysAgo` days ago (a backlog case: its mediation overdue). */
async function file(postId: string, count: number, daysAgo: number) {
  const api = apiClient(stack.url, await tokenFor('mediator', postId));
  for (let i = 0; i < count; i++) {
    const res = await api('POST', '/cases', intake({ receivedOn: addDays(today, -daysAgo) }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

/** Waits until the stream consumer has counted `received` cases for the post. */
async function counted(postId: string, received: number) {
  const deadline = Date.now() + 15_000;
  let stats = await statsFor(postId);
  while (stats.totals.received !== received && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    stats = await statsFor(postId);
  }
  expect(stats.totals.received).toBe(received);
}

/** Opens the page, signs in as a supervisor of the post and waits for the figures. */
async function signIn(postId: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 1100 });
  page.on('request', (request) => {
    requested.push(request.url());
  });
  await page.goto(`${stack.url}/dashboard/`);
  await page.waitForSelector('body[data-state="sign-in"]');
  await page.select('#sign-in-role', 'supervisor');
  await page.select('#sign-in-post', postId);
  await page.click('#sign-in button[type="submit"]');
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 15_000 });
  const error = await page.$eval('#error', (el) => ((el as HTMLElement).hidden ? '' : el.textContent));
  expect(error).toBe('');
  return page;
}

/** The headline figures as the page shows them: this month's and the period's, per figure. */
const headlineOf = (page: Page) =>
  page.$$eval('[data-figure]', (cards) =>
    Object.fromEntries(
      cards.map((c) => [
        (c as HTMLElement).dataset.figure,
        { month: (c as HTMLElement).dataset.month, total: (c as HTMLElement).dataset.total },
      ]),
    ),
  );

const overdueOf = (page: Page) =>
  page.$$eval('#overdue tr', (rows) =>
    rows.map((r) => [(r as HTMLElement).dataset.post, Number((r as HTMLElement).dataset.overdue)]),
  );

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    launchLocalStack(),
    puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // CI runs as root, where Chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    }),
  ]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Three cases at one post this month and one last month (all overdue), one at another post.
  await Promise.all([file(POST, 3, 0), file(POST, 1, 25), file(OTHER_POST, 1, 20)]);
  await Promise.all([counted(POST, 4), counted(OTHER_POST, 1)]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the dashboard in headless Chromium', () => {
  it('signs in, and its headline figures equal GET /stats for the post; the screenshot is written', async () => {
    const page = await signIn(POST);
    const shown = await headlineOf(page);
    const stats = await statsFor(POST);
    const month = stats.rows.find((r) => r.key === thisMonth)?.figures;
    for (const name of HEADLINE) {
      expect(shown[name], name).toEqual({
        month: String(month?.[name] ?? 0),
        total: String(stats.totals[name]),
      });
    }
    expect(shown.received?.total).toBe('4');
    // The post's own desk: the backlog cases received weeks ago are past their mediation period.
    const overdue = await overdueOf(page);
    expect(overdue.map(([post]) => post)).toEqual([POST]);
    expect(overdue[0]?.[1]).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    await page.close();
  });

  it('a supervisor of another post sees only theirs', async () => {
    const page = await signIn(OTHER_POST);
    const shown = await headlineOf(page);
    const stats = await statsFor(OTHER_POST);
    expect(shown.received?.total).toBe(String(stats.totals.received));
    expect(shown.received?.total).toBe('1');
    expect((await overdueOf(page)).map(([post]) => post)).toEqual([OTHER_POST]);
    await page.close();
  });

  it('switches to English and back, and no request leaves for another host (CSP default-src self)', async () => {
    const page = await signIn(POST);
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('工作统计');
    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('what they achieved');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-en.png'), fullPage: true });
    const response = await fetch(`${stack.url}/dashboard/`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const origin = new URL(stack.url).origin;
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});
