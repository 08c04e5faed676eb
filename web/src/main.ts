import { ApiError, apiClient, type Figures, type Stats } from './api.ts';
import { warningsSource } from './api-warnings.ts';
import {
  finishOidcSignIn,
  forget,
  type PageConfig,
  type Session,
  savedSession,
  signInLocally,
  startOidcSignIn,
} from './auth.ts';
import { drawBreakdown, drawTrend, resizeCharts } from './charts.ts';
import { type Language, t } from './i18n.ts';
import { WarningsBoard } from './warnings-board.ts';

/**
 * The supervisors' dashboard: signs in, reads `GET /stats` for the last twelve Shanghai months by month and
 * by post and each post's overdue desk (`GET /cases?due=overdue`), and draws them; below the headline, the
 * warnings board (`GET /warnings`, warnings-board.ts), read alongside and failing on its own. `body[data-state]` says
 * where it is (sign-in, loading, ready, error), for people and for the browser test.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let language: Language = localStorage.getItem('ldm.language') === 'en' ? 'en' : 'zh-CN';
let config: PageConfig;
let session: Session | null = null;

/** The Shanghai month `back` months before this one, as YYYY-MM. */
function shanghaiMonth(back: number): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}
const MONTHS = Array.from({ length: 12 }, (_v, i) => shanghaiMonth(11 - i));

const HEADLINE = [
  'received',
  'closed',
  'mediationSuccessRate',
  'recoveredFen',
  'workers',
  'consultations',
  'closedOnTimeRate',
  'daysToCloseMedian',
] as const;
type Headline = (typeof HEADLINE)[number];
const RATES = new Set<Headline>(['mediationSuccessRate', 'closedOnTimeRate']);

function format(name: Headline, value: number | null): string {
  if (value === null) return '—';
  const locale = language === 'en' ? 'en-GB' : 'zh-CN';
  if (RATES.has(name)) return `${(value * 100).toFixed(1)}%`;
  if (name === 'recoveredFen') {
    return `¥${(value / 100).toLocaleString(locale, { maximumFractionDigits: 0 })}`;
  }
  return value.toLocaleString(locale, { maximumFractionDigits: 1 });
}

function change(name: Headline, now: number | null, before: number | null): [string, string] {
  if (now === null || before === null) return ['—', ''];
  const delta = now - before;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = RATES.has(name)
    ? `${(Math.abs(delta) * 100).toFixed(1)} pt`
    : format(name, Math.abs(delta)).replace(/^¥/, '¥');
  // Fewer days to close is the better news: its colours run the other way.
  const better = name === 'daysToCloseMedian' ? -delta : delta;
  return [`${sign}${size}`, better > 0 ? 'up' : better < 0 ? 'down' : ''];
}

const figureOf = (figures: Figures | undefined, name: Headline): number | null =>
  figures === undefined
    ? RATES.has(name) || name === 'daysToCloseMedian'
      ? null
      : 0
    : (figures[name] as number | null);

function drawHeadline(stats: Stats) {
  const byKey = new Map(stats.rows.map((row) => [row.key, row.figures]));
  const [previous, current] = MONTHS.slice(-2) as [string, string];
  $('headline').replaceChildren(
    ...HEADLINE.map((name) => {
      const now = figureOf(byKey.get(current), name);
      const before = figureOf(byKey.get(previous), name);
      const total = stats.totals[name] as number | null;
      const [delta, direction] = change(name, now, before);
      const card = document.createElement('div');
      card.className = 'card figure';
      Object.assign(card.dataset, { figure: name, month: String(now), total: String(total) });
      const line = (className: string, text: string) => {
        const el = document.createElement('div');
        el.className = className;
        el.textContent = text;
        return el;
      };
      card.append(
        line('label', `${t(language, name)} · ${t(language, 'thisMonth', { month: current })}`),
        line('value', format(name, now)),
        line(`change ${direction}`, t(language, 'changeFromLast', { change: delta })),
        line('total', t(language, 'periodTotal', { total: format(name, total) })),
      );
      return card;
    }),
  );
}

function drawOverdue(rows: readonly { postId: string; name: string; count: number }[]) {
  $('overdue').replaceChildren(
    ...rows.map(({ postId, name, count }) => {
      const tr = document.createElement('tr');
      tr.dataset.post = postId;
      tr.dataset.overdue = String(count);
      const cells = [`${postId}`, name, String(count)].map((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 2) td.className = count > 0 ? 'count late' : 'count';
        return td;
      });
      tr.append(...cells);
      return tr;
    }),
  );
}

function showError(error: unknown) {
  const status = error instanceof ApiError ? String(error.status) : '—';
  const text = error instanceof Error ? error.message : String(error);
  $('error').textContent = t(language, 'loadFailed', { status, message: text });
  $('error').hidden = false;
  $('dashboard').hidden = true;
  document.body.dataset.state = 'error';
}

async function load() {
  if (!session) return;
  document.body.dataset.state = 'loading';
  $('error').hidden = true;
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('who').textContent = `${session.role} · ${session.postId}`;
  const api = apiClient(config.apiUrl, session, language);
  const period = { from: MONTHS[0] as string, to: MONTHS[11] as string };
  const board = new WarningsBoard(
    $('warnings'),
    warningsSource(config.apiUrl, session, language, Object.keys(config.districts ?? {})),
    language,
    new Map(Object.entries(config.districts ?? {})),
  );
  const warnings = board.load();
  try {
    const admin = session.role === 'admin';
    const [byMonth, byPost, posts] = await Promise.all([
      api.stats({ ...period, groupBy: 'month' }),
      api.stats({ ...period, groupBy: 'post' }),
      admin ? api.posts().then((p) => p.items) : Promise.resolve([{ postId: session.postId, name: '' }]),
    ]);
    const names = new Map(
      config.signIn.provider === 'local' ? config.signIn.posts.map((p) => [p.postId, p.name]) : [],
    );
    for (const p of posts) if (p.name) names.set(p.postId, p.name);
    const overdue = await Promise.all(
      posts.map(async (p) => ({
        postId: p.postId,
        name: names.get(p.postId) ?? '',
        count: await api.overdue(p.postId),
      })),
    );
    $('period').textContent = t(language, 'period', period);
    $('dashboard').hidden = false;
    drawHeadline(byMonth);
    drawTrend(language, MONTHS, byMonth);
    drawBreakdown('chart-category', language, byMonth.totals.byCategory);
    drawBreakdown('chart-origin', language, byMonth.totals.receivedByOrigin);
    drawBreakdown(
      'chart-post',
      language,
      Object.fromEntries(byPost.rows.map((row) => [row.key, row.figures.received])),
    );
    drawOverdue(overdue);
    await warnings;
    resizeCharts();
    document.body.dataset.state = 'ready';
  } catch (error) {
    showError(error);
  }
}

async function downloadCsv() {
  if (!session) return;
  try {
    const query = { from: MONTHS[0] as string, to: MONTHS[11] as string, groupBy: 'month' };
    const blob = await apiClient(config.apiUrl, session, language).csv(query);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `stats-${query.from}-${query.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    showError(error);
  }
}

function applyLanguage() {
  document.documentElement.lang = language;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) {
    el.textContent = t(language, el.dataset.text as Parameters<typeof t>[1]);
  }
  document.title = t(language, 'title');
}

function showSignIn() {
  document.body.dataset.state = 'sign-in';
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  if (config.signIn.provider !== 'local') {
    void startOidcSignIn(config.signIn);
    return;
  }
  $('sign-in-post').replaceChildren(
    ...config.signIn.posts.map((p) => new Option(`${p.postId} ${p.name}`, p.postId)),
  );
  $('sign-in').hidden = false;
}

async function main() {
  applyLanguage();
  config = (await (await fetch('config.json')).json()) as PageConfig;
  $('language').addEventListener('click', () => {
    language = language === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('ldm.language', language);
    applyLanguage();
    void load();
  });
  $('sign-out').addEventListener('click', () => {
    forget();
    session = null;
    showSignIn();
  });
  $('csv').addEventListener('click', () => void downloadCsv());
  $('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (config.signIn.provider !== 'local') return;
    const role = $<HTMLSelectElement>('sign-in-role').value;
    const postId = $<HTMLSelectElement>('sign-in-post').value;
    try {
      session = await signInLocally(config.signIn, role, postId);
      await load();
    } catch (error) {
      $('error').textContent = t(language, 'signInFailed', { message: String(error) });
      $('error').hidden = false;
    }
  });
  window.addEventListener('resize', resizeCharts);
  session =
    savedSession() ?? (config.signIn.provider !== 'local' ? await finishOidcSignIn(config.signIn) : null);
  if (session) await load();
  else showSignIn();
}

void main();
