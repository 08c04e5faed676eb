import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

/**
 * The context in cdk.json (stage default and feature flags), so the app synthesises the same templates
 * whether the CDK CLI runs it, `node infra/app.ts` does, or a test does. Values given on the command line
 * (`-c stage=prod`) still win: the CLI passes them with higher precedence.
 */
export const CDK_JSON_CONTEXT: Readonly<Record<string, unknown>> = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;
