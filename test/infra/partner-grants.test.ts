import { beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_LISTING_INDEX } from '../../functions/adapters/partners/partner-store.ts';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, functionNamed, type Statement } from './support/synth.ts';

/**
 * Grants per function where the review found them broader than used: the callback and the reminder
 * acknowledgement write case items only (never the calendar or the post directory), the posts listing reads
 * the post directory only (never a case), and the action function names partners from the listing index
 * without reading a partner's secrets. These tests failed before the grants were narrowed.
 */

const dev = devStage();
let cases: string;
let partners: string;
let duplicateKey: string;
beforeAll(() => {
  cases = dev.arnOf(dev.s.stateful.casesTable);
  partners = dev.arnOf(dev.s.stateful.partnerTable);
  duplicateKey = dev.arnOf(dev.s.stateful.sealingKeys.duplicateKey);
});

const WRITES = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|ConditionCheckItem)$/;
const of = (name: string) => {
  const found = dev.statements.get(`ldm-dev-${name}`);
  if (!found) throw new Error(`no function ldm-dev-${name}`);
  return found;
};
const resources = (st: Statement) => dev.resourcesNamed(st);
const onTable = (name: string, table: string) =>
  of(name).filter((st) => resources(st).some((r) => r === table || r.startsWith(`${table}/index/`)));
const leadingKeys = (st: Statement): { op: string; keys: string[] } | null => {
  for (const [op, condition] of Object.entries(st.Condition ?? {})) {
    const keys = (condition as Record<string, unknown>)['dynamodb:LeadingKeys'];
    if (keys) return { op, keys: [keys].flat() as string[] };
  }
  return null;
};

describe('writes to the cases table, per item kind', () => {
  it.each(['http-partner-callback', 'http-ack-reminder'])(
    '%s writes only case partitions (CASE#…, COUNTER#…, EMPLOYER#…), never the calendar or the post directory',
    (name) => {
      const writes = onTable(name, cases).filter((st) => actionsOf(st).some((a) => WRITES.test(a)));
      expect(writes.length).toBeGreaterThan(0);
      for (const st of writes) {
        expect(leadingKeys(st), JSON.stringify(st)).toEqual({
          op: 'ForAllValues:StringLike',
          keys: expect.arrayContaining(['CASE#*']),
        });
        const keys = leadingKeys(st)?.keys ?? [];
        // EMPLOYER#…: a bureau's monitoring.signal callback writes the employer's partition.
        // DUPKEY#… and DUPLICATES#…: a partner-opened case's duplicate markers and review pairs.
        for (const key of keys) expect(key).toMatch(/^(CASE|COUNTER|EMPLOYER|DUPKEY|DUPLICATES)#\*$/);
        // A table-level grant only: an index cannot be written.
        expect(resources(st)).toEqual([cases]);
      }
      const unconditioned = onTable(name, cases).filter((st) => leadingKeys(st) === null);
      expect(unconditioned.flatMap(actionsOf).filter((a) => WRITES.test(a))).toEqual([]);
    },
  );
});

describe('the posts listing', () => {
  it('reads the post directory partition alone, with no index and no case', () => {
    const reads = onTable('http-list-posts', cases);
    expect(reads.length).toBeGreaterThan(0);
    for (const st of reads) {
      expect(leadingKeys(st)).toEqual({ op: 'ForAllValues:StringEquals', keys: ['DIRECTORY#POSTS'] });
      expect(resources(st)).toEqual([cases]);
      expect(actionsOf(st).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    }
  });
});

describe('the partner table', () => {
  it('is read whole (secrets) by the callback, the partner queue consumers and the warning dispositions only', () => {
    const getters = [...dev.statements]
      .filter(([, sts]) =>
        sts.some((st) => resources(st).includes(partners) && actionsOf(st).includes('dynamodb:GetItem')),
      )
      .map(([name]) => name)
      .sort();
    expect(getters).toEqual([
      'ldm-dev-http-partner-callback',
      'ldm-dev-queue-arbitration',
      'ldm-dev-queue-court',
      // Signs the disposition webhooks to the monitoring partners with their outbound secrets.
      'ldm-dev-warning-dispositions',
    ]);
  });

  it('is only queried through its listing index by the action function (a partner exists, no secrets)', () => {
    const onPartners = onTable('http-apply-action', partners);
    expect(onPartners.flatMap(actionsOf)).toEqual(['dynamodb:Query']);
    expect(onPartners.flatMap(resources)).toEqual([`${partners}/index/${PARTNER_LISTING_INDEX}`]);
  });
});

/**
 * A case a court or an institute opens is checked for duplicate filings (issue 22): the partner callback may
 * compute the MAC with the duplicate key (and learns its ARN) and may write the markers (`DUPKEY#…`) and the
 * review pairs (`DUPLICATES#…`) with the case, still by leading key; the reminder acknowledgement, the other
 * case-items writer, computes no MAC.
 */
describe('duplicate filings checked at a partner opening', () => {
  const on = (name: string, resource: string) => of(name).filter((st) => resources(st).includes(resource));

  it('lets the partner callback compute the MAC, and not the reminder acknowledgement', () => {
    expect(on('http-partner-callback', duplicateKey).flatMap(actionsOf)).toEqual(['kms:GenerateMac']);
    const env = functionNamed(dev.s.statelessTemplate, 'ldm-dev-http-partner-callback').props.Environment
      .Variables;
    expect(dev.ref(env.DUPLICATE_KEY_ARN)).toBe(duplicateKey);
    expect(on('http-ack-reminder', duplicateKey)).toEqual([]);
  });

  it('lets the partner callback write markers and review pairs, by leading key', () => {
    const writes = on('http-partner-callback', cases).filter((st) =>
      actionsOf(st).includes('dynamodb:PutItem'),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const st of writes)
      expect(leadingKeys(st)?.keys).toEqual(expect.arrayContaining(['DUPKEY#*', 'DUPLICATES#*']));
  });
});
