import * as z from 'zod/mini';
import { markDuplicate, markInput } from '../../../domain/sealing/duplicates.ts';
import { parseOrThrow } from '../../../domain/shared/validation.ts';
import { duplicateDeps } from '../../shared/duplicates-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, jsonBody } from '../request.ts';
import { json } from '../response.ts';

const deps = duplicateDeps();
const PAIR_ID = z.uuid('must be a pair id (UUID)');

/** `POST /duplicates/{pairId}` `{ decision: SAME | DIFFERENT, note }` — a supervisor decides a pair. */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const pairId = parseOrThrow(PAIR_ID, event.pathParameters?.pairId, 'pairId');
  const input = parseOrThrow(markInput(), jsonBody(event));
  return json(200, await markDuplicate(deps, actor, pairId, input));
});
