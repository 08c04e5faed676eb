import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  describeRef,
  functionNamed,
  logicalId,
  resourceListOf,
  type Statement,
  type Synthesized,
  statementsByFunction,
  synth,
} from './support/synth.ts';

/**
 * A case a court or an institute opens is checked for duplicate filings (issue 22): the partner callback may
 * compute the MAC with the duplicate key (and learns its ARN) and may write the markers (`DUPKEY#…`) and the
 * review pairs (`DUPLICATES#…`) with the case, still by leading key; the reminder acknowledgement, the other
 * case-items writer, computes no MAC.
 */

let s: Synthesized;
let statements: Map<string, Statement[]>;
let cases: string;
let duplicateKey: string;
beforeAll(() => {
  s = synth('dev');
  statements = statementsByFunction(s.statelessTemplate);
  cases = `${logicalId(s.stateful.casesTable)}.Arn`;
  duplicateKey = `${logicalId(s.stateful.sealingKeys.duplicateKey)}.Arn`;
  // Synthesis with bundling takes minutes on a loaded machine.
}, 600_000);
afterAll(() => s?.cleanup());

const of = (name: string) => statements.get(`ldm-dev-${name}`) ?? [];
const on = (name: string, resource: string) =>
  of(name).filter((st) => resourceListOf(st).some((r) => describeRef(r, s.statefulTemplate) === resource));
const leadingKeys = (st: Statement) =>
  Object.values(st.Condition ?? {}).flatMap((c) =>
    [(c as Record<string, unknown>)['dynamodb:LeadingKeys'] ?? []].flat(),
  );

describe('duplicate filings checked at a partner opening', () => {
  it('lets the partner callback compute the MAC, and not the reminder acknowledgement', () => {
    expect(on('http-partner-callback', duplicateKey).flatMap(actionsOf)).toEqual(['kms:GenerateMac']);
    const env = functionNamed(s.statelessTemplate, 'ldm-dev-http-partner-callback').props.Environment
      .Variables;
    expect(describeRef(env.DUPLICATE_KEY_ARN, s.statefulTemplate)).toBe(duplicateKey);
    expect(on('http-ack-reminder', duplicateKey)).toEqual([]);
  });

  it('lets the partner callback write markers and review pairs, by leading key', () => {
    const writes = on('http-partner-callback', cases).filter((st) =>
      actionsOf(st).includes('dynamodb:PutItem'),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const st of writes)
      expect(leadingKeys(st)).toEqual(expect.arrayContaining(['DUPKEY#*', 'DUPLICATES#*']));
  });
});
