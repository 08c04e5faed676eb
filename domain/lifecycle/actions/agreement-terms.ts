import * as z from 'zod/mini';
import type { Agreement, Case, Instalment } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { ValidationError } from '../../shared/errors.ts';
import { message } from '../../shared/messages.ts';
import { DATE, FEN, TEXT } from '../../shared/validation.ts';

/**
 * The mediation agreement's terms as the law shapes them (LDMAL art. 14): who signed and when it took
 * effect, the amount per claim, an instalment schedule, and how payments are spread over it. SIGN_AGREEMENT
 * (mediation.ts) and RECORD_PERFORMANCE (agreement.ts) use these.
 */

/** Money of the agreement: whole fen, above 0 for a part of it (an item, an instalment). */
const PART_FEN = FEN.check(z.positive('must be more than 0'));
/** A position in one of the case's lists (its claims, its workers), counted from 0. */
const POSITION = z.number().check(z.int(), z.nonnegative(), z.lte(10_000));

export const agreementSchema = () =>
  z.strictObject({
    terms: TEXT(20_000),
    amountFen: FEN,
    /** The amount settled per claim of the case; the items sum to `amountFen`. */
    items: z
      .array(z.strictObject({ claim: POSITION, amountFen: FEN }))
      .check(z.minLength(1), z.maxLength(100)),
    performBy: DATE,
    /** An optional schedule: dates in order, none after `performBy`, amounts summing to `amountFen`. */
    instalments: z.optional(
      z.array(z.strictObject({ dueOn: DATE, amountFen: PART_FEN })).check(z.minLength(1), z.maxLength(120)),
    ),
    signatures: z.strictObject({
      workers: z.array(POSITION).check(z.minLength(1), z.maxLength(1000)),
      employer: z.strictObject({ representative: TEXT(100), sealed: z.boolean() }),
      mediator: TEXT(64),
      organisationSeal: z.literal(
        true,
        'must be true: an agreement takes effect only under the mediation organisation’s seal (LDMAL art. 14)',
      ),
    }),
    /** The day the last signature or seal went on (LDMAL art. 14). */
    effectiveOn: DATE,
  });
type AgreementInput = z.output<ReturnType<typeof agreementSchema>>;

const sum = (amounts: readonly { amountFen: number }[]) =>
  amounts.reduce((total, a) => total + a.amountFen, 0);

/** The first position in `list` that repeats an earlier one, or -1. */
const firstRepeat = (list: readonly number[]) => list.findIndex((n, i) => list.indexOf(n) !== i);

/**
 * The agreement's formalities, checked against the case (each refusal a 400 naming its field): items of
 * claims the case has, once each, summing to the total; instalments in date order, from the effective day
 * to `performBy`, summing to the total; signatures of workers the case has — every worker of a dispute that
 * is not collective, as each is a party (LDMAL art. 14); collective: its representatives (art. 7) — and an
 * effective day between the application's receipt and today.
 */
export function checkAgreement(c: Case, p: AgreementInput, today: string): void {
  const { effectiveOn } = p;
  if (effectiveOn > today) throw ValidationError.field('effectiveOn', message('field.notInFuture'));
  if (effectiveOn < c.receivedOn) {
    throw ValidationError.field('effectiveOn', message('agreement.beforeReceipt', { date: c.receivedOn }));
  }
  if (p.performBy < today) throw ValidationError.field('performBy', message('field.notInPast'));

  p.items.forEach((item, i) => {
    if (item.claim >= c.claims.length) {
      throw ValidationError.field(
        `items[${i}].claim`,
        message('agreement.noSuchClaim', { claim: item.claim, count: c.claims.length }),
      );
    }
  });
  const repeatedClaim = firstRepeat(p.items.map((item) => item.claim));
  if (repeatedClaim >= 0) {
    throw ValidationError.field(
      `items[${repeatedClaim}].claim`,
      message('agreement.claimTwice', { claim: p.items[repeatedClaim]?.claim ?? 0 }),
    );
  }
  if (sum(p.items) !== p.amountFen) {
    throw ValidationError.field(
      'items',
      message('agreement.itemsSum', { sum: sum(p.items), total: p.amountFen }),
    );
  }

  (p.instalments ?? []).forEach((instalment, i, all) => {
    const field = `instalments[${i}].dueOn`;
    const before = all[i - 1];
    if (before && instalment.dueOn <= before.dueOn)
      throw ValidationError.field(field, message('agreement.instalmentOrder'));
    if (instalment.dueOn < effectiveOn) {
      throw ValidationError.field(field, message('agreement.beforeEffective', { date: effectiveOn }));
    }
    if (instalment.dueOn > p.performBy) {
      throw ValidationError.field(field, message('agreement.afterPerformBy', { date: p.performBy }));
    }
  });
  if (p.instalments && sum(p.instalments) !== p.amountFen) {
    throw ValidationError.field(
      'instalments',
      message('agreement.instalmentsSum', { sum: sum(p.instalments), total: p.amountFen }),
    );
  }

  const signed = p.signatures.workers;
  signed.forEach((worker, i) => {
    if (worker >= c.workers.length) {
      throw ValidationError.field(
        `signatures.workers[${i}]`,
        message('agreement.noSuchWorker', { worker, count: c.workers.length }),
      );
    }
  });
  const repeatedWorker = firstRepeat(signed);
  if (repeatedWorker >= 0) {
    throw ValidationError.field(
      `signatures.workers[${repeatedWorker}]`,
      message('agreement.workerTwice', { worker: signed[repeatedWorker] ?? 0 }),
    );
  }
  const missing = c.workers.map((_w, i) => i).filter((i) => !signed.includes(i));
  if (!c.collective && missing.length > 0) {
    throw ValidationError.field(
      'signatures.workers',
      message('agreement.allWorkersSign', { missing: missing.map(String) }),
    );
  }
}

/**
 * A payment spread over the schedule: to the instalment the payer names (1-based, as the agreement numbers
 * them), or else to the earliest instalments still owed, in order — the debtor names the debt a payment is
 * for, otherwise the one due first is paid first (Civil Code art. 560).
 */
export function allocate(
  instalments: readonly Instalment[],
  p: { paidFen: number; instalment?: number },
): Instalment[] {
  if (p.instalment !== undefined) {
    const named = instalments[p.instalment - 1];
    if (!named) {
      throw ValidationError.field(
        'instalment',
        message('agreement.noSuchInstalment', { instalment: p.instalment, count: instalments.length }),
      );
    }
    const owed = named.amountFen - named.paidFen;
    if (p.paidFen > owed) {
      throw ValidationError.field(
        'paidFen',
        message('agreement.exceedsInstalment', { owed, instalment: p.instalment }),
      );
    }
    return instalments.map((i) => (i === named ? { ...i, paidFen: i.paidFen + p.paidFen } : i));
  }
  let left = p.paidFen;
  return instalments.map((i) => {
    const paid = Math.min(left, i.amountFen - i.paidFen);
    left -= paid;
    return paid > 0 ? { ...i, paidFen: i.paidFen + paid } : i;
  });
}

/** The day the agreement took effect (LDMAL art. 14); one stored before it was recorded: its signing day. */
export const effectiveOn = (a: Agreement) => a.effectiveOn ?? shanghaiDate(a.signedAt);
