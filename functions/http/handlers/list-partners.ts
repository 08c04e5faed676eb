import { listPartners } from '../../../domain/directory/use-cases.ts';
import { partnerRegistry } from '../../shared/partners.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PartnersQuery, query } from '../request.ts';
import { json } from '../response.ts';

/**
 * `GET /partners?kind=COURT|ARBITRATION` — the registered courts and arbitration institutes (id, kind, name;
 * never endpoints or secrets), for a mediator choosing where to refer. A short list: not paged.
 */
export const handler = httpHandler(async (event) => {
  actorOf(event);
  const { kind } = query(event, PartnersQuery);
  return json(200, { items: await listPartners(await partnerRegistry(), kind) });
});
