import { listPartners } from '../../../domain/directory/use-cases.ts';
import { partnerStore } from '../../shared/partner-store.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, PartnersQuery, query } from '../request.ts';
import { json } from '../response.ts';

/**
 * `GET /partners?kind=COURT|ARBITRATION` — the registered courts and arbitration institutes (id, kind, name;
 * never endpoints or secrets: a Query of the partner table's listing index), for a mediator choosing where
 * to refer. Some thousands per kind, a few hundred kilobytes: not paged.
 */
export const handler = httpHandler(async (event) => {
  actorOf(event);
  const { kind } = query(event, PartnersQuery);
  return json(200, { items: await listPartners(partnerStore(), kind) });
});
