import * as z from 'zod';
import type { Directory } from '../../domain/directory/ports.ts';
import { DestinationDirectory } from '../adapters/directory.ts';
import { DynamoPostDirectory } from '../adapters/dynamodb/post-directory.ts';
import type { PartnerRegistry } from '../adapters/partners/registry.ts';
import { parseEnvironment } from './env.ts';
import { logger } from './observability.ts';
import { documents, storeConfig } from './store.ts';

/**
 * Where the HTTP functions that name or hear from courts and institutes (actions, partner callbacks, the
 * partner list) find the partner registry: a Secrets Manager secret in AWS, a JSON file locally. The
 * registry and its client are made on first use, not at cold start.
 */
const RegistryEnvironment = z.object({
  PARTNER_REGISTRY_SECRET_ARN: z.string().min(20).optional(),
  PARTNER_REGISTRY_FILE: z.string().min(1).optional(),
  PARTNER_REGISTRY_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  PARTNER_ALLOW_HTTP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

let registry: Promise<PartnerRegistry> | undefined;

export function partnerRegistry(
  env: Record<string, string | undefined> = process.env,
): Promise<PartnerRegistry> {
  registry ??= (async () => {
    const config = parseEnvironment(RegistryEnvironment, env, 'partner registry');
    const { PartnerRegistry, fileSource, secretSource } = await import('../adapters/partners/registry.ts');
    const options = {
      ttlMs: config.PARTNER_REGISTRY_TTL_SECONDS * 1000,
      allowHttp: config.PARTNER_ALLOW_HTTP,
      onProblem: (problem: string) => logger.warn('partner registry', { problem }),
    };
    if (config.PARTNER_REGISTRY_SECRET_ARN) {
      const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({ region: env.AWS_REGION ?? 'us-east-1' });
      return new PartnerRegistry(secretSource(client, config.PARTNER_REGISTRY_SECRET_ARN), options);
    }
    if (config.PARTNER_REGISTRY_FILE) {
      return new PartnerRegistry(fileSource(config.PARTNER_REGISTRY_FILE), options);
    }
    throw new Error(
      'invalid function configuration: PARTNER_REGISTRY_SECRET_ARN or PARTNER_REGISTRY_FILE must be set',
    );
  })();
  registry.catch(() => {
    registry = undefined;
  });
  return registry;
}

/**
 * The posts and partners an action may name (a 422 for one that does not exist): the post directory in the
 * cases table, the partner registry read on the first action that names a court or institute.
 */
export const directory: Directory = new DestinationDirectory(
  async () => new DynamoPostDirectory(documents, storeConfig.tableName, null),
  () => partnerRegistry(),
);
