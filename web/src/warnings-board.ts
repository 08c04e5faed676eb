import type { Language } from './i18n.ts';
import { ruleTest, tw, valueWithUnit, warningLabel } from './i18n-warnings.ts';
import {
  boardOrder,
  dueOf,
  filtered,
  isOverdue,
  LEVEL_COLOURS,
  LEVELS,
  type Level,
  tally,
  type WarningView,
} from './warnings.ts';

/**
 * The warnings board on the page: open warnings counted by level and district (a click on a count narrows
 * the list), the list with overdue ones first, and a warning's explanation — every fired rule with its
 * threshold and value and the signals behind it (source, date, reference), and the rule version — opened
 * from its row with `GET /warnings/{id}`. Classes only, no style attributes: the page's CSP has no
 * 'unsafe-inline'. `data-*` attributes carry the values for the browser test.
 */
export interface BoardSource {
  /** The open warnings the signed-in person may see. */
  readonly list: () => Promise<readonly WarningView[]>;
  readonly one: (warningId: string) => Promise<WarningView>;
  /** The monitoring partners' names by id (the signals' sources); ids are shown where it has none. */
  readonly sourceNames?: () => Promise<ReadonlyMap<string, string>>;
}

type Filter = { level: Level | null; district: string | null };

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** A UTC instant as a Shanghai date and time, the way the posts read deadlines. */
export const shanghaiTime = (iso: string | null | undefined) =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';

const levelBadge = (language: Language, level: Level) => {
  const badge = el('span', warningLabel(language, `level.${level}`), `level level-${LEVEL_COLOURS[level]}`);
  badge.dataset.level = String(level);
  return badge;
};

export class WarningsBoard {
  readonly #root: HTMLElement;
  readonly #source: BoardSource;
  readonly #language: Language;
  #warnings: readonly WarningView[] = [];
  #filter: Filter = { level: null, district: null };
  #sources: ReadonlyMap<string, string> = new Map();
  readonly #districts: ReadonlyMap<string, string>;

  /** `districts`: division code → name, from the page's config (codes are shown where none is known). */
  constructor(
    root: HTMLElement,
    source: BoardSource,
    language: Language,
    districts: ReadonlyMap<string, string> = new Map(),
  ) {
    this.#root = root;
    this.#source = source;
    this.#language = language;
    this.#districts = districts;
  }

  #district(code: string) {
    const name = this.#districts.get(code);
    return name ? `${name}（${code}）` : code;
  }

  /** Reads the open warnings and draws the board; a refusal shows in the card, not over the page. */
  async load(): Promise<void> {
    this.#root.dataset.state = 'loading';
    try {
      const names = this.#source.sourceNames?.().catch(() => new Map<string, string>());
      this.#warnings = await this.#source.list();
      this.#sources = (await names) ?? new Map();
    } catch (error) {
      const status = (error as { status?: number }).status;
      this.#root.replaceChildren(
        el('h2', tw(this.#language, 'warnings')),
        el('p', tw(this.#language, 'warningsUnavailable', { status: String(status ?? '—') }), 'error'),
      );
      this.#root.dataset.state = 'error';
      return;
    }
    this.#draw();
    this.#root.dataset.state = 'ready';
  }

  #draw() {
    const now = new Date();
    const language = this.#language;
    const counts = tally(this.#warnings, now);
    const heading = el('h2', tw(language, 'warnings'));
    const summary = el(
      'p',
      counts.total === 0
        ? tw(language, 'warningsNone')
        : tw(language, 'warningsOpen', { total: String(counts.total), overdue: String(counts.overdue) }),
      'summary',
    );
    const detail = el('div', undefined, 'warning-detail');
    detail.id = 'warning-detail';
    detail.hidden = true;
    this.#root.replaceChildren(heading, summary, this.#tally(counts), this.#list(now), detail);
  }

  #tally(counts: ReturnType<typeof tally>) {
    const language = this.#language;
    const table = el('table', undefined, 'table warning-tally');
    table.id = 'warning-tally';
    const head = el('tr');
    head.append(
      el('th', tw(language, 'district')),
      ...LEVELS.map((level) => {
        const th = el('th');
        th.append(levelBadge(language, level));
        return th;
      }),
      el('th', tw(language, 'overdueMark')),
    );
    const row = (district: string | null, levels: readonly number[], overdue: number) => {
      const tr = el('tr');
      tr.dataset.district = district ?? '';
      tr.append(el('th', district === null ? tw(language, 'allDistricts') : this.#district(district)));
      LEVELS.forEach((level, i) => {
        const n = levels[i] ?? 0;
        const td = el('td', undefined, 'count');
        const button = el('button', String(n), 'link');
        button.type = 'button';
        Object.assign(button.dataset, { level: String(level), district: district ?? '', count: String(n) });
        const chosen = this.#filter.level === level && this.#filter.district === district;
        if (chosen) button.classList.add('chosen');
        button.addEventListener('click', () =>
          this.#choose(chosen ? { level: null, district: null } : { level, district }),
        );
        td.append(button);
        tr.append(td);
      });
      tr.append(el('td', String(overdue), overdue > 0 ? 'count late' : 'count'));
      return tr;
    };
    table.append(
      head,
      ...counts.districts.map((d) => {
        const r = counts.byDistrict.get(d);
        return row(d, r?.levels ?? [], r?.overdue ?? 0);
      }),
      row(null, counts.levels, counts.overdue),
    );
    return table;
  }

  #choose(filter: Filter) {
    this.#filter = filter;
    this.#draw();
  }

  #list(now: Date) {
    const language = this.#language;
    const table = el('table', undefined, 'table warning-list');
    table.id = 'warning-list';
    const head = el('tr');
    for (const key of ['level', 'employer', 'district', 'status', 'due'] as const) {
      head.append(el('th', tw(language, key)));
    }
    table.append(head);
    for (const w of boardOrder(filtered(this.#warnings, this.#filter), now)) {
      const late = isOverdue(w, now);
      const tr = el('tr', undefined, late ? 'late' : '');
      Object.assign(tr.dataset, {
        warning: w.warningId,
        level: String(w.level),
        district: w.district,
        overdue: String(late),
      });
      const levelCell = el('td');
      levelCell.append(levelBadge(language, w.level));
      const open = el('button', w.employerName ?? w.creditCode, 'link');
      open.type = 'button';
      open.dataset.open = w.warningId;
      open.addEventListener('click', () => void this.#open(w.warningId));
      const employer = el('td');
      employer.append(open);
      const due = el('td', shanghaiTime(dueOf(w)), late ? 'late' : '');
      if (late) due.append(' ', el('span', tw(language, 'overdueMark'), 'tag late'));
      tr.append(
        levelCell,
        employer,
        el('td', this.#districts.get(w.district) ?? w.district),
        el('td', warningLabel(language, w.status)),
        due,
      );
      table.append(tr);
    }
    return table;
  }

  async #open(warningId: string) {
    const language = this.#language;
    const detail = this.#root.querySelector<HTMLElement>('#warning-detail');
    if (!detail) return;
    detail.hidden = false;
    detail.dataset.state = 'loading';
    detail.dataset.warning = warningId;
    let w: WarningView;
    try {
      w = await this.#source.one(warningId);
    } catch (error) {
      const status = String((error as { status?: number }).status ?? '—');
      const message = error instanceof Error ? error.message : String(error);
      detail.replaceChildren(el('p', tw(language, 'loadWarningFailed', { status, message }), 'error'));
      detail.dataset.state = 'error';
      return;
    }
    const close = el('button', tw(language, 'close'));
    close.type = 'button';
    close.addEventListener('click', () => {
      detail.hidden = true;
    });
    const title = el('h3', `${w.employerName ?? ''} ${w.creditCode}`.trim());
    title.prepend(levelBadge(language, w.level), ' ');
    const facts = el('dl', undefined, 'facts');
    const fact = (key: Parameters<typeof tw>[1], value: string) =>
      facts.append(el('dt', tw(language, key)), el('dd', value));
    fact('status', warningLabel(language, w.status));
    fact('district', this.#district(w.district));
    if (w.postId) fact('post', w.postId);
    fact('raisedAt', shanghaiTime(w.raisedAt));
    fact('due', shanghaiTime(dueOf(w)));
    fact('ruleVersion', String(w.ruleVersion));
    facts.querySelector('dd:last-of-type')?.setAttribute('data-rule-version', String(w.ruleVersion));
    detail.replaceChildren(close, title, facts, el('h4', tw(language, 'explanation')), ...this.#fired(w));
    detail.dataset.state = 'ready';
    detail.scrollIntoView({ block: 'nearest' });
  }

  #fired(w: WarningView) {
    const language = this.#language;
    return (w.fired ?? []).map((rule) => {
      const block = el('section', undefined, 'fired');
      Object.assign(block.dataset, {
        rule: rule.ruleId,
        indicator: rule.indicator,
        level: String(rule.level),
      });
      const head = el('p');
      head.append(
        levelBadge(language, rule.level),
        ` ${tw(language, 'firedRule')} ${rule.ruleId} · ${warningLabel(language, rule.indicator)}`,
      );
      const line = el('p', undefined, 'rule-values');
      line.textContent = [
        `${tw(language, 'observed')}: ${valueWithUnit(language, rule.value, rule.unit)}`,
        `${tw(language, 'threshold')}: ${ruleTest(language, rule)}`,
      ].join(' · ');
      const signals = el('table', undefined, 'table signals');
      const sh = el('tr');
      for (const key of ['source', 'observedOn', 'reference', 'observed'] as const) {
        sh.append(el('th', tw(language, key)));
      }
      signals.append(sh);
      for (const s of rule.signals) {
        const tr = el('tr');
        Object.assign(tr.dataset, { signal: s.reference, source: s.source, observedOn: s.observedOn });
        tr.append(
          el('td', this.#sources.get(s.source) ?? warningLabel(language, s.source)),
          el('td', s.observedOn),
          el('td', s.reference),
          el('td', valueWithUnit(language, s.value, rule.unit)),
        );
        signals.append(tr);
      }
      block.append(head, line, signals);
      return block;
    });
  }
}
