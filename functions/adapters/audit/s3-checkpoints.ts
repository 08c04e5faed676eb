import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Checkpoint, CheckpointStore } from '../../../domain/audit/checkpoint.ts';

/**
 * Checkpoints as JSON objects in the checkpoint bucket. In AWS the bucket has Object Lock in compliance
 * mode with a default retention (infra/cdk): no one, the root account included, can delete or overwrite
 * an object before it expires. Locally the emulator's S3 (fauxqs) holds them.
 */
export class S3CheckpointStore implements CheckpointStore {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.#bucket = bucket;
  }

  async put(key: string, checkpoint: Checkpoint): Promise<void> {
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: JSON.stringify(checkpoint),
        ContentType: 'application/json',
        // Object Lock requires an integrity checksum on every put.
        ChecksumAlgorithm: 'SHA256',
        // Never replace a checkpoint (with versioning on, a second put would add a version).
        IfNoneMatch: '*',
      }),
    );
  }

  async get(key: string): Promise<Checkpoint | null> {
    try {
      const out = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      const text = await out.Body?.transformToString();
      return text ? (JSON.parse(text) as Checkpoint) : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }
}
