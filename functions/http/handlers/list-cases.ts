import * as z from 'zod/mini';
import { DUE_WINDOWS, listCases } from '../../../domain/case/list-cases.ts';
import { CASE_STATUSES } from '../../../domain/case/model.ts';
import { CASE_NUMBER, POST_ID } from '../../../domain/shared/validation.ts';
import { recordRead } from '../../shared/access-log.ts';
import { systemClock } from '../../shared/clock.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = { ...httpRepositories(), clock: systemClock };
const ListQuery = z.strictObject({
  status: z.optional(z.enum(CASE_STATUSES)),
  due: z.optional(z.enum(DUE_WINDOWS)),
  postId: z.optional(POST_ID),
  number: z.optional(CASE_NUMBER),
  ...PageQuery,
});

/**
 * `GET /cases?status=&cursor=&limit=` — the caller's post's cases, newest first (admins may name a post);
 * `?due=overdue|today|week` — the mediator's desk: cases by their next statutory deadline, soonest first;
 * `?number=QD-SN-01-2026-000042` — that case alone (an empty page for another post's, unless an admin asks).
 */
export const handler = httpHandler(async (event) => {
  const q = query(event, ListQuery);
  const actor = actorOf(event);
  const page = await listCases(deps, actor, q);
  // A list shows each case's summary: one access record per case shown, in batches.
  await recordRead(
    actor,
    page.items.map((c) => c.caseId),
    'LIST',
  );
  return json(200, page);
});
