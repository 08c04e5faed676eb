import * as z from 'zod/mini';
import { readConsultation } from '../../../domain/consultations/use-cases.ts';
import { consultationRepository } from '../../shared/consultations.ts';
import { consultationIdOf, consultationView } from '../consultation-view.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, query } from '../request.ts';
import { json } from '../response.ts';

const deps = { consultations: consultationRepository() };
const NoQuery = z.strictObject({});

/** `GET /consultations/{consultationId}` — one consultation of the caller's post, masked. One GetItem. */
export const handler = httpHandler(async (event) => {
  query(event, NoQuery);
  const c = await readConsultation(deps, actorOf(event), consultationIdOf(event));
  return json(200, consultationView(c));
});
