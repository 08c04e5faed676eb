import * as z from 'zod';
import { CLAIM_CATEGORIES, EMPLOYER_KINDS, INDUSTRY_SECTIONS } from '../../../domain/case/model.ts';
import { consultationSchema, openingSchema } from '../../../domain/consultations/intake.ts';
import { CHANNELS, CONSULTATION_OUTCOMES } from '../../../domain/consultations/model.ts';
import { POST_ID } from '../../../domain/shared/validation.ts';
import { CaseView, INSTANT } from './case-view.ts';
import type { RouteDoc } from './route-doc.ts';
import { Paging, pageOf } from './schemas.ts';

/** A consultation as the API answers it (domain/consultations/model.ts), personal data masked. */
export const ConsultationView = z
  .strictObject({
    consultationId: z.uuid(),
    postId: z.string(),
    channel: z.enum(CHANNELS),
    categories: z.array(z.enum(CLAIM_CATEGORIES)),
    newEmploymentForm: z.boolean(),
    platform: z.string().nullable(),
    worker: z
      .strictObject({
        name: z.string(),
        idNumber: z.string().optional().meta({ description: 'masked', example: '370***********1234' }),
        phone: z.string().optional().meta({ description: 'masked', example: '138****5678' }),
      })
      .nullable(),
    employer: z
      .strictObject({
        name: z.string(),
        kind: z.enum(EMPLOYER_KINDS),
        creditCode: z.string().optional(),
        idNumber: z.string().optional().meta({ description: 'masked' }),
        industry: z.enum(INDUSTRY_SECTIONS).optional().meta({ description: 'GB/T 4754-2017 section' }),
      })
      .nullable(),
    advice: z.string(),
    outcome: z.enum(CONSULTATION_OUTCOMES),
    referredTo: z.string().nullable().meta({ description: 'REFERRED_ELSEWHERE only: to whom' }),
    caseId: z.uuid().nullable().meta({ description: 'CASE_OPENED only: the case opened from it' }),
    consultedAt: INSTANT,
    consultedOn: z.string().meta({ format: 'date', description: 'its Shanghai business date' }),
    recordedBy: z.string(),
    version: z.number().int().positive(),
    createdAt: INSTANT,
    updatedAt: INSTANT,
  })
  .meta({
    id: 'Consultation',
    description: 'A consultation; resident ID and phone numbers masked, also where typed into free text.',
  });

const json = (schema: z.core.$ZodType) => ({ 'application/json': schema });
const ConsultationId = z.strictObject({ consultationId: z.uuid().meta({ description: 'the consultation' }) });

/** The consultation routes' entries of ROUTE_DOCS. */
export const CONSULTATION_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'POST /consultations': {
    description:
      "Records a consultation at the caller's post (admins may name a post): channel, claim categories asked about, new form of employment, the advice and its outcome; the worker and employer only if known.",
    body: consultationSchema(),
    success: {
      status: 201,
      description: 'Recorded',
      content: json(ConsultationView),
      headers: z.strictObject({
        Location: z.string().meta({ description: '/consultations/{consultationId}' }),
      }),
    },
    errors: [403],
  },
  'GET /consultations': {
    description:
      "The caller's post's consultations, newest first by when they took place; admins may name another post.",
    query: z.strictObject({ postId: z.optional(POST_ID).meta({ description: 'admins only' }), ...Paging }),
    success: {
      status: 200,
      description: 'A page of consultations',
      content: json(pageOf(ConsultationView, 'ConsultationPage')),
    },
    errors: [403],
  },
  'GET /consultations/{consultationId}': {
    path: ConsultationId,
    success: { status: 200, description: 'The consultation', content: json(ConsultationView) },
    errors: [404],
  },
  'POST /consultations/{consultationId}/case': {
    description:
      "Files a case prefilled from the consultation — its worker, employer, platform, and the origin for a walk-in or online one — with the body's fields added or replacing them (origin, claims with amounts, summary, the workers' ID and phone numbers…), every rule of `POST /cases` applying. The case carries `consultationId`; the consultation becomes CASE_OPENED with its `caseId`, in the same transaction. A 409 when it opened a case already.",
    path: ConsultationId,
    // The fields of `POST /cases`, each optional here: the consultation gives some, the body the rest.
    body: openingSchema(),
    success: {
      status: 201,
      description: 'The case filed',
      content: json(CaseView),
      headers: z.strictObject({
        ETag: z.string().meta({ description: 'the case version' }),
        Location: z.string().meta({ description: '/cases/{caseId}' }),
      }),
    },
    errors: [403, 404, 409],
  },
};
