import { redactPersonalData } from './identifiers.ts';

/**
 * Every string in `value`, at every depth (objects, arrays), passed through `redactPersonalData`; keys,
 * numbers, booleans and null as they are. A new copy: the value given is not changed. The one mask of
 * answers, history, lists and logs alike (PIPL art. 6), so a field added later is masked without anyone
 * remembering to.
 */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, walk(v)]));
  }
  return value;
}
