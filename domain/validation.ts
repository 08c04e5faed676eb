import type { z } from 'zod';
import { ValidationError } from './errors.ts';

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
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
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
