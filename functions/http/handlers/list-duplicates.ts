import * as z from 'zod/mini';
import { listDuplicates } from '../../../domain/sealing/duplicates.ts';
import { pageSize } from '../../../domain/shared/page.ts';
import { duplicateDeps } from '../../shared/duplicates-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = duplicateDeps();
const DuplicatesQuery = z.strictObject({ ...PageQuery });

/** `GET /duplicates` — the caller's post's pending possible duplicate filings, for its supervisors. */
export const handler = httpHandler(async (event) => {
  const q = query(event, DuplicatesQuery);
  const page = await listDuplicates(deps, actorOf(event), {
    limit: pageSize(q.limit),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  return json(200, page);
});
