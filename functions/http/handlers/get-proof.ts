import * as z from 'zod/mini';
import { readProof } from '../../../domain/audit/proof.ts';
import { sha256 } from '../../adapters/audit/sha256.ts';
import { storedEvents } from '../../adapters/dynamodb/chain-items.ts';
import { auditDeps } from '../../shared/access-log.ts';
import { changedChains, checkpointStore } from '../../shared/checkpoints.ts';
import { httpRepositories } from '../../shared/http-deps.ts';
import { documents, storeConfig } from '../../shared/store.ts';
import { httpHandler } from '../middleware.ts';
import { actorOf, caseIdOf, query } from '../request.ts';
import { json } from '../response.ts';

const chain = async (caseId: string) =>
  (await storedEvents(documents, storeConfig.tableName, caseId)).map((item) => ({
    version: Number(item.version),
    seq: Number(item.seq),
    type: String(item.type),
    hash: typeof item.hash === 'string' ? item.hash : null,
  }));

const deps = {
  ...httpRepositories(),
  ...auditDeps,
  chain,
  chains: changedChains,
  store: checkpointStore,
  sha256,
};
const NoQuery = z.strictObject({});

/** `GET /cases/{caseId}/proof` — the case's hash chain and its inclusion proof in the latest checkpoint. */
export const handler = httpHandler(async (event) => {
  query(event, NoQuery);
  return json(200, await readProof(deps, actorOf(event), caseIdOf(event)));
});
