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

/** The audit routes' entries of ROUTE_DOCS. */
export const AUDIT_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
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
