import * as z from 'zod/mini';
import { DEFAULT_DAILY_REVEALS, type RevealDeps } from '../../domain/sealing/reveal.ts';
import { DynamoRevealQuota } from '../adapters/dynamodb/reveal-quota.ts';
import { openFields } from '../adapters/dynamodb/sealed-items.ts';
import { accessLog } from './access-log.ts';
import { systemClock } from './clock.ts';
import { parseEnvironment } from './env.ts';
import { httpRepositories } from './http-deps.ts';
import { documents, storeConfig } from './store.ts';

/** How many reveals one person may make per China-time day (`REVEALS_PER_DAY`, default 30). */
const RevealEnvironment = z.object({
  REVEALS_PER_DAY: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), DEFAULT_DAILY_REVEALS),
});

/** Composition root of `POST /cases/{caseId}/reveal`: the case store, the opener, the quota, the access log. */
export function revealDeps(env: Record<string, string | undefined> = process.env): RevealDeps {
  const { REVEALS_PER_DAY } = parseEnvironment(RevealEnvironment, env, 'reveal');
  return {
    cases: httpRepositories().cases,
    opener: { open: openFields },
    quota: new DynamoRevealQuota(documents, storeConfig.tableName),
    accessLog,
    clock: systemClock,
    dailyLimit: REVEALS_PER_DAY,
  };
}
