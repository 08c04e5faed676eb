import { describe, expect, it } from 'vitest';
import { canonicalJson, fromHex } from '../../domain/audit/canonical.ts';
import { type ChainLink, chainItems, GENESIS, linkHash, verifyChain } from '../../domain/audit/chain.ts';
import { inclusionProof, leafHash, treeHash, verifyInclusion } from '../../domain/audit/merkle.ts';
import { sha256 } from '../../functions/adapters/audit/sha256.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 'x', y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"z":"x"}]},"b":1}',
    );
  });
  it('writes bytes as hex and sets sorted', () => {
    expect(canonicalJson({ k: Uint8Array.of(1, 255), s: new Set(['b', 'a']) })).toBe(
      '{"k":{"$bytes":"01ff"},"s":["a","b"]}',
    );
  });
});

describe('the hash chain', () => {
  const events = () => [
    { caseId: 'c1', version: 1, seq: 0, type: 'CASE_FILED', at: '2026-01-05T01:00:00Z' },
    { caseId: 'c1', version: 2, seq: 0, type: 'MEDIATOR_ASSIGNED', mediatorId: 'wang.li' },
    { caseId: 'c1', version: 3, seq: 0, type: 'MEDIATION_STARTED' },
  ];
  const links = (items: Record<string, unknown>[]): ChainLink[] =>
    items.map((item) => ({ name: `version ${item.version}`, version: item.version as number, item }));

  it('hashes SHA-256(previous ‖ canonical event), the first after GENESIS', () => {
    const first = events()[0] as Record<string, unknown>;
    const expected = sha256(
      new Uint8Array([...fromHex(GENESIS), ...new TextEncoder().encode(canonicalJson(first))]),
    );
    expect(linkHash(sha256, GENESIS, first)).toBe(Buffer.from(expected).toString('hex'));
  });

  it('verifies a chain it wrote, and gives the head after each version', () => {
    const items = events();
    const head = chainItems(sha256, GENESIS, items);
    const check = verifyChain(sha256, links(items));
    expect(check).toMatchObject({ ok: true, head });
    expect(check.ok && check.heads.get(3)).toBe(head);
  });

  it('names the event that was edited', () => {
    const items = events();
    chainItems(sha256, GENESIS, items);
    (items[1] as Record<string, unknown>).mediatorId = 'li.ming';
    expect(verifyChain(sha256, links(items))).toMatchObject({ ok: false, broken: 'version 2' });
  });

  it('takes events stored before the chain as its start, and refuses a hash removed after it', () => {
    const items = events();
    const legacyHead = linkHash(sha256, GENESIS, items[0] as Record<string, unknown>);
    chainItems(sha256, legacyHead, items.slice(1));
    expect(verifyChain(sha256, links(items)).ok).toBe(true);
    delete (items[2] as Record<string, unknown>).hash;
    expect(verifyChain(sha256, links(items))).toMatchObject({ ok: false, broken: 'version 3' });
  });
});

describe('Merkle trees (RFC 6962)', () => {
  // The Certificate Transparency reference test vectors (RFC 6962 §2.1 hashing).
  const inputs = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ];
  const leaves = inputs.map((hex) => leafHash(sha256, fromHex(hex)));

  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes (the reference roots)', () => {
    expect(treeHash(sha256, [])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(treeHash(sha256, leaves.slice(0, 1))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(treeHash(sha256, leaves)).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('proves every leaf of every tree size up to 20, and no other leaf or index', () => {
    const many = Array.from({ length: 20 }, (_, i) => leafHash(sha256, Uint8Array.of(i)));
    for (let size = 1; size <= many.length; size++) {
      const tree = many.slice(0, size);
      const root = treeHash(sha256, tree);
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(sha256, tree, i);
        expect(verifyInclusion(sha256, tree[i] as string, i, size, proof, root)).toBe(true);
        if (size > 1) {
          expect(verifyInclusion(sha256, tree[(i + 1) % size] as string, i, size, proof, root)).toBe(false);
        }
      }
    }
  });
});
