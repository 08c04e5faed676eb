import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Checkpoint } from '../../../domain/audit/checkpoint.ts';
import { caseProblems, checkpointProblems, type SignatureCheck } from '../../../domain/audit/verify.ts';
import { linksOf, storedEvents } from '../dynamodb/chain-items.ts';
import { keys } from '../dynamodb/table-design.ts';
import { S3CheckpointStore } from './s3-checkpoints.ts';
import { sha256 } from './sha256.ts';

/**
 * Offline verification (`npm run verify`): reads the stored events straight from the table and the
 * checkpoints straight from the bucket — never through the API — and checks them with the public key
 * alone. The checkpoints are taken from the bucket, not from the table's pointers, which whoever edits the
 * table could remove.
 */
export interface VerifySources {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly s3: S3Client;
  readonly bucket: string;
  readonly signed: SignatureCheck;
}

/** Every checkpoint in the bucket, oldest first, with the problems of each and of their sequence. */
async function allCheckpoints(src: VerifySources) {
  const store = new S3CheckpointStore(src.s3, src.bucket);
  const found: { key: string; checkpoint: Checkpoint }[] = [];
  let token: string | undefined;
  do {
    const out = await src.s3.send(
      new ListObjectsV2Command({ Bucket: src.bucket, Prefix: 'checkpoints/', ContinuationToken: token }),
    );
    for (const o of out.Contents ?? []) {
      const checkpoint = o.Key ? await store.get(o.Key) : null;
      if (o.Key && checkpoint) found.push({ key: o.Key, checkpoint });
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  found.sort((a, b) => (a.key < b.key ? -1 : 1));
  const problems: string[] = [];
  found.forEach((c, i) => {
    problems.push(...checkpointProblems(sha256, c.key, c.checkpoint, src.signed));
    const previous = i === 0 ? null : (found[i - 1]?.key ?? null);
    if (c.checkpoint.previous !== previous) {
      problems.push(
        `checkpoint ${c.key}: names ${c.checkpoint.previous} before it, the bucket has ${previous}`,
      );
    }
  });
  return { found, problems };
}

/** The problems of one case (or of every case some checkpoint holds, `caseId` null); empty: all holds. */
export async function verifyStored(
  src: VerifySources,
  caseId: string | null,
): Promise<{ cases: number; problems: string[] }> {
  const { found, problems } = await allCheckpoints(src);
  const latest = new Map<string, { key: string; checkpoint: Checkpoint }>();
  for (const c of found) for (const leaf of c.checkpoint.leaves) latest.set(leaf.caseId, c);
  const ids = caseId === null ? [...latest.keys()] : [caseId];
  for (const id of ids) {
    const [events, item] = await Promise.all([
      storedEvents(src.db, src.table, id),
      src.db.send(new GetCommand({ TableName: src.table, Key: keys.case(id), ConsistentRead: true })),
    ]);
    if (!item.Item) {
      problems.push(`case ${id}: not in the table${latest.has(id) ? ', though a checkpoint holds it' : ''}`);
      continue;
    }
    const checkpoint = latest.get(id) ?? null;
    // Only the case's own checkpoint problems here: the checkpoints' were counted once above.
    const own = caseProblems(
      sha256,
      {
        caseId: id,
        links: linksOf(events),
        caseHead: typeof item.Item.chainHead === 'string' ? item.Item.chainHead : null,
        checkpoint,
      },
      src.signed,
    ).filter((p) => p.startsWith(`case ${id}`));
    problems.push(...own);
  }
  return { cases: ids.length, problems };
}
