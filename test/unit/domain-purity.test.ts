import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BUILTIN = new Set(builtinModules);
const FORBIDDEN = [
  /^@aws-sdk\//,
  /^aws-/,
  /^@aws-lambda-powertools\//,
  /^@middy\//,
  /^node:/,
  /\/(functions|infra)\//,
  { test: (spec: string) => BUILTIN.has(spec.split('/')[0] as string) },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('domain/ stays pure', () => {
  it('imports nothing from AWS, Node I/O, functions/ or infra/', () => {
    const offending = sources('domain').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1] as string)
        .filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(sources('domain').length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});
