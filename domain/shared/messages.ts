import { ARBITRATION_MESSAGES } from './i18n/arbitration.ts';
import { AUDIT_MESSAGES } from './i18n/audit.ts';
import { CONSULTATION_MESSAGES } from './i18n/consultations.ts';
import { COURT_MESSAGES } from './i18n/court.ts';
import { EDGE_MESSAGES } from './i18n/edge.ts';
import { FIELD_MESSAGES } from './i18n/fields.ts';
import { LIFECYCLE_MESSAGES } from './i18n/lifecycle.ts';
import { PARTNER_MESSAGES } from './i18n/partners.ts';
import { SEALING_MESSAGES } from './i18n/sealing.ts';
import { STATISTICS_MESSAGES } from './i18n/statistics.ts';
import { TERMS, type Texts } from './i18n/terms.ts';
import { TRUST_EDGE_MESSAGES } from './i18n/trust-edge.ts';
import { WARNING_MESSAGES } from './i18n/warnings.ts';

/**
 * Every message a person reads from the API, in each language it answers in: English (the default, and what
 * logs keep) and Simplified Chinese (zh-CN, the dashboard's). An error carries a key and its parameters; the
 * HTTP edge renders it in the language the request negotiated (functions/http/errors.ts). Pure data and
 * pure functions: the domain may import it.
 *
 * Templates name parameters in braces: `{name}` is the value as given; `{name|kind}` looks the value up in
 * the terms of that kind (roles, case statuses, …), so a Chinese message names a mediator 调解员. An array
 * value is a list: terms are joined with "or" (或), other values with commas.
 */

export { TERMS, type Texts };

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export type ParamValue = string | number | readonly string[];
export type MessageParams = Readonly<Record<string, ParamValue>>;

export type TermKind = keyof typeof TERMS;

/**
 * The catalogue. Keys are stable (clients and tests may rely on them); English templates are what the API
 * answered before it spoke Chinese, so a message's English text did not change.
 */
export const MESSAGES = {
  ...FIELD_MESSAGES,
  ...LIFECYCLE_MESSAGES,
  ...ARBITRATION_MESSAGES,
  ...COURT_MESSAGES,
  ...CONSULTATION_MESSAGES,
  ...EDGE_MESSAGES,
  ...STATISTICS_MESSAGES,
  ...WARNING_MESSAGES,
  ...AUDIT_MESSAGES,
  ...TRUST_EDGE_MESSAGES,
  ...SEALING_MESSAGES,
  ...PARTNER_MESSAGES,
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** A message as errors carry it: a catalogue key and the values its template names. */
export interface Message {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

export const message = (key: MessageKey, params: MessageParams = {}): Message => ({ key, params });

const MAX_MESSAGE_LENGTH = 4000;
const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;
const LIST_SEPARATOR: Record<Language, string> = { en: ', ', 'zh-CN': '、' };
const OR_SEPARATOR: Record<Language, string> = { en: ' or ', 'zh-CN': '或' };

function term(kind: string | undefined, value: string, language: Language): string {
  if (!kind) return value;
  const terms = (TERMS as Record<string, Record<string, Texts>>)[kind];
  return terms && Object.hasOwn(terms, value) ? (terms[value] as Texts)[language] : value;
}

function format(value: ParamValue | undefined, kind: string | undefined, language: Language): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    const words = value.map((v) => term(kind, v, language));
    return words.join(kind ? OR_SEPARATOR[language] : LIST_SEPARATOR[language]);
  }
  return term(kind, String(value), language);
}

/** A message in a language; a parameter its template does not name is ignored. */
export function render(m: Message, language: Language = DEFAULT_LANGUAGE): string {
  const template = MESSAGES[m.key][language];
  return template.replace(PLACEHOLDER, (_all, name: string, kind?: string) =>
    format(m.params[name], kind, language),
  );
}

interface Pattern {
  readonly key: MessageKey;
  readonly regex: RegExp;
  readonly params: readonly { readonly name: string; readonly kind: string | undefined }[];
  readonly literal: number;
}

let patterns: Pattern[] | undefined;

/** The English templates as patterns, most specific (longest literal text) first. */
function englishPatterns(): Pattern[] {
  patterns ??= (Object.keys(MESSAGES) as MessageKey[])
    .map((key) => {
      const template: string = MESSAGES[key].en;
      const params: { name: string; kind: string | undefined }[] = [];
      let source = '';
      let last = 0;
      for (const match of template.matchAll(PLACEHOLDER)) {
        source += escapeRegExp(template.slice(last, match.index));
        source += match[2] ? termAlternatives(match[2]) : '(.+?)';
        params.push({ name: match[1] as string, kind: match[2] });
        last = match.index + match[0].length;
      }
      source += escapeRegExp(template.slice(last));
      return {
        key,
        regex: new RegExp(`^${source}$`, 's'),
        params,
        literal: template.replace(PLACEHOLDER, '').length,
      };
    })
    .sort((a, b) => b.literal - a.literal);
  return patterns;
}

/** A term parameter matches only the English of its terms (longest first, so "union post" beats "post"). */
function termAlternatives(kind: string): string {
  const terms = Object.values((TERMS as Record<string, Record<string, Texts>>)[kind] ?? {});
  const words = terms.map((t) => t.en).sort((a, b) => b.length - a.length);
  return `(${words.map(escapeRegExp).join('|')})`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The term whose English is `english`, or null. */
function untranslate(kind: string, english: string): string | null {
  const terms = (TERMS as Record<string, Record<string, Texts>>)[kind] ?? {};
  return Object.entries(terms).find(([, texts]) => texts.en === english)?.[0] ?? null;
}

/**
 * The catalogue entry an English message was rendered from, with its parameters: how a message written as
 * plain English (a zod check's message, a module that builds its own text) finds its translation. Null
 * for text the catalogue does not know, which is then answered in English in every language.
 */
export function identify(english: string): Message | null {
  // Catalogue messages are short; a long text is nobody's template (and is not worth a regex scan).
  if (english.length > MAX_MESSAGE_LENGTH) return null;
  for (const p of englishPatterns()) {
    const match = p.regex.exec(english);
    if (!match) continue;
    const params: Record<string, ParamValue> = {};
    const known = p.params.every(({ name, kind }, i) => {
      const raw = match[i + 1] as string;
      if (!kind) {
        params[name] = /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
        return true;
      }
      // A term must be one the catalogue knows: "must be {expected|type}" is not every "must be …".
      const id = untranslate(kind, raw);
      params[name] = id ?? raw;
      return id !== null;
    });
    if (known) return { key: p.key, params };
  }
  return null;
}

/** A message in a language, from its key if it has one, else from its English text, else as written. */
export function localize(english: string, known: Message | null | undefined, language: Language): string {
  if (language === 'en' && !known) return english;
  const m = known ?? identify(english);
  return m ? render(m, language) : english;
}

/**
 * The language to answer in, from an Accept-Language header (RFC 9110 §12.5.4): the acceptable range with
 * the highest weight that the API speaks (zh, zh-CN, zh-Hans, zh-SG → zh-CN; en-* → en; * → English),
 * ties in the order given; English when nothing acceptable is spoken. Traditional Chinese (zh-TW, zh-HK,
 * zh-Hant) is not served as zh-CN: such a range falls through to the next one.
 */
export function negotiateLanguage(header: string | undefined | null): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranges = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { range: range.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.range !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    const spoken = languageOf(range);
    if (spoken) return spoken;
  }
  return DEFAULT_LANGUAGE;
}

function languageOf(range: string): Language | null {
  if (range === '*' || range === 'en' || range.startsWith('en-')) return 'en';
  if (range === 'zh' || range === 'zh-cn' || range === 'zh-sg' || range.startsWith('zh-hans')) return 'zh-CN';
  if (range === 'zh-chs' || range === 'zh-my') return 'zh-CN';
  return null;
}
