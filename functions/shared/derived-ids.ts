import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a name (SHA-256, version 8 and the RFC 9562 variant set): the same name
 * gives the same id. A case a partner opens takes the id of `<kind>/<partner>/<reference>`, so a second
 * opening with the same reference finds the first case instead of making another.
 */
export function nameBasedId(name: string): string {
  const bytes = createHash('sha256').update(`ldm-case\n${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
