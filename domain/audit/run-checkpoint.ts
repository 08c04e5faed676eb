import type { Clock } from '../shared/ports.ts';
import type { Sha256 } from './chain.ts';
import {
  type ChangedChains,
  type Checkpoint,
  type CheckpointSigner,
  type CheckpointStore,
  checkpointKey,
  makeCheckpoint,
} from './checkpoint.ts';

export interface CheckpointDeps {
  readonly chains: ChangedChains;
  readonly store: CheckpointStore;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  readonly sha256: Sha256;
}

/** Heads one checkpoint takes at most; the rest wait for the next run. */
export const CHECKPOINT_BATCH = 5000;

/**
 * One run of the checkpoint job: the chains changed since their last checkpoint, in one signed tree,
 * written before any is marked taken (a crash between leaves them on the list for the next run).
 */
export async function runCheckpoint(
  deps: CheckpointDeps,
): Promise<{ key: string; checkpoint: Checkpoint } | null> {
  const heads = await deps.chains.changed(CHECKPOINT_BATCH);
  const createdAt = deps.clock.now();
  const checkpoint = await makeCheckpoint(
    deps.sha256,
    deps.signer,
    heads,
    createdAt,
    await deps.chains.lastKey(),
  );
  if (!checkpoint) return null;
  const key = checkpointKey(createdAt);
  await deps.store.put(key, checkpoint);
  await deps.chains.taken(checkpoint.leaves, key, createdAt);
  return { key, checkpoint };
}
