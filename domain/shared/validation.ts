import * as z from 'zod/mini';
import { ValidationError } from './errors.ts';
import './zod-locale.ts';

/** `workers.0.idNumber` style paths become `workers[0].idNumber`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Parses with a zod schema and turns every issue into a named field of a {@link ValidationError}. */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  prefix?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => {
    const base = [...(prefix ? [prefix] : []), ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath([...base, key]), message: 'unknown field' }));
    }
    return [{ field: fieldPath(base) || (prefix ?? 'body'), message: issue.message }];
  });
  throw new ValidationError(issues);
}

/** A union post: `QD-SN-01`. */
export const POST_ID = z
  .string()
  .check(
    z.regex(
      /^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,5}$/,
      'must look like QD-SN-01 (upper-case letters, digits, dashes)',
    ),
  );
/**
 * A case number as the post allocates it: the post, the Shanghai year, the sequence
 * (`QD-SN-01-2026-000042`). Typed by people, so spaces around it are dropped and lower case raised.
 */
export const CASE_NUMBER = z.string().check(
  z.maxLength(80),
  z.overwrite((v) => v.trim().toUpperCase()),
  z.regex(
    /^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,5}-\d{4}-\d{6,10}$/,
    'must be a case number like QD-SN-01-2026-000042 (the post, the year, six digits)',
  ),
);
/** A court or arbitration institute in the partner registry. */
export const PARTNER_ID = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1–64 letters, digits, - or _'));
/** Money is RMB in integer fen; never floating point. */
// The message belongs to the integer check only: a missing or negative amount says what is wrong with it.
export const FEN = z
  .number()
  .check(z.int('must be whole fen'), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER));
export const TEXT = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));
export const INSTANT = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' });
export const DATE = z.iso.date('must be a date YYYY-MM-DD');

/**
 * A schema built the first time it is asked for: a function that never parses it never builds it (a
 * function that applies actions never builds the intake's schemas). Built once, then shared.
 */
export function lazily<S>(build: () => S): () => S {
  let schema: S | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}
