import * as z from 'zod';
import {
  AGENT_AUTHORITIES,
  AGENT_KINDS,
  AGENT_ROLES,
  APPLICATION_FORMS,
  LEGAL_REPRESENTATION_REASONS,
} from '../../../domain/case/parties.ts';

/**
 * The case's answer fields for its parties (LDMAL arts. 7, 12, 24–25) and its limitation warning (art. 27),
 * spread into the Case schema (case-view.ts). All optional: cases stored before them have none.
 */

const SHANGHAI_DATE = z.string().meta({ format: 'date', description: 'a calendar date in Asia/Shanghai' });
const WHY = z.enum(['ENDED_BEFORE_APPLICATION', 'ENDED_AFTER_INTERRUPTION']);

export const CASE_PARTY_FIELDS = {
  representatives: z
    .array(z.number().int().nonnegative())
    .optional()
    .meta({ description: 'a collective dispute: the elected workers, by position (LDMAL art. 7)' }),
  agents: z
    .array(
      z.strictObject({
        actsFor: z.enum(['WORKER', 'EMPLOYER']),
        workerIndex: z.number().int().nonnegative().optional(),
        role: z.enum(AGENT_ROLES),
        reason: z.enum(LEGAL_REPRESENTATION_REASONS).optional(),
        relationship: z.string().optional(),
        agentKind: z.enum(AGENT_KINDS).optional(),
        authority: z.enum(AGENT_AUTHORITIES).optional(),
        name: z.string(),
        idNumber: z.string().optional().meta({ description: 'masked', example: '370***********1234' }),
        phone: z.string().optional().meta({ description: 'masked', example: '139****5678' }),
        appointedOn: SHANGHAI_DATE,
      }),
    )
    .optional()
    .meta({ description: 'who acts for whom (LDMAL arts. 24–25); absent on older cases' }),
  applicationForm: z
    .enum(APPLICATION_FORMS)
    .optional()
    .meta({ description: 'absent on older cases: WRITTEN' }),
  oralRecord: z
    .strictObject({ recordedOn: SHANGHAI_DATE, facts: z.string() })
    .nullable()
    .optional()
    .meta({ description: 'an ORAL application: the record made on the spot (LDMAL art. 12)' }),
  mediationDecision: z
    .strictObject({
      decision: z.enum(['ACCEPTED', 'DECLINED']),
      decidedOn: SHANGHAI_DATE,
      reason: z.string().nullable(),
      notice: z.strictObject({ on: SHANGHAI_DATE, to: z.string(), means: z.string() }),
    })
    .nullable()
    .optional(),
  limitationWarning: z
    .strictObject({
      article: z.literal('LDMAL art. 27'),
      lastDay: SHANGHAI_DATE,
      why: WHY,
      claims: z.array(
        z.strictObject({
          claim: z.number().int().nonnegative(),
          category: z.string(),
          from: SHANGHAI_DATE,
          lastDay: SHANGHAI_DATE,
          why: WHY,
        }),
      ),
    })
    .nullable()
    .optional()
    .meta({
      description:
        'the referral came after the limitation seemed to end (LDMAL art. 27): a defence for the institute to weigh, not a bar',
    }),
};
