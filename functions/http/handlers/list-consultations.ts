import * as z from 'zod/mini';
import { listConsultations } from '../../../domain/consultations/use-cases.ts';
import { POST_ID } from '../../../domain/shared/validation.ts';
import { consultationRepository } from '../../shared/consultations.ts';
import { consultationView } from '../consultation-view.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PageQuery, query } from '../request.ts';
import { json } from '../response.ts';

const deps = { consultations: consultationRepository() };
export const ConsultationsQuery = z.strictObject({ postId: z.optional(POST_ID), ...PageQuery });

/** `GET /consultations?cursor=&limit=` — the caller's post's consultations, newest first (admins may name a post). */
export const handler = httpHandler(async (event) => {
  const q = query(event, ConsultationsQuery);
  const page = await listConsultations(deps, actorOf(event), q);
  return json(200, { items: page.items.map(consultationView), nextCursor: page.nextCursor });
});
