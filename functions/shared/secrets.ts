import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Environment variables whose value may instead come from a Secrets Manager secret named by `<NAME>_ARN`. */
const SECRET_VARIABLES = ['CURSOR_SECRET'] as const;

/** The one call this module makes; a test passes a fake. */
export interface SecretReader {
  send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
}

/**
 * The environment with each secret variable filled in, once at cold start. In AWS the function gets
 * `CURSOR_SECRET_ARN` and reads the secret's value (so the key is in neither the template nor the
 * function's configuration); locally `CURSOR_SECRET` is set directly and nothing is fetched.
 */
export async function withSecrets(
  env: Record<string, string | undefined>,
  reader?: SecretReader,
): Promise<Record<string, string | undefined>> {
  const resolved = { ...env };
  for (const name of SECRET_VARIABLES) {
    const arn = env[`${name}_ARN`];
    if (env[name] !== undefined || !arn) continue;
    const client = reader ?? new SecretsManagerClient({ region: env.AWS_REGION });
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!out.SecretString)
      throw new Error(`invalid function configuration: ${name}_ARN names a secret without a string value`);
    resolved[name] = out.SecretString;
  }
  return resolved;
}
