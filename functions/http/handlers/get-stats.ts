import { statsCsv } from '../../../domain/statistics/csv.ts';
import { parseStatsQuery, statsOf } from '../../../domain/statistics/query.ts';
import { cursorCodec } from '../../shared/http-deps.ts';
import { statsDepsWith } from '../../shared/stats-deps.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf } from '../request.ts';
import { json } from '../response.ts';

/** Whether the caller asked for CSV (`Accept: text/csv`, ahead of or instead of JSON). */
const wantsCsv = (accept: string | undefined) => {
  const types = (accept ?? '').split(',').map((t) => t.split(';')[0]?.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const jsonAt = types.indexOf('application/json');
  return csv >= 0 && (jsonAt < 0 || csv < jsonAt);
};

const statsDeps = statsDepsWith(cursorCodec);

/**
 * `GET /stats?from=&to=&groupBy=[&postId=]` — the figures of docs/statistics.md with totals; a mediator's
 * or supervisor's own post, any post or all for an admin. JSON, or CSV with `Accept: text/csv`.
 */
export const handler = httpHandler(async (event) => {
  const actor = actorOf(event);
  const answer = await statsOf(statsDeps, actor, parseStatsQuery(event.queryStringParameters ?? {}));
  if (!wantsCsv(event.headers?.accept)) return json(200, answer);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="stats-${answer.from}-${answer.to}-${answer.groupBy}.csv"`,
      'cache-control': 'no-store',
    },
    body: statsCsv(answer),
  };
});
