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

/** Keeps the region prefix and the last four characters; birth date and sequence are hidden. */
export function maskResidentId(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export function maskMobile(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/**
 * Masks anything in free text that looks like a resident ID number or a mainland mobile. The one function
 * that does it: events, API responses and log lines all pass free text through here (PIPL art. 6).
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, (id) => maskResidentId(id.toUpperCase()))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskMobile(phone));
}
