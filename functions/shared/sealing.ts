import { KMSClient } from '@aws-sdk/client-kms';
import * as z from 'zod/mini';
import type { FieldSealer } from '../../domain/sealing/ports.ts';
import { SEALING_ALGORITHMS } from '../adapters/crypto/ciphers.ts';
import { EnvelopeSealer } from '../adapters/crypto/envelope.ts';
import { KmsDataKeys } from '../adapters/crypto/kms-data-keys.ts';
import { LocalDataKeys } from '../adapters/crypto/local-data-keys.ts';
import { useFieldSealer } from '../adapters/dynamodb/sealed-items.ts';
import { ConfigurationError } from './configuration-error.ts';
import { parseEnvironment } from './env.ts';
import { withoutSdkLogging } from './sdk.ts';

/**
 * Composition root of field sealing, built on a container's first seal or open, never at cold start: a
 * function on the cases table that only reads (a view, the calendar, the posts) is deployed without the
 * key and never builds the KMS client. (The client's module stays in every store's bundle: `import()` of
 * it makes esbuild wrap the SDK in lazy initialisers, measured 26 KiB larger.) In AWS the KMS key
 * (`SEALING_KEY_ARN`) wraps the data keys; locally (`DYNAMODB_ENDPOINT` set, no KMS emulator exists) a raw
 * AES-256 key the local stack generates per run (`SEALING_LOCAL_KEY`, base64). `SEALING_ALGORITHM` picks
 * the cipher of new values (the CDK sets it from the stage's partition: `sm4ctr-hmacsm3` in aws-cn,
 * `aes256gcm`, the default, elsewhere); values name their cipher, so every one opens whatever is selected.
 * A deployed function without its key fails its first seal with a ConfigurationError naming the variable
 * (a 503 at the HTTP edge, logged).
 */
const SealingEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  SEALING_KEY_ARN: z.optional(z.string().check(z.minLength(1))),
  SEALING_LOCAL_KEY: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'must be 32 bytes in base64')),
  ),
  SEALING_ALGORITHM: z._default(z.enum(SEALING_ALGORITHMS), 'aes256gcm'),
  DYNAMODB_ENDPOINT: z.optional(z.string()),
});

export function sealerFrom(env: Record<string, string | undefined> = process.env): FieldSealer | null {
  let config: z.output<typeof SealingEnvironment>;
  try {
    config = parseEnvironment(SealingEnvironment, env, 'sealing');
  } catch (error) {
    throw new ConfigurationError((error as Error).message);
  }
  const algorithm = config.SEALING_ALGORITHM;
  if (config.SEALING_KEY_ARN) {
    const kms = withoutSdkLogging(new KMSClient({ region: config.AWS_REGION }));
    const source = new KmsDataKeys(kms, config.SEALING_KEY_ARN);
    return new EnvelopeSealer(source, undefined, undefined, algorithm);
  }
  if (config.SEALING_LOCAL_KEY) {
    const source = new LocalDataKeys(Buffer.from(config.SEALING_LOCAL_KEY, 'base64'));
    return new EnvelopeSealer(source, undefined, undefined, algorithm);
  }
  if (config.DYNAMODB_ENDPOINT) return null;
  throw new ConfigurationError('invalid sealing configuration: SEALING_KEY_ARN: required');
}

/**
 * Installs field sealing for every case write of this container, to be built on its first use from the
 * environment as it is then (nothing is parsed or loaded at cold start).
 */
export function installSealer(env: Record<string, string | undefined> = process.env): void {
  useFieldSealer(() => sealerFrom(env));
}
