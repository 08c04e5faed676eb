import { z } from 'zod';
import { CASE_STATUSES, POST_ID } from '../../../domain/case.ts';
import { listCases } from '../../../domain/cases.ts';
import { deps } from '../../shared/container.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const ListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  postId: POST_ID.optional(),
  ...PageQuery,
});

/** `GET /cases?status=&cursor=&limit=` — the caller's post's cases, newest first (admins may name a post). */
export const handler = httpHandler(async (event) => {
  const q = query(event, ListQuery);
  const page = await listCases(deps, actorOf(event), q);
  return json(200, page);
});
