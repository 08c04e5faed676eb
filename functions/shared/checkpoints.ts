import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import type { CheckpointSigner } from '../../domain/audit/checkpoint.ts';
import { S3CheckpointStore } from '../adapters/audit/s3-checkpoints.ts';
import { KmsSigner, LocalSigner } from '../adapters/audit/signer.ts';
import { DynamoChangedChains } from '../adapters/dynamodb/chain-heads.ts';
import { parseEnvironment } from './env.ts';
import { withoutSdkLogging } from './sdk.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Composition root of checkpoints: the bucket (`CHECKPOINT_BUCKET`, Object Lock in AWS; the emulator's S3
 * at `S3_ENDPOINT` locally), the signer — the KMS asymmetric key `CHECKPOINT_KEY_ID` in AWS, locally a
 * P-256 key the local stack generates per run (`CHECKPOINT_LOCAL_KEY`, PKCS#8 PEM) — and the chains.
 */
const CheckpointEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  CHECKPOINT_BUCKET: z.string().check(z.minLength(3)),
  CHECKPOINT_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  CHECKPOINT_LOCAL_KEY: z.optional(z.string().check(z.minLength(1))),
  S3_ENDPOINT: z.optional(z.url()),
});

const config = parseEnvironment(CheckpointEnvironment, process.env, 'checkpoints');

export const s3 = withoutSdkLogging(
  new S3Client({
    region: config.AWS_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true } : {}),
  }),
);
export const checkpointStore = new S3CheckpointStore(s3, config.CHECKPOINT_BUCKET);
export const changedChains = new DynamoChangedChains(documents, storeConfig.tableName);

/** The signer (only the checkpoint job signs; it is made on first use). */
export function checkpointSigner(): CheckpointSigner {
  if (config.CHECKPOINT_KEY_ID) {
    return new KmsSigner(
      withoutSdkLogging(new KMSClient({ region: config.AWS_REGION })),
      config.CHECKPOINT_KEY_ID,
    );
  }
  if (config.CHECKPOINT_LOCAL_KEY)
    return new LocalSigner('local-checkpoint-key', config.CHECKPOINT_LOCAL_KEY);
  throw new Error('invalid checkpoints configuration: CHECKPOINT_KEY_ID: required');
}
