import { randomBytes } from 'node:crypto';
import type { Case } from '../../../domain/case/model.ts';
import type { Consultation } from '../../../domain/consultations/model.ts';
import { isMaskedForm, replaceSealable, sealableValues } from '../../../domain/sealing/fields.ts';
import type { FieldSealer } from '../../../domain/sealing/ports.ts';
import { maskPhone, maskResidentId } from '../../../domain/shared/identifiers.ts';
import { EnvelopeSealer } from '../crypto/envelope.ts';
import { LocalDataKeys } from '../crypto/local-data-keys.ts';

/**
 * How a case's ID numbers and phones are stored: the masked form in the field itself (what every view
 * shows, read with no key), the sealed value in the item's `sealed` attribute — `keys` (wrapped data keys
 * by a short ref) and `fields` (`<ref>:<nonce>.<ciphertext>` by path). A read carries the `sealed` map on
 * the case under a symbol, which object spreads keep and JSON and the item marshaller ignore, so an
 * action's next write keeps the sealed values it did not change without opening them.
 *
 * Cases stored before sealing hold clear values and no `sealed` map: they are read as they are (views mask
 * them) and sealed at their next write; a reveal of such a field returns its stored value.
 */
export interface SealedMap {
  readonly keys: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
}

export const SEALED = Symbol('sealed');

type WithSealed = Case & { [SEALED]?: SealedMap };

let configured: FieldSealer | null = null;
let onFirstUse: (() => FieldSealer | null) | null = null;

/**
 * The sealer every case write uses: the composition root (functions/shared/sealing.ts) installs KMS or the
 * local key, as a sealer or as a function that builds one on first use (so a function that never seals
 * or opens needs no key); a process that installs none (a test building a repository), or whose builder
 * answers null, seals under a key of its own.
 */
export function useFieldSealer(sealer: FieldSealer | (() => FieldSealer | null)): void {
  configured = typeof sealer === 'function' ? null : sealer;
  onFirstUse = typeof sealer === 'function' ? sealer : null;
}

/** The sealer, built on first use; a builder that throws (a missing key) throws again on the next use. */
export function fieldSealer(): FieldSealer {
  if (!configured && onFirstUse) {
    configured = onFirstUse() ?? new EnvelopeSealer(new LocalDataKeys(randomBytes(32)));
    onFirstUse = null;
  }
  configured ??= new EnvelopeSealer(new LocalDataKeys(randomBytes(32)));
  return configured;
}

export const contextOf = (caseId: string, path: string) => `${caseId}|${path}`;

const maskOf = (path: string, value: string) =>
  path.endsWith('.phone') ? maskPhone(value) : maskResidentId(value);

/** The case as the table keeps it: clear values sealed (new ones under the current data key), all masked. */
export async function sealCase(c: Case): Promise<{ readonly masked: Case; readonly sealed: SealedMap }> {
  const prior = (c as WithSealed)[SEALED];
  const fields: Record<string, string> = {};
  const fresh: { path: string; value: string }[] = [];
  for (const { path, value } of sealableValues(c)) {
    const kept = prior?.fields[path];
    if (isMaskedForm(value)) {
      if (kept) fields[path] = kept;
    } else fresh.push({ path, value });
  }
  const keys: Record<string, string> = {};
  for (const sealed of Object.values(fields)) {
    const ref = sealed.slice(0, sealed.indexOf(':'));
    const key = prior?.keys[ref];
    if (key) keys[ref] = key;
  }
  if (fresh.length > 0) {
    const batch = await fieldSealer().seal(
      fresh.map(({ path, value }) => ({ context: contextOf(c.caseId, path), value })),
    );
    keys[batch.keyRef] = batch.encryptedKey;
    fresh.forEach(({ path }, i) => {
      fields[path] = `${batch.keyRef}:${batch.values[i]}`;
    });
  }
  const masked = replaceSealable(c, (path, value) => (isMaskedForm(value) ? value : maskOf(path, value)));
  return { masked, sealed: { keys, fields } };
}

/** Carries an item's `sealed` map onto the case read from it. */
export function withSealed<T>(value: T, sealed: unknown): T {
  if (sealed && typeof sealed === 'object') Object.assign(value as object, { [SEALED]: sealed as SealedMap });
  return value;
}

/**
 * The clear values of `paths` of a case read from the table: opened where sealed (one key-service call per
 * data key not already open), as stored where the case is from before sealing; absent where the case has no
 * such field.
 */
export async function openFields(c: Case, paths: readonly string[]): Promise<Record<string, string>> {
  const sealed = (c as WithSealed)[SEALED];
  const stored = new Map(sealableValues(c).map(({ path, value }) => [path, value]));
  const out: Record<string, string> = {};
  const byKey = new Map<string, { path: string; value: string }[]>();
  for (const path of paths) {
    const envelope = sealed?.fields[path];
    if (envelope) {
      const ref = envelope.slice(0, envelope.indexOf(':'));
      byKey.set(ref, [...(byKey.get(ref) ?? []), { path, value: envelope.slice(ref.length + 1) }]);
      continue;
    }
    const value = stored.get(path);
    if (value !== undefined && !isMaskedForm(value)) out[path] = value;
  }
  for (const [ref, values] of byKey) {
    const encryptedKey = sealed?.keys[ref];
    if (!encryptedKey) throw new Error(`sealed data key ${ref} missing`);
    const opened = await fieldSealer().open(
      encryptedKey,
      values.map(({ path, value }) => ({ context: contextOf(c.caseId, path), value })),
    );
    values.forEach(({ path }, i) => {
      const clear = opened[i];
      if (clear !== undefined) out[path] = clear;
    });
  }
  return out;
}

/** The case with every sealed value opened: for a partner the law routes the parties to (handoffs/package.ts). */
export async function unsealCase(c: Case): Promise<Case> {
  const clear = await openFields(
    c,
    sealableValues(c).map(({ path }) => path),
  );
  return replaceSealable(c, (path, value) => clear[path] ?? value);
}

/** A consultation's sealable values by path (the worker's ID number and phone, a person employer's ID). */
function consultationValues(c: Consultation): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  if (c.worker?.idNumber !== undefined) out.push({ path: 'worker.idNumber', value: c.worker.idNumber });
  if (c.worker?.phone !== undefined) out.push({ path: 'worker.phone', value: c.worker.phone });
  if (c.employer?.idNumber !== undefined) out.push({ path: 'employer.idNumber', value: c.employer.idNumber });
  return out;
}

function replaceConsultation(
  c: Consultation,
  replace: (path: string, value: string) => string,
): Consultation {
  const { worker, employer } = c;
  return {
    ...c,
    worker: worker && {
      ...worker,
      ...(worker.idNumber === undefined ? {} : { idNumber: replace('worker.idNumber', worker.idNumber) }),
      ...(worker.phone === undefined ? {} : { phone: replace('worker.phone', worker.phone) }),
    },
    employer:
      employer?.idNumber === undefined
        ? employer
        : { ...employer, idNumber: replace('employer.idNumber', employer.idNumber) },
  };
}

/** A consultation as the table keeps it, sealed like a case (the worker's ID number and phone). */
export async function sealConsultation(
  c: Consultation,
): Promise<{ readonly masked: Consultation; readonly sealed: SealedMap }> {
  const prior = (c as Consultation & { [SEALED]?: SealedMap })[SEALED];
  const fields: Record<string, string> = {};
  const keys: Record<string, string> = {};
  const fresh = consultationValues(c).filter(({ path, value }) => {
    if (!isMaskedForm(value)) return true;
    const kept = prior?.fields[path];
    const ref = kept?.slice(0, kept.indexOf(':'));
    if (kept && ref && prior?.keys[ref]) {
      fields[path] = kept;
      keys[ref] = prior.keys[ref];
    }
    return false;
  });
  if (fresh.length > 0) {
    const batch = await fieldSealer().seal(
      fresh.map(({ path, value }) => ({ context: contextOf(c.consultationId, path), value })),
    );
    keys[batch.keyRef] = batch.encryptedKey;
    fresh.forEach(({ path }, i) => {
      fields[path] = `${batch.keyRef}:${batch.values[i]}`;
    });
  }
  const masked = replaceConsultation(c, (path, value) => (isMaskedForm(value) ? value : maskOf(path, value)));
  return { masked, sealed: { keys, fields } };
}

/** The consultation with its sealed values opened: for the case opened from it (its prefilled parties). */
export async function unsealConsultation(c: Consultation): Promise<Consultation> {
  const sealed = (c as Consultation & { [SEALED]?: SealedMap })[SEALED];
  if (!sealed) return c;
  const clear: Record<string, string> = {};
  for (const { path } of consultationValues(c)) {
    const envelope = sealed.fields[path];
    const ref = envelope?.slice(0, envelope.indexOf(':'));
    const key = ref ? sealed.keys[ref] : undefined;
    if (!envelope || !ref || !key) continue;
    const [value] = await fieldSealer().open(key, [
      { context: contextOf(c.consultationId, path), value: envelope.slice(ref.length + 1) },
    ]);
    if (value !== undefined) clear[path] = value;
  }
  return replaceConsultation(c, (path, value) => clear[path] ?? value);
}
