import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is in the lockfile (npm's own range rules, through aws-cdk-lib and others) but ships no types.
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  subset(sub: string, dom: string): boolean;
  minVersion(range: string): { version: string } | null;
};

interface LockPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockPackage>;
};
const readme = readFileSync('README.md', 'utf8');

const nodeRange = (p: LockPackage) =>
  Array.isArray(p.engines) ? undefined : (p.engines as { node?: string })?.node;

describe('the Node version npm installs with', () => {
  const engines = pkg.engines.node;

  it('is the one the README states: its minimum and its range', () => {
    expect(readme).toContain(`\`engines\`: \`${engines}\``);
    const stated = readme.match(/Node\.js (\d+\.\d+\.\d+) or later/)?.[1];
    expect(stated).toBe(semver.minVersion(engines)?.version);
  });

  it('satisfies every installed package, so npm prints no EBADENGINE on any version it admits', () => {
    const minimum = semver.minVersion(engines)?.version ?? '';
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '') // the project itself
      .flatMap(([path, p]) => {
        const range = nodeRange(p);
        if (!range) return [];
        // The minimum alone is not enough: vitest admits 22 and 24 but not 25.
        return semver.satisfies(minimum, range) && semver.subset(engines, range)
          ? []
          : [`${path} wants node ${range}`];
      });
    expect(refusing).toEqual([]);
  });

  it('admits the Node the project pins to run its scripts, and the lockfile agrees with package.json', () => {
    const pinned = lock.packages['node_modules/node']?.version ?? '';
    expect(semver.satisfies(pinned, engines), `pinned node ${pinned}`).toBe(true);
    expect(nodeRange(lock.packages[''] ?? {})).toBe(engines);
  });
});
