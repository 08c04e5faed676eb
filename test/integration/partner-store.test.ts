import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type DocumentSender,
  DynamoPartnerStore,
  partnerKey,
} from '../../functions/adapters/partners/partner-store.ts';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import { verifyCallback } from '../../functions/callbacks/signature.ts';
import { newWebhookSecret } from '../../infra/local/partner-settings.ts';
import { seedPartnerTable } from '../../infra/local/partner-table.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/ports.ts';

/** The partner table on DynamoDB Local: one item per partner, read one at a time, listed without secrets. */

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});
const doc = DynamoDBDocumentClient.from(client);
const tableName = `partners-${randomUUID()}`;
const secret = newWebhookSecret();
/** What the partners sign their callbacks with: never the secret our webhooks to them are signed with. */
const callbackSecret = newWebhookSecret();
const partner = (kind: Partner['kind'], id: string): Partner => ({
  kind,
  id,
  name: `${kind} ${id}`,
  endpoint: `https://${id}.example.org/webhooks`,
  secrets: [secret],
  callbackSecrets: [callbackSecret],
});

/** Standard Webhooks headers over `body`, signed with `key`. */
function signedCallback(key: string, body: string) {
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, now, body),
  };
}

/** Counts the calls a store makes, to show what is read and how often. */
function counted() {
  const calls: string[] = [];
  const sender = {
    send: (command: Parameters<DocumentSender['send']>[0]): Promise<unknown> => {
      calls.push(command.constructor.name);
      return doc.send(command as never);
    },
  };
  return { calls, sender };
}

beforeAll(async () => {
  const courts = Array.from({ length: 120 }, (_, i) =>
    partner('COURT', `court-${String(i).padStart(3, '0')}`),
  );
  await seedPartnerTable(client, tableName, {
    partners: [...courts, partner('ARBITRATION', 'qd-arbitration'), partner('ARBITRATION', 'shared-id')],
  });
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...partner('COURT', 'shared-id'),
        ...partnerKey('COURT', 'shared-id'),
        secrets: ['not-a-secret'],
      },
    }),
  );
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...partnerKey('COURT', 'plain'),
        ...partner('COURT', 'plain'),
        endpoint: 'http://plain.example.org/',
      },
    }),
  );
});
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

describe('the partner store', () => {
  it('finds one partner by kind and id with a GetItem, and caches it (a miss too) for the TTL', async () => {
    let now = 1_000;
    const { calls, sender } = counted();
    const store = new DynamoPartnerStore(sender, tableName, {
      ttlMs: 300_000,
      allowHttp: false,
      now: () => now,
    });
    expect(await store.find('COURT', 'court-007')).toEqual(partner('COURT', 'court-007'));
    expect(await store.find('ARBITRATION', 'court-007')).toBeNull();
    expect(await store.find('COURT', 'court-007')).toEqual(partner('COURT', 'court-007'));
    expect(await store.find('ARBITRATION', 'court-007')).toBeNull();
    expect(calls).toEqual(['GetCommand', 'GetCommand']);
    now += 300_001;
    await store.find('COURT', 'court-007');
    expect(calls).toEqual(['GetCommand', 'GetCommand', 'GetCommand']);
  });

  it('treats an invalid item or a plain-http endpoint as absent, and reports it', async () => {
    const problems: string[] = [];
    const store = new DynamoPartnerStore(doc, tableName, {
      ttlMs: 0,
      allowHttp: false,
      onProblem: (p) => problems.push(p),
    });
    expect(await store.find('COURT', 'shared-id')).toBeNull();
    expect(await store.find('COURT', 'plain')).toBeNull();
    expect(await store.find('ARBITRATION', 'shared-id')).not.toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/COURT#shared-id left out: invalid secrets/),
      expect.stringMatching(/COURT#plain left out: endpoint must be https/),
    ]);
  });

  it('keeps the last good copy of a partner when the table cannot be read', async () => {
    let fail = false;
    const sender = {
      send: (command: Parameters<DocumentSender['send']>[0]): Promise<unknown> =>
        fail ? Promise.reject(new Error('throttled')) : doc.send(command as never),
    };
    const store = new DynamoPartnerStore(sender, tableName, { ttlMs: 0, allowHttp: false });
    expect(await store.find('COURT', 'court-001')).not.toBeNull();
    fail = true;
    expect(await store.find('COURT', 'court-001')).not.toBeNull();
    await expect(store.find('COURT', 'court-002')).rejects.toThrow('throttled');
  });

  it('lists kind, id and name from the listing index, every page, and never an endpoint or secret', async () => {
    const { calls, sender } = counted();
    const store = new DynamoPartnerStore(sender, tableName, { ttlMs: 0, allowHttp: false });
    const courts = await store.list('COURT');
    expect(courts).toHaveLength(122);
    for (const listing of courts) expect(Object.keys(listing).sort()).toEqual(['id', 'kind', 'name']);
    expect(courts[0]).toEqual({ kind: 'COURT', id: 'court-000', name: 'COURT court-000' });
    expect(calls.every((c) => c === 'QueryCommand')).toBe(true);
    const all = await store.list();
    expect(all.filter((p) => p.kind === 'ARBITRATION').map((p) => p.id)).toEqual([
      'qd-arbitration',
      'shared-id',
    ]);
  });

  it('verifies a callback with the inbound secrets of the partner the path names, read from the store', async () => {
    const store = new DynamoPartnerStore(doc, tableName, { ttlMs: 0, allowHttp: false });
    const body = JSON.stringify({ type: 'x' });
    const headers = signedCallback(callbackSecret, body);
    // `shared-id` is valid only as an arbitration commission: that is who signed.
    expect(await verifyCallback(store, 'shared-id', body, headers)).toEqual({
      kind: 'ARBITRATION',
      id: 'shared-id',
      posts: [],
    });
    await expect(verifyCallback(store, 'nobody', body, headers)).rejects.toThrow();
    await expect(
      verifyCallback(store, 'court-001', body, signedCallback(newWebhookSecret(), body)),
    ).rejects.toThrow();
  });

  it('refuses a callback signed with the outbound secret, the one our webhooks to the partner carry', async () => {
    // Failed before the fix: one secret signed both ways, so whoever read a webhook could forge a callback.
    const store = new DynamoPartnerStore(doc, tableName, { ttlMs: 0, allowHttp: false });
    const body = JSON.stringify({ type: 'x' });
    await expect(verifyCallback(store, 'court-001', body, signedCallback(secret, body))).rejects.toThrow(
      'did not verify',
    );
    expect(await verifyCallback(store, 'court-001', body, signedCallback(callbackSecret, body))).toEqual({
      kind: 'COURT',
      id: 'court-001',
      posts: [],
    });
  });

  it('answers whether a partner exists from the listing index, never reading its secrets', async () => {
    const { calls, sender } = counted();
    const store = new DynamoPartnerStore(sender, tableName, { ttlMs: 300_000, allowHttp: false });
    expect(await store.listed('COURT', 'court-007')).toEqual({
      kind: 'COURT',
      id: 'court-007',
      name: 'COURT court-007',
    });
    expect(await store.listed('ARBITRATION', 'court-007')).toBeNull();
    expect(await store.listed('COURT', 'court-007')).not.toBeNull();
    expect(calls).toEqual(['QueryCommand', 'QueryCommand']);
  });

  it('remembers unknown partners up to a bound, the oldest forgotten first', async () => {
    // Failed before the fix: every unknown id a caller made up stayed in the cache for the TTL.
    const { calls, sender } = counted();
    const store = new DynamoPartnerStore(sender, tableName, {
      ttlMs: 300_000,
      allowHttp: false,
      maxCached: 3,
    });
    for (const id of ['x-1', 'x-2', 'x-3', 'x-1', 'x-4']) expect(await store.find('COURT', id)).toBeNull();
    // x-1 was used again before x-4 came, so x-2 is the one forgotten.
    expect(calls).toHaveLength(4);
    expect(store.cached).toBe(3);
    await store.find('COURT', 'x-1');
    expect(calls).toHaveLength(4);
    await store.find('COURT', 'x-2');
    expect(calls).toHaveLength(5);
    for (let i = 0; i < 50; i += 1) await store.listed('COURT', `y-${i}`);
    expect(store.cached).toBeLessThanOrEqual(3);
  });
});
