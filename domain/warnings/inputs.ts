import * as z from 'zod/mini';
import { creditCodeProblem } from '../shared/identifiers.ts';
import { DATE, lazily, POST_ID, TEXT } from '../shared/validation.ts';
import { WARNING_ACTION_NAMES } from './lifecycle.ts';
import {
  DISPOSITION_KINDS,
  LETTER_KINDS,
  PARTNER_INDICATOR_NAMES,
  PARTNER_INDICATORS,
  type PartnerIndicator,
  REFERRAL_TARGETS,
  UNITS,
  WARNING_STATUSES,
} from './model.ts';

/** A unified social credit code (GB 32100-2015): 18 characters, the last a check character. */
export const CREDIT_CODE = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
  }),
);

/** An administrative division: six digits (GB/T 2260), as in a credit code's characters 3–8. */
export const DISTRICT = z
  .string()
  .check(z.regex(/^\d{6}$/, 'must be a 6-digit administrative division code'));

/** The `data` of a `monitoring.signal` callback. Unknown indicators are named in the 400. */
export const signalDataSchema = lazily(() =>
  z.strictObject({
    creditCode: CREDIT_CODE,
    indicator: z.enum(
      PARTNER_INDICATOR_NAMES as [PartnerIndicator, ...PartnerIndicator[]],
      `must be one of ${PARTNER_INDICATOR_NAMES.join(', ')}`,
    ),
    value: z.number().check(z.nonnegative(), z.lte(1e15)),
    unit: z.enum(UNITS, 'must be a known unit'),
    period: z.strictObject({ from: DATE, to: DATE }),
    observedOn: DATE,
    reference: TEXT(64),
    district: z.optional(DISTRICT),
    employerName: z.optional(TEXT(120)),
  }),
);
export type SignalData = z.output<ReturnType<typeof signalDataSchema>>;

/** The unit must be one the indicator is measured in: the field it is wrong in, or null. */
export function signalUnitProblem(data: SignalData): string | null {
  const units = PARTNER_INDICATORS[data.indicator] as readonly string[];
  return units.includes(data.unit) ? null : `must be one of ${units.join(', ')} for ${data.indicator}`;
}

const disposition = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('SUPERVISION_LETTER'),
    letter: z.enum(LETTER_KINDS),
    number: TEXT(64),
    issuedOn: DATE,
  }),
  z.strictObject({ kind: z.literal('MEDIATION_CASE'), caseId: z.uuid('must be a case id (UUID)') }),
  z.strictObject({ kind: z.literal('REFERRAL'), to: z.enum(REFERRAL_TARGETS), reference: TEXT(64) }),
  z.strictObject({ kind: z.literal('NO_RISK'), note: TEXT(500) }),
]);

/** `POST /warnings/{id}/actions`. */
export const warningCommandSchema = lazily(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.enum(['ACKNOWLEDGE', 'START_VERIFICATION', 'CLOSE']) }),
    z.strictObject({ action: z.literal('DISPOSE'), disposition }),
    z.strictObject({ action: z.literal('SUPPRESS'), reason: TEXT(500), until: DATE }),
  ]),
);

export const ACTION_LIST = WARNING_ACTION_NAMES;
export { DISPOSITION_KINDS };

/** `GET /warnings` query. */
export const warningQuerySchema = z.strictObject({
  level: z.optional(z.enum(['1', '2', '3', '4'], 'must be 1, 2, 3 or 4')),
  status: z.optional(z.enum(WARNING_STATUSES, 'must be a warning status')),
  district: z.optional(DISTRICT),
  postId: z.optional(POST_ID),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100'))),
});

/** `PUT /districts/{district}`: the post that covers the district. */
export const districtBodySchema = z.strictObject({ postId: POST_ID, name: z.optional(TEXT(60)) });

/** A warning id: the employer's credit code and the warning's sequence at it. */
export const WARNING_ID = z
  .string()
  .check(z.regex(/^[0-9A-HJ-NPQRTUWXY]{18}-\d{1,6}$/, 'must be a warning id (credit code-sequence)'));
