import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatted, generateSchema, SCHEMA_FILE } from '../../clients/typescript/generate.ts';
import { HTTP_FUNCTIONS } from '../../functions/catalogue.ts';

describe('the typed client (clients/typescript)', () => {
  it('carries the types of the document as it is now (run `npm run clients` after changing the API)', async () => {
    const fresh = formatted(await generateSchema()).split('\n');
    const committed = readFileSync(SCHEMA_FILE, 'utf8').split('\n');
    // The first line that differs, rather than a diff of two thousand lines.
    const at = fresh.findIndex((line, i) => line !== committed[i]);
    const first = at === -1 && fresh.length === committed.length ? null : Math.max(at, 0);
    expect(
      first === null ? null : { line: first + 1, committed: committed[first], fresh: fresh[first] },
      'clients/typescript/schema.ts is stale: run `npm run clients`',
    ).toBeNull();
  }, 20_000);

  it('types every route of the catalogue', () => {
    const schema = readFileSync(SCHEMA_FILE, 'utf8');
    for (const { trigger } of HTTP_FUNCTIONS) {
      expect(schema, trigger.path).toContain(`'${trigger.path}': {`);
    }
  });
});
