/**
 * Chinese identifiers the system checks at intake, and the masks used wherever the full value is not needed.
 * Pure functions: the rules come from the national standards named beside each one.
 */

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';

/** GB 11643-1999 check character: ISO 7064 MOD 11-2 over the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK[sum % 11] ?? '';
}

/**
 * Why a resident ID number is invalid, or `null` when it is valid: 18 characters, 17 digits and a check
 * character (0–9 or X), a real birth date between 1900 and today (`today` as YYYY-MM-DD).
 */
export function residentIdProblem(value: string, today: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 18 characters: 17 digits and a digit or X';
  const birth = value.slice(6, 14);
  const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isRealDate(iso) || iso < '1900-01-01' || iso > today) return 'does not encode a valid birth date';
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'check digit does not match (GB 11643)';
  return null;
}

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 32100-2015 check character over the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_CHARS.indexOf(first17[i] ?? '') * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31] ?? '';
}

/** Why a unified social credit code is invalid, or `null` when it is valid. */
export function creditCodeProblem(value: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) {
    return 'must be 18 characters of digits and upper-case letters other than I, O, S, V, Z';
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17])
    return 'check character does not match (GB 32100)';
  return null;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export function mobileProblem(value: string): string | null {
  return /^1[3-9]\d{9}$/.test(value) ? null : 'must be an 11-digit mainland mobile number starting with 1';
}

/**
 * An ID number as people type it: spaces and dashes between the groups (`370202 19900307 123x`) dropped,
 * a lower-case check `x` upper-cased. The result is what GB 11643 writes, and what is stored.
 */
export function normaliseResidentId(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * A mainland landline's area code: 010 and 02X are three digits with the 0, every other one is four
 * (0532 Qingdao). Local numbers are 7 or 8 digits and never start with 0 or 1.
 */
const AREA = '(?:[12]\\d|[3-9]\\d{2})';
/** A landline's digits as typed, with `-extension` appended when one was marked. */
const LANDLINE_DIGITS = new RegExp(`^(0${AREA})([2-9]\\d{6,7})(?:-(\\d{1,6}))?$`);
/** The stored form: `0532-88881234`, `0532-88881234-801`. */
const LANDLINE = new RegExp(`^(0${AREA})-([2-9]\\d{6,7})(?:-(\\d{1,6}))?$`);

/**
 * A phone number as people type it, in the one form the system stores: a mobile as its 11 digits
 * (`+86 138 1234 5678`, `138-1234-5678` → `13812345678`); a landline as `area-number`, with `-extension`
 * when there is one (`(0532)8888 1234 转 801`, `0532-88881234-801` → `0532-88881234-801`). What cannot be
 * read as either comes back trimmed, for `phoneProblem` to name.
 */
export function normalisePhone(value: string): string {
  const trimmed = value.trim();
  // Longer than any phone as typed: named by `phoneProblem`, and never fed to the patterns below.
  if (trimmed.length > 40) return trimmed;
  const marked = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(trimmed);
  const main = marked?.[1] ?? trimmed;
  if (!/^\+?[\d\s()（）.-]+$/.test(main)) return trimmed;
  const read = (text: string, extension: string | undefined) => {
    // From abroad a landline drops its leading 0 (+86 532 …); at home it keeps it.
    const international = /^\s*(?:\+|00)86/.test(text);
    // Another country's number is not a mainland phone, however its digits look without the prefix.
    if (!international && /^\s*(?:\+|00)/.test(text)) return null;
    let digits = text.replace(/\D/g, '');
    if (international) digits = digits.replace(/^(?:00)?86/, '');
    if (!extension && /^1[3-9]\d{9}$/.test(digits)) return digits;
    if (international && /^[1-9]/.test(digits)) digits = `0${digits}`;
    const landline = LANDLINE_DIGITS.exec(extension ? `${digits}-${extension}` : digits);
    return landline ? `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}` : null;
  };
  if (marked) return read(main, marked[2]) ?? trimmed;
  // `0532-88881234-801`: a last dash group is an extension only when the rest alone is a landline.
  const dashed = /^(.*\d)\s*-\s*(\d{1,6})$/.exec(main);
  return read(main, undefined) ?? (dashed ? read(dashed[1] ?? '', dashed[2]) : null) ?? trimmed;
}

/** A phone in its stored form (see `normalisePhone`): a mainland mobile, or a landline with its area code. */
export function phoneProblem(value: string): string | null {
  if (/^1[3-9]\d{9}$/.test(value) || LANDLINE.test(value)) return null;
  return 'must be a mainland mobile (11 digits starting with 1) or a landline with its area code, e.g. 0532-88881234';
}

/** Keeps the region prefix and the last four characters; birth date and sequence are hidden. */
export function maskResidentId(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export function maskMobile(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}

const MASKED_PHONE = /^(?:1[3-9]\d\*{4}\d{4}|0\d{2,3}-\*{4}\d{4}(?:-\d{1,6})?)$/;

/**
 * A stored phone masked: a mobile as `138****5678`, a landline keeps its area code, its last four digits and
 * its extension (a switchboard's, not the person's): `0532-****1234-801`. Anything else keeps only its last
 * four digits.
 */
export function maskPhone(value: string): string {
  // Already masked (a sealed phone's stored form): masking it again must not hide more.
  if (MASKED_PHONE.test(value)) return value;
  if (/^1[3-9]\d{9}$/.test(value)) return maskMobile(value);
  const landline = LANDLINE.exec(value);
  if (landline) {
    return `${landline[1]}-****${landline[2]?.slice(-4)}${landline[3] ? `-${landline[3]}` : ''}`;
  }
  let keep = 4;
  return [...value]
    .reverse()
    .map((ch) => (/\d/.test(ch) && keep-- <= 0 ? '*' : ch))
    .reverse()
    .join('');
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/**
 * In free text: an ID number, also glued to letters (`ID370202…`) or typed in its 6-8-4 groups, or in the
 * 15-digit first-generation form (6 of area, YYMMDD, 3 of sequence; GB 11643-1989); a mobile, also with
 * +86 and in spaced, dashed or dotted groups; a landline with its area code, in brackets, spaced or
 * dashed, with an extension. Digits either side mean a longer number, which is left as it is; a dash and a
 * hex digit after mean a UUID's groups (a case id in a log line), which are not a phone.
 */
const FREE_ID = /(?<!\d)\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?!\d)/g;
const FREE_OLD_ID = /(?<!\d)\d{6}[ -]?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?\d{3}(?!\d)/g;
const FREE_MOBILE = /(?<![\d+])(?:(?:\+|00)86[ -]?)?1[3-9]\d[ .-]?\d{4}[ .-]?\d{4}(?!\d|-[\dA-Fa-f])/g;
/**
 * What is never personal data however its digits fall: a UUID (case, handoff, consultation ids) and a
 * hexadecimal digest of 32 characters or more (report and event hashes). Captured, so `split` keeps them.
 */
const OPAQUE =
  /((?<![\dA-Fa-f])[\dA-Fa-f]{8}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{12}(?![\dA-Fa-f])|(?<![\dA-Fa-f])[\dA-Fa-f]{32,}(?![\dA-Fa-f]))/;
const FREE_LANDLINE = new RegExp(
  `(?<![\\d+])(?:(?:\\+|00)86[ -]?(?:\\(0?${AREA}\\)|0?${AREA})|[(（]0${AREA}[)）]|0${AREA})` +
    `[ -]?[2-9]\\d{2,3}[ -]?\\d{4}(?:\\s*(?:转|分机|ext\\.?|-)\\s*\\d{1,6})?(?!\\d|-[\\dA-Fa-f])`,
  'gi',
);

/**
 * Masks anything in free text that looks like a resident ID number, a mainland mobile or a landline. The
 * one function that does it: events, API responses and log lines all pass free text through here (PIPL
 * art. 6).
 */
export function redactPersonalData(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  // Odd parts are the opaque ids and digests the split kept; only what lies between them is masked.
  return text
    .split(OPAQUE)
    .map((part, i) => (i % 2 === 1 ? part : redactPart(part)))
    .join('');
}

function redactPart(text: string): string {
  return text
    .replace(FREE_ID, (id) => maskResidentId(normaliseResidentId(id)))
    .replace(FREE_OLD_ID, (id) => maskResidentId(normaliseResidentId(id)))
    .replace(FREE_MOBILE, (phone) => maskPhone(normalisePhone(phone)))
    .replace(FREE_LANDLINE, (phone) => maskPhone(normalisePhone(phone)));
}
