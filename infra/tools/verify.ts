import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { signatureHolds } from '../../functions/adapters/audit/signer.ts';
import { verifyStored } from '../../functions/adapters/audit/verify-store.ts';
import { commandLine, usageError } from '../local/cli.ts';
import { LOCAL_CREDENTIALS } from '../local/ports.ts';

/**
 * `npm run verify -- --case <id>` or `--all` — checks the stored case events against their hash chain and
 * the signed checkpoints, offline (the table and the bucket read directly, the signature with the public
 * key alone); prints each problem, naming the event, and exits 1 if there is any.
 */
const USAGE = [
  'usage: npm run verify -- (--case ID | --all) [--public-key PEM_FILE] [--table NAME] [--bucket NAME]',
  '                         [--endpoint URL] [--s3-endpoint URL] [--region REGION]',
  '  --case        one case: its events, its head and the latest checkpoint holding it',
  '  --all         every checkpoint in the bucket and every case they hold',
  '  --public-key  the checkpoint signing key (PEM); default: KMS GetPublicKey of CHECKPOINT_KEY_ID,',
  "                or, on the local stack only, the bucket's public-key.pem",
  '  --table       default TABLE_NAME, or ldm-local-cases; --bucket default CHECKPOINT_BUCKET',
  '  --endpoint    DynamoDB Local (default DYNAMODB_ENDPOINT); --s3-endpoint (default S3_ENDPOINT)',
].join('\n');

const { values } = commandLine(USAGE, {
  case: { type: 'string' },
  all: { type: 'boolean', default: false },
  'public-key': { type: 'string' },
  table: { type: 'string' },
  bucket: { type: 'string' },
  endpoint: { type: 'string' },
  's3-endpoint': { type: 'string' },
  region: { type: 'string' },
});
if (!values.case === !values.all) usageError(USAGE, 'give --case ID or --all');
const region = values.region ?? process.env.AWS_REGION ?? 'us-east-1';
const endpoint = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
const s3Endpoint = values['s3-endpoint'] ?? process.env.S3_ENDPOINT;
const bucket = values.bucket ?? process.env.CHECKPOINT_BUCKET ?? 'ldm-local-checkpoints';
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region, ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {}) }),
);
const s3 = new S3Client({
  region,
  ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS } : {}),
});

async function publicKey(): Promise<string> {
  if (values['public-key']) return readFileSync(values['public-key'], 'utf8');
  if (process.env.CHECKPOINT_KEY_ID) {
    const out = await new KMSClient({ region }).send(
      new GetPublicKeyCommand({ KeyId: process.env.CHECKPOINT_KEY_ID }),
    );
    return createPublicKey({ key: Buffer.from(out.PublicKey ?? []), format: 'der', type: 'spki' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
  }
  if (!s3Endpoint) usageError(USAGE, 'give --public-key or CHECKPOINT_KEY_ID');
  console.error("trusting the local bucket's public-key.pem (the local stack's key for this run)");
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'public-key.pem' }));
  return (await out.Body?.transformToString()) ?? '';
}

const pem = await publicKey();
const result = await verifyStored(
  {
    db,
    table: values.table ?? process.env.TABLE_NAME ?? 'ldm-local-cases',
    s3,
    bucket,
    signed: (message, signature) => signatureHolds(pem, message, signature),
  },
  values.case ?? null,
);
for (const problem of result.problems) console.log(problem);
console.log(
  result.problems.length === 0
    ? `verified: ${result.cases} case(s), their chains and checkpoints hold`
    : `${result.problems.length} problem(s) in ${result.cases} case(s)`,
);
process.exitCode = result.problems.length === 0 ? 0 : 1;
