import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Environment variables whose value may instead come from a Secrets Manager secret named by `<NAME>_ARN`. */
const SECRET_VARIABLES = ['CURSOR_SECRET'] as const;

/** The one call this module makes; a test passes a fake. */
export interface SecretReader {
  send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
}

const clients = new Map<string, SecretsManagerClient>();

/**
 * A secret's string value, or an error with `emptyMessage` when it has none. The client is made on the
 * first read, once per region: this module is imported on first use, so that no function whose cold
 * start needs no secret evaluates the Secrets Manager client.
 */
export async function readSecret(
  secretId: string,
  options: { readonly region?: string; readonly reader?: SecretReader; readonly emptyMessage: string },
): Promise<string> {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  let reader = options.reader ?? clients.get(region);
  if (!reader) {
    const client = new SecretsManagerClient({ region });
    clients.set(region, client);
    reader = client;
  }
  const out = await reader.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error(options.emptyMessage);
  return out.SecretString;
}

/**
 * The environment with each secret variable filled in. In AWS the function gets `CURSOR_SECRET_ARN` and
 * reads the secret's value (so the key is in neither the template nor the function's configuration);
 * locally `CURSOR_SECRET` is set directly and nothing is fetched.
 */
export async function withSecrets(
  env: Record<string, string | undefined>,
  reader?: SecretReader,
): Promise<Record<string, string | undefined>> {
  const resolved = { ...env };
  for (const name of SECRET_VARIABLES) {
    const arn = env[`${name}_ARN`];
    if (env[name] !== undefined || !arn) continue;
    resolved[name] = await readSecret(arn, {
      ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
      ...(reader ? { reader } : {}),
      emptyMessage: `invalid function configuration: ${name}_ARN names a secret without a string value`,
    });
  }
  return resolved;
}
