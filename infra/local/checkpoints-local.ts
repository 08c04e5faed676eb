import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LocalSigner } from '../../functions/adapters/audit/signer.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';

/** The local checkpoint bucket, in the emulator's S3 (fauxqs serves S3 on the SQS endpoint). */
export const LOCAL_CHECKPOINT_BUCKET = 'ldm-local-checkpoints';

/**
 * Creates the checkpoint bucket in fauxqs (no Object Lock there: the deployed bucket's is proven by the
 * template tests) and a P-256 signing key for this run, the stand-in for the KMS asymmetric key. Returns
 * the variables the checkpoint functions read (functions/shared/checkpoints.ts).
 */
export async function localCheckpoints(endpoint: string): Promise<Record<string, string>> {
  const s3 = new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  const signer = new LocalSigner('local-checkpoint-key', process.env.CHECKPOINT_LOCAL_KEY);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: LOCAL_CHECKPOINT_BUCKET }));
    // Locally only, for `npm run verify` without --public-key: in AWS the key comes from KMS, never the bucket.
    await s3.send(
      new PutObjectCommand({
        Bucket: LOCAL_CHECKPOINT_BUCKET,
        Key: 'public-key.pem',
        Body: signer.publicKeyPem,
      }),
    );
  } finally {
    s3.destroy();
  }
  return {
    CHECKPOINT_BUCKET: LOCAL_CHECKPOINT_BUCKET,
    S3_ENDPOINT: endpoint,
    CHECKPOINT_LOCAL_KEY: signer.privateKeyPem,
  };
}
