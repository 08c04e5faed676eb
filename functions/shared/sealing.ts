import { KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod/mini';
import type { FieldSealer } from '../../domain/sealing/ports.ts';
import { EnvelopeSealer } from '../adapters/crypto/envelope.ts';
import { KmsDataKeys } from '../adapters/crypto/kms-data-keys.ts';
import { LocalDataKeys } from '../adapters/crypto/local-data-keys.ts';
import { useFieldSealer } from '../adapters/dynamodb/sealed-items.ts';
import { parseEnvironment } from './env.ts';
import { withoutSdkLogging } from './sdk.ts';

/**
 * Composition root of field sealing: in AWS the KMS key (`SEALING_KEY_ARN`) wraps the data keys; locally
 * (`DYNAMODB_ENDPOINT` set, no KMS emulator exists) a raw AES-256 key the local stack generates per run
 * (`SEALING_LOCAL_KEY`, base64). A deployed function with neither stops at cold start.
 */
const SealingEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  SEALING_KEY_ARN: z.optional(z.string().check(z.minLength(1))),
  SEALING_LOCAL_KEY: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'must be 32 bytes in base64')),
  ),
  DYNAMODB_ENDPOINT: z.optional(z.string()),
});

export function sealerFrom(env: Record<string, string | undefined> = process.env): FieldSealer | null {
  const config = parseEnvironment(SealingEnvironment, env, 'sealing');
  if (config.SEALING_KEY_ARN) {
    const kms = withoutSdkLogging(new KMSClient({ region: config.AWS_REGION }));
    return new EnvelopeSealer(new KmsDataKeys(kms, config.SEALING_KEY_ARN));
  }
  if (config.SEALING_LOCAL_KEY) {
    return new EnvelopeSealer(new LocalDataKeys(Buffer.from(config.SEALING_LOCAL_KEY, 'base64')));
  }
  if (config.DYNAMODB_ENDPOINT) return null;
  throw new Error('invalid sealing configuration: SEALING_KEY_ARN: required');
}

/** Installs the configured sealer for every case write of this container (once, at cold start). */
export function installSealer(env: Record<string, string | undefined> = process.env): void {
  const sealer = sealerFrom(env);
  if (sealer) useFieldSealer(sealer);
}
