import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { runCheckpoint } from '../../domain/audit/run-checkpoint.ts';
import { sha256 } from '../adapters/audit/sha256.ts';
import { backgroundHandler } from '../shared/background.ts';
import { changedChains, checkpointSigner, checkpointStore } from '../shared/checkpoints.ts';
import { systemClock } from '../shared/clock.ts';
import { logger, metrics } from '../shared/observability.ts';

const deps = {
  chains: changedChains,
  store: checkpointStore,
  signer: checkpointSigner(),
  clock: systemClock,
  sha256,
};

/**
 * On a schedule (an EventBridge rule in AWS, a timer locally): the heads of the case chains changed since
 * the last checkpoint, in one RFC 6962 tree whose signed head goes to the Object Lock bucket
 * (domain/audit/run-checkpoint.ts).
 */
export const handler = backgroundHandler(async () => {
  const done = await runCheckpoint(deps);
  const heads = done?.checkpoint.treeSize ?? 0;
  metrics.addMetric('ChainHeadsCheckpointed', MetricUnit.Count, heads);
  if (done) logger.info('checkpoint written', { key: done.key, treeSize: heads, root: done.checkpoint.root });
  return { key: done?.key ?? null, treeSize: heads };
});
