import * as z from 'zod';
import { REVEAL_PURPOSES, revealInput } from '../../../domain/sealing/reveal.ts';
import { INSTANT } from './case-view.ts';
import type { RouteDoc } from './route-doc.ts';

/** What a reveal answers (domain/sealing/reveal.ts): the clear values by field. */
export const RevealedView = z
  .strictObject({
    caseId: z.uuid(),
    purpose: z.enum(REVEAL_PURPOSES),
    revealedAt: INSTANT,
    values: z
      .record(z.string(), z.string())
      .meta({ description: 'the clear value of each field asked for, by its path (`workers[0].idNumber`)' }),
  })
  .meta({ id: 'Revealed', description: 'Sealed personal data in clear, for the purpose given; on record.' });

const json = (schema: z.core.$ZodType) => ({ 'application/json': schema });
const CaseId = z.strictObject({ caseId: z.uuid().meta({ description: 'the case' }) });

/** The sealing routes' entries of ROUTE_DOCS. */
export const SEALING_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'POST /cases/{caseId}/reveal': {
    description:
      "The clear values of a case's sealed ID numbers and phones (`workers[i].idNumber`, `workers[i].phone`, `employer.idNumber`, `agents[i].idNumber`, `agents[i].phone`) for a purpose from a fixed list, to a mediator or supervisor of the case's own post (an admin or partner gets 403, anyone else 404). Each reveal is recorded in the case's access log (who, when, which fields, why) and counted: a person may reveal a limited number of times per China-time day (429 past it). The answer is never cached and is the one answer not masked.",
    path: CaseId,
    body: revealInput(),
    success: { status: 200, description: 'The values, on record', content: json(RevealedView) },
    errors: [403, 404, 429],
  },
};
