import { recordView } from '../case/access.ts';
import type { CaseRepository } from '../case/ports.ts';
import type { Actor } from '../shared/actor.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Clock } from '../shared/ports.ts';
import { accessOf } from './access-log.ts';
import type { Sha256 } from './chain.ts';
import { type ChangedChains, type CheckpointStore, type InclusionProof, proofFor } from './checkpoint.ts';
import type { AccessLog } from './ports.ts';

/** One link of a case's chain as the proof shows it: which event, and its hash. */
export interface ChainEntry {
  readonly version: number;
  readonly seq: number;
  readonly type: string;
  readonly hash: string | null;
}

export interface CaseProof {
  readonly caseId: string;
  readonly chain: readonly ChainEntry[];
  /** The latest checkpoint holding the case, or null before the first that takes it. */
  readonly inclusion: InclusionProof | null;
}

export interface ProofDeps {
  readonly cases: Pick<CaseRepository, 'get'>;
  readonly chain: (caseId: string) => Promise<ChainEntry[]>;
  readonly chains: Pick<ChangedChains, 'latestFor'>;
  readonly store: Pick<CheckpointStore, 'get'>;
  readonly access: AccessLog;
  readonly clock: Clock;
  readonly sha256: Sha256;
}

/**
 * `GET /cases/{id}/proof`: the case's chain (event by event, its hash) and the inclusion proof of its head
 * in the latest checkpoint holding it, for whoever may read its whole record (its post, admins); checked
 * offline with `npm run verify`. A read on record.
 */
export async function readProof(deps: ProofDeps, actor: Actor, caseId: string): Promise<CaseProof> {
  const c = await deps.cases.get(caseId);
  const view = c && recordView(actor, c);
  if (!view || view.untilVersion !== undefined) throw new NotFoundError('case', caseId);
  const [chain, latest] = await Promise.all([deps.chain(caseId), deps.chains.latestFor(caseId)]);
  const checkpoint = latest ? await deps.store.get(latest.key) : null;
  const inclusion = latest && checkpoint ? proofFor(deps.sha256, latest.key, checkpoint, caseId) : null;
  await deps.access.recordAccess(accessOf(actor, caseId, 'PROOF', deps.clock.now()));
  return { caseId, chain, inclusion };
}
