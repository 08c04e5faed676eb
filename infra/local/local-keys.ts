import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local stand-ins for the KMS keys (no KMS emulator exists): the AES key that wraps the data keys of
 * sealed fields and the HMAC key of duplicate filings. Generated per run; with `--persist` (a data dir)
 * kept beside the DynamoDB data, so sealed values stay readable and duplicates found across restarts.
 */
export interface LocalKeys {
  readonly sealing: string;
  readonly duplicate: string;
}

const FILE = 'ldm-local-keys.json';

export function localKeys(dataDir?: string): LocalKeys {
  const fresh = (): LocalKeys => ({
    sealing: randomBytes(32).toString('base64'),
    duplicate: randomBytes(32).toString('base64'),
  });
  if (!dataDir) return fresh();
  const path = join(dataDir, FILE);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as LocalKeys;
  const keys = fresh();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
