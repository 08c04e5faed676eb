import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withDiagram } from '../../infra/tools/readme-diagram.ts';

describe('README', () => {
  it('shows the lifecycle diagram generated from the state table (run `npm run docs` after changing it)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('ASSIGN_MEDIATOR');
    expect(withDiagram(readme)).toBe(readme);
  });
});
