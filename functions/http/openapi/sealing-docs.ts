import * as z from 'zod';
import { DUPLICATE_DECISIONS, markInput } from '../../../domain/sealing/duplicates.ts';
import { REVEAL_PURPOSES, revealInput } from '../../../domain/sealing/reveal.ts';
import { CaseView, INSTANT } from './case-view.ts';
import type { RouteDoc } from './route-doc.ts';
import { Paging, pageOf } from './schemas.ts';

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

/** A filed case as `POST /cases` answers it: the case, and the open cases that may be the same dispute. */
export const FiledCaseView = CaseView.extend({
  possibleDuplicates: z.array(z.strictObject({ caseNumber: z.string(), postId: z.string() })).meta({
    description:
      "open cases of the same worker against the same employer, at any post (case numbers and posts only; a keyed hash of the ID number found them); the posts' supervisors review them, nothing is merged",
  }),
}).meta({ id: 'FiledCase' });

const CaseRef = z.strictObject({ caseId: z.uuid(), caseNumber: z.string(), postId: z.string() });

/** A possible duplicate filing for a post's supervisors (domain/sealing/duplicates.ts). */
export const DuplicatePairView = z
  .strictObject({
    pairId: z.uuid(),
    postId: z.string().meta({ description: 'the post whose supervisors review it' }),
    filed: CaseRef.meta({ description: 'the case whose filing found the other' }),
    earlier: CaseRef.meta({ description: 'the open case it may duplicate' }),
    foundAt: INSTANT,
    status: z.enum(['PENDING', ...DUPLICATE_DECISIONS]),
    decidedBy: z.string().optional(),
    decidedAt: INSTANT.optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'DuplicatePair', description: 'Two open cases that may be one dispute; never merged.' });

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
  'GET /duplicates': {
    description:
      "The caller's post's possible duplicate filings still to review, oldest first; for the post's supervisors (others get 403).",
    query: z.strictObject({ ...Paging }),
    success: {
      status: 200,
      description: 'A page of pending pairs',
      content: json(pageOf(DuplicatePairView, 'DuplicatePairPage')),
    },
    errors: [403],
  },
  'POST /duplicates/{pairId}': {
    description:
      'A supervisor of the post marks a pending pair SAME (one dispute filed twice) or DIFFERENT, with a note. Nothing is merged or closed by it.',
    path: z.strictObject({ pairId: z.uuid().meta({ description: 'the pair' }) }),
    body: markInput(),
    success: { status: 200, description: 'Decided', content: json(DuplicatePairView) },
    errors: [403, 404],
  },
};
