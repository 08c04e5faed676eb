import { fileURLToPath } from 'node:url';

/** The repository root: where `functions/`, `package-lock.json` and `cdk.json` live. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
