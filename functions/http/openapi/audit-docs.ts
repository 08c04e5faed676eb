import * as z from 'zod';
import { ACCESS_VIEWS } from '../../../domain/audit/ports.ts';
import { HUMAN_ROLES, SYSTEM_ROLES } from '../../../domain/shared/actor.ts';
import { INSTANT } from './case-view.ts';
import type { RouteDoc } from './route-doc.ts';
import { Paging, pageOf } from './schemas.ts';

/** One read of a case (domain/audit/ports.ts). */
export const AccessRecordView = z
  .strictObject({
    caseId: z.uuid(),
    actor: z.strictObject({
      sub: z.string(),
      role: z.enum([...HUMAN_ROLES, ...SYSTEM_ROLES]),
      postId: z.string(),
    }),
    view: z.enum(ACCESS_VIEWS).meta({ description: 'which view showed the case' }),
    at: INSTANT,
    fieldsRevealed: z.array(z.string()).optional().meta({ description: 'fields shown in clear (a reveal)' }),
    purpose: z.string().optional().meta({ description: "a reveal's purpose" }),
  })
  .meta({ id: 'AccessRecord', description: 'Who read the case, when, through which view.' });

const json = (schema: z.core.$ZodType) => ({ 'application/json': schema });
const CaseId = z.strictObject({ caseId: z.uuid().meta({ description: 'the case' }) });

const ACCESS_LOG_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /cases/{caseId}/access-log': {
    description:
      "Who read the case — its view, its history, its handoffs, a list showing it, a reveal — newest first; for the supervisors of the case's post and admins (a mediator gets 403). Reading the log is itself recorded. Records are kept three years.",
    path: CaseId,
    query: z.strictObject({ ...Paging }),
    success: {
      status: 200,
      description: 'A page of access records',
      content: json(pageOf(AccessRecordView, 'AccessRecordPage')),
    },
    errors: [403, 404],
  },
};

const HASH = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'SHA-256, lower-case hex' });
const ChainHeadView = z.strictObject({ caseId: z.uuid(), version: z.number().int().positive(), head: HASH });

/** `GET /cases/{id}/proof` (domain/audit/proof.ts). */
export const ProofView = z
  .strictObject({
    caseId: z.uuid(),
    chain: z.array(
      z.strictObject({
        version: z.number().int().positive(),
        seq: z.number().int().nonnegative(),
        type: z.string(),
        hash: HASH.nullable().meta({
          description: 'null for an event stored before the chain (docs/audit.md)',
        }),
      }),
    ),
    inclusion: z
      .strictObject({
        checkpoint: z
          .string()
          .meta({ description: 'the object key of the checkpoint in the Object Lock bucket' }),
        leaf: ChainHeadView,
        leafIndex: z.number().int().nonnegative(),
        auditPath: z.array(HASH).meta({ description: 'RFC 6962 audit path, nearest the leaf first' }),
        treeHead: z.strictObject({
          createdAt: INSTANT,
          treeSize: z.number().int().positive(),
          root: HASH,
          previous: z.string().nullable(),
        }),
        signature: z.strictObject({
          algorithm: z.literal('ECDSA_SHA_256'),
          keyId: z.string(),
          value: z.string().meta({ description: 'DER, base64, over the canonical JSON of treeHead' }),
        }),
      })
      .nullable()
      .meta({ description: 'null until the next checkpoint takes the case' }),
  })
  .meta({ id: 'CaseProof' });

const PROOF_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /cases/{caseId}/proof': {
    description:
      "The case's hash chain — each event's `hash = SHA-256(previous hash ‖ canonical event)` — and the RFC 6962 inclusion proof of its head in the latest signed checkpoint that holds it, for its post and admins. Check it offline with `npm run verify -- --case <id>`.",
    path: CaseId,
    success: { status: 200, description: 'The chain and its proof', content: json(ProofView) },
    errors: [404],
  },
};

/** The audit routes' entries of ROUTE_DOCS. */
export const AUDIT_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  ...ACCESS_LOG_ROUTE_DOCS,
  ...PROOF_ROUTE_DOCS,
};
