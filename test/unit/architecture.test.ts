import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The shape the code keeps as it grows: no import cycles, small files, a domain in feature folders. */

const PRODUCTION = ['domain', 'functions', 'infra'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Relative imports (type-only ones too: a cycle of types is a cycle of concepts), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) =>
    normalize(join(dirname(file), m[1] as string)),
  );
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const BUILTIN = new Set(builtinModules);
const FORBIDDEN_IN_DOMAIN = [
  /^@aws-sdk\//,
  /^aws-/,
  /^@aws-lambda-powertools\//,
  /^@middy\//,
  /^node:/,
  /\/(functions|infra)\//,
  { test: (spec: string) => BUILTIN.has(spec.split('/')[0] as string) },
];

describe('domain/ stays pure', () => {
  it('imports nothing from AWS, Node I/O, functions/ or infra/', () => {
    const offending = sources('domain').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1] as string)
        .filter((spec) => FORBIDDEN_IN_DOMAIN.some((pattern) => pattern.test(spec)))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(sources('domain').length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});

describe('architecture', () => {
  const files = PRODUCTION.flatMap(sources);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('the cycle check finds a cycle when there is one', () => {
    const withCycle = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(withCycle)).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle among production modules', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });

  it('resolves every relative import to a file that exists', () => {
    const known = new Set(files);
    const dangling = [...graph].flatMap(([file, deps]) =>
      deps
        .filter((d) => PRODUCTION.some((p) => d.startsWith(`${p}/`)) && !known.has(d))
        .map((d) => `${file} → ${d}`),
    );
    expect(dangling).toEqual([]);
  });

  it('keeps production files to about 300 lines', () => {
    const long = files
      .map((f) => ({ f, lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 310)
      .map(({ f, lines }) => `${f}: ${lines}`);
    expect(long).toEqual([]);
  });

  it('organises domain/ in feature folders', () => {
    const loose = readdirSync('domain', { withFileTypes: true }).filter((e) => !e.isDirectory());
    expect(loose.map((e) => e.name)).toEqual([]);
    const folders = readdirSync('domain', { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).sort()).toEqual(
      expect.arrayContaining(['case', 'clocks', 'handoffs', 'lifecycle', 'shared']),
    );
  });

  it('lets domain/shared depend on nothing else in the domain', () => {
    const outward = [...graph]
      .filter(([file]) => file.startsWith('domain/shared/'))
      .flatMap(([file, deps]) =>
        deps
          .filter((d) => d.startsWith('domain/') && !d.startsWith('domain/shared/'))
          .map((d) => `${file} → ${d}`),
      );
    expect(outward).toEqual([]);
  });
});
