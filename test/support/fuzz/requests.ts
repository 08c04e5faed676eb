import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { PARTNER_EVENT_TYPES } from '../../../domain/callbacks/events.ts';
import { shanghaiDate } from '../../../domain/clocks/legal-time.ts';
import { DEFAULT_RULES } from '../../../domain/warnings/rules.ts';
import { agreement, intake, OTHER_POST, POST, residentId } from '../fixtures.ts';

/**
 * Generators for the HTTP-edge fuzz (test/e2e/fuzz.test.ts): whole requests — route, path parameters,
 * query, headers and body — built from valid inputs mutated field by field and from hostile ones (deep
 * nesting, bodies at the 64 KB limit, junk, wrong content types, tampered cursors, odd If-Match and
 * Idempotency-Key values), and for partner callbacks Standard Webhooks headers that are missing, forged,
 * stale or correct (signed with the simulated partners' secret over whatever body was generated). Every
 * request carries labels that say how it was made, so a failure can be grouped and reproduced.
 */

export type HeaderValue = string | readonly string[];

export interface FuzzRequest {
  /** The route key it aims at (`POST /cases/{caseId}/actions`), or `<METHOD> <template> (wrong method)`. */
  readonly route: string;
  readonly method: string;
  /** Path and query, sent byte for byte. */
  readonly path: string;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly body?: Buffer;
  /** How each part was generated: auth, key, body, content type, path and query variants. */
  readonly labels: Readonly<
    Record<'auth' | 'key' | 'body' | 'contentType' | 'path' | 'query' | 'ifMatch' | 'signature', string>
  >;
}

export const AUTH_LABELS = [
  'mediator',
  'supervisor',
  'admin',
  'outsider',
  'none',
  'garbage',
  'wrong-role',
  'wrong-post',
  'expired',
  'empty-sub',
] as const;
export type AuthLabel = (typeof AUTH_LABELS)[number];

/** What the generators draw on: tokens and the real records the stack holds before the fuzz starts. */
export interface FuzzWorld {
  /** `Authorization` header values per label (`undefined`: no header). */
  readonly auth: Readonly<Record<AuthLabel, readonly (string | undefined)[]>>;
  /** Cases of POST (the mediator's and supervisor's post), in several states. */
  readonly cases: readonly string[];
  /** A case of OTHER_POST. */
  readonly foreignCase: string;
  /** Real handoff ids (one that fails, one that is delivered). */
  readonly handoffs: readonly string[];
  /** Real `nextCursor`s (of /cases, of a history and of /posts). */
  readonly cursors: readonly string[];
  /** When the world was set up: a `heldAt` that is neither in the future nor before filing. */
  readonly now: string;
  /** The registered (simulated) partners' ids: the court's, then the institute's. */
  readonly partners: readonly string[];
  /** The secret every simulated partner signs with (the local stack's LOCAL_PARTNER_SECRET). */
  readonly partnerSecret: string;
  /** Cases handed to a partner and waiting for its decision: one with the institute, one with the court. */
  readonly partnerCases: readonly string[];
  /** Union posts in the directory. */
  readonly posts: readonly string[];
  /** Consultations of POST: one advised (a case may be opened from it), one that opened a case. */
  readonly consultations?: readonly string[];
}

export const ROUTE_KEYS = [
  'GET /health',
  'GET /openapi.json',
  'GET /docs',
  'POST /cases',
  'GET /cases',
  'GET /cases/{caseId}',
  'POST /cases/{caseId}/actions',
  'GET /cases/{caseId}/history',
  'GET /cases/{caseId}/handoffs',
  'POST /handoffs/{handoffId}/retry',
  'POST /dead-letters/{kind}/redrive',
  'GET /calendar/{year}',
  'PUT /calendar/{year}',
  'GET /partners',
  'GET /posts',
  'PUT /posts/{postId}',
  'GET /reminders',
  'POST /reminders/{reminderId}/ack',
  'POST /partners/{partnerId}/callbacks',
  'POST /consultations',
  'GET /consultations',
  'GET /consultations/{consultationId}',
  'POST /consultations/{consultationId}/case',
  'GET /stats',
  'POST /reports/{month}',
  'GET /reports/{month}',
  'GET /warnings',
  'GET /warnings/{warningId}',
  'POST /warnings/{warningId}/actions',
  'GET /disposition-reports',
  'POST /disposition-reports/{reportId}/resend',
  'GET /employers/{creditCode}/risk',
  'GET /warning-rules',
  'PUT /warning-rules',
  'PUT /districts/{district}',
  'POST /cases/{caseId}/reveal',
  'GET /duplicates',
  'POST /duplicates/{pairId}',
  'GET /cases/{caseId}/access-log',
  'GET /cases/{caseId}/proof',
] as const;
export type RouteKey = (typeof ROUTE_KEYS)[number];

/** Routes whose 2xx is a document rather than JSON (the reference page, its script and styles). */
export const DOCUMENT_ROUTES: readonly string[] = ['GET /docs'];

/** The route partners call back on: signed, not authorised. */
export const CALLBACK_ROUTE = 'POST /partners/{partnerId}/callbacks' satisfies RouteKey;

const IDEMPOTENT_ROUTES: readonly RouteKey[] = [
  'POST /cases',
  'POST /cases/{caseId}/actions',
  'POST /handoffs/{handoffId}/retry',
  'POST /consultations',
  'POST /consultations/{consultationId}/case',
  'POST /warnings/{warningId}/actions',
  'POST /disposition-reports/{reportId}/resend',
];

interface Labelled<T> {
  readonly label: string;
  readonly value: T;
}
const labelled =
  (label: string) =>
  <T>(value: T): Labelled<T> => ({ label, value });
const tag = <T>(label: string, arb: fc.Arbitrary<T>) => arb.map(labelled(label));

/** A string as Node receives a UTF-8 header: its bytes, one latin-1 character each. */
const asHeaderBytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

const safeEncode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return 'x%ED%A0%80'; // a lone surrogate, as UTF-8 bytes
  }
};

// ---------------------------------------------------------------------------------------------------------
// Headers

export const authArb = (world: FuzzWorld, only?: AuthLabel): fc.Arbitrary<Labelled<string | undefined>> => {
  const labels = only ? [only] : AUTH_LABELS;
  return fc.oneof(
    ...labels.map((label) => ({
      // The three real roles most often; the refusals still get their share.
      weight: ['mediator', 'supervisor', 'admin'].includes(label) ? 4 : 1,
      arbitrary: tag(label, fc.constantFrom(...world.auth[label])),
    })),
  );
};

const KEY_SHAPES = [
  'none',
  'uuid',
  'reused',
  'empty',
  'long',
  'non-ascii',
  'odd-ascii',
  'duplicate',
] as const;
export type KeyShape = (typeof KEY_SHAPES)[number];

export const keyArb = (only?: KeyShape): fc.Arbitrary<Labelled<HeaderValue | undefined>> => {
  const all: Record<KeyShape, fc.Arbitrary<Labelled<HeaderValue | undefined>>> = {
    none: fc.constant({ label: 'none', value: undefined }),
    uuid: tag('uuid', fc.uuid()),
    // Shared by many requests: replays, bodies that differ (422) and overlapping requests (409).
    reused: tag('reused', fc.constantFrom('fuzz-key-1', 'fuzz-key-2')),
    empty: tag('empty', fc.constantFrom('', ' ')),
    long: fc.constantFrom(255, 256, 1000, 4096).map((n) => ({ label: `long(${n})`, value: 'k'.repeat(n) })),
    'non-ascii': tag(
      'non-ascii',
      fc
        .oneof(
          fc.constantFrom('密钥-0001', 'ключ', '🔑-key', 'clé', 'ＫＥＹ'),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        )
        .map(asHeaderBytes),
    ),
    'odd-ascii': tag(
      'odd-ascii',
      fc.constantFrom('a b', '\tkey\t', 'a\tb', '"quoted"', '*', 'a,b', '%00', '{}'),
    ),
    duplicate: tag(
      'duplicate',
      fc.tuple(fc.uuid(), fc.uuid()).map(([a, b]) => [a, b] as readonly string[]),
    ),
  };
  if (only) return all[only];
  return fc.oneof(
    { weight: 8, arbitrary: all.none },
    { weight: 4, arbitrary: all.uuid },
    { weight: 2, arbitrary: all.reused },
    { weight: 1, arbitrary: all.empty },
    { weight: 1, arbitrary: all.long },
    { weight: 1, arbitrary: all['non-ascii'] },
    { weight: 1, arbitrary: all['odd-ascii'] },
    { weight: 1, arbitrary: all.duplicate },
  );
};

export const KEY_SHAPE_LIST = KEY_SHAPES;

const ifMatchArb: fc.Arbitrary<Labelled<string | undefined>> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ label: 'none', value: undefined }) },
  {
    weight: 3,
    arbitrary: tag('etag', fc.constantFrom('"1"', '"2"', '"3"', '"4"', 'W/"1"', 'W/"2"', '2', '*', ' * ')),
  },
  {
    weight: 2,
    arbitrary: tag(
      'odd',
      fc.constantFrom(
        '""',
        '"abc"',
        '"-1"',
        '"0"',
        '"999999999999999"',
        '"9999999999999999"',
        '"1", "2"',
        'W/',
        '"1',
        '1"',
        '   ',
        '"1e3"',
        '"0x10"',
        asHeaderBytes('"١"'),
        asHeaderBytes('"２"'),
        `"${'9'.repeat(300)}"`,
      ),
    ),
  },
  { weight: 1, arbitrary: tag('random', fc.string({ unit: 'grapheme', maxLength: 30 }).map(asHeaderBytes)) },
);

// ---------------------------------------------------------------------------------------------------------
// Partner callback signatures (Standard Webhooks)

export const SIGNING_MODES = [
  'valid',
  'unsigned',
  'garbage',
  'wrong-secret',
  'bad-timestamp',
  'tampered',
  'partial',
  'odd-headers',
  'reused-id',
] as const;
export type SigningMode = (typeof SIGNING_MODES)[number];

/** The webhook headers for a body as the server will read it (the gateway hands the handler UTF-8 text). */
type Signer = (body: string) => Record<string, HeaderValue>;

/** A secret no partner holds. */
const FORGED_SECRET = `whsec_${Buffer.from('not a secret any partner was given!').toString('base64')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const signature = (secret: string, id: string, seconds: number, body: string) =>
  new Webhook(secret).sign(id, new Date(seconds * 1000), body);
const webhookHeaders = (id: string, timestamp: string, sig: HeaderValue): Record<string, HeaderValue> => ({
  'webhook-id': id,
  'webhook-timestamp': timestamp,
  'webhook-signature': sig,
});

/** How a callback is signed: correctly (over exactly what is sent), not at all, or wrongly in one way. */
export function signingArb(world: FuzzWorld, only?: SigningMode): fc.Arbitrary<Labelled<Signer>> {
  const secret = world.partnerSecret;
  const id = fc.uuid().map((u) => `msg_${u}`);
  const signed =
    (signer: string, msgId: string): Signer =>
    (body) => {
      const at = nowSeconds();
      return webhookHeaders(msgId, String(at), signature(signer, msgId, at, body));
    };
  const all: Record<SigningMode, fc.Arbitrary<Signer>> = {
    valid: id.map((msgId) => signed(secret, msgId)),
    unsigned: fc.constant(() => ({})),
    garbage: fc
      .tuple(
        id,
        fc.constantFrom(
          'v1,garbage',
          'v1,',
          '',
          ' ',
          ',',
          'v1a,AAAA',
          `v2,${'A'.repeat(43)}=`,
          `v1,${'A'.repeat(10_000)}`,
          'v1 v1,abc',
          asHeaderBytes('v1,签名'),
        ),
      )
      .map(
        ([msgId, sig]) =>
          () =>
            webhookHeaders(msgId, String(nowSeconds()), sig),
      ),
    'wrong-secret': id.map((msgId) => signed(FORGED_SECRET, msgId)),
    'bad-timestamp': fc
      .tuple(
        id,
        fc.constantFrom(-3600, -301, 301, 3600, -1e9),
        fc.constantFrom('', 'NaN', '1e10', '-1', '99999999999999999999', ' 1', asHeaderBytes('١٢٣')),
        fc.boolean(),
      )
      .map(([msgId, offset, text, numeric]) => (body: string) => {
        // Signed correctly for the timestamp it states: only the time (or its format) is wrong.
        const at = Math.max(0, nowSeconds() + offset);
        const stated = numeric ? String(at) : text;
        return webhookHeaders(msgId, stated, signature(secret, msgId, numeric ? at : nowSeconds(), body));
      }),
    tampered: fc.tuple(id, fc.constantFrom('{}', ' ', 'x')).map(
      ([msgId, change]) =>
        (body: string) =>
          signed(secret, msgId)(change === '{}' ? change : body + change),
    ),
    partial: fc
      .tuple(id, fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature'))
      .map(([msgId, dropped]) => (body: string) => {
        const headers = signed(secret, msgId)(body);
        delete headers[dropped];
        return headers;
      }),
    'odd-headers': fc
      .tuple(id, fc.constantFrom('repeated', 'list', 'long-id', 'non-ascii-id', 'empty-id'))
      .map(([msgId, odd]) => (body: string) => {
        const at = nowSeconds();
        const valid = signature(secret, msgId, at, body);
        if (odd === 'repeated') return webhookHeaders(msgId, String(at), ['v1,garbage', valid]);
        // A space-separated list, as during a rotation: one bad, one good.
        if (odd === 'list') return webhookHeaders(msgId, String(at), `v1,${'B'.repeat(43)}= ${valid}`);
        const other = {
          'long-id': 'm'.repeat(4096),
          'non-ascii-id': asHeaderBytes('消息-1'),
          'empty-id': '',
        }[odd];
        return webhookHeaders(other, String(at), signature(secret, other || 'x', at, body));
      }),
    // Shared by many requests: replays of the same body and the same id with another body (409).
    'reused-id': fc.constantFrom('msg_fuzz_1', 'msg_fuzz_2').map((msgId) => signed(secret, msgId)),
  };
  if (only) return all[only].map(labelled(only));
  return fc.oneof(
    ...SIGNING_MODES.map((mode) => ({
      weight: mode === 'valid' ? 8 : mode === 'reused-id' ? 2 : 1,
      arbitrary: all[mode].map(labelled(mode)),
    })),
  );
}

const JSON_TYPE = 'application/json';
const contentTypeArb = (hasBody: boolean): fc.Arbitrary<Labelled<string | undefined>> =>
  fc.oneof(
    { weight: hasBody ? 12 : 2, arbitrary: fc.constant({ label: 'json', value: JSON_TYPE }) },
    { weight: hasBody ? 1 : 10, arbitrary: fc.constant({ label: 'absent', value: undefined }) },
    {
      weight: 2,
      arbitrary: tag(
        'json-like',
        fc.constantFrom(
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/problem+json',
          'application/vnd.api+json; charset=utf-8',
          'application/json;charset=latin1',
          'application/json ; charset=utf-8',
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: tag(
        'wrong',
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json-seq',
          'application/xml',
          'json',
          '',
          'application/',
          '*/*',
          asHeaderBytes('application/json; charset=中文'),
        ),
      ),
    },
  );

// ---------------------------------------------------------------------------------------------------------
// Bodies

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every node below the root, as a path. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** Object and array nodes (the root too): where an extra field can go. */
function containersOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => containersOf(v, [...prefix, i]))
    : Object.entries(value).flatMap(([k, v]) => containersOf(v, [...prefix, k]));
  return [prefix, ...children];
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

function nodeAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[part as number] : node[String(part)];
  }
  return node;
}

/** A copy of `root` with the node at `path` replaced (or removed when `value` is undefined). */
function withNode(root: Json, path: Path, value: Json | undefined): Json {
  const copy = clone(root);
  const parent = nodeAt(copy, path.slice(0, -1));
  const last = path.at(-1);
  if (parent === null || typeof parent !== 'object' || last === undefined) return copy;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(last as number, 1);
    else parent[last as number] = value;
  } else if (value === undefined) delete parent[String(last)];
  else parent[String(last)] = value;
  return copy;
}

const pathText = (path: Path) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');

const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const DEPTHS = [100, 1000, 3000, 5000] as const;
/** Stands in for a deep value inside a JSON text until the text is built. */
const DEEP_MARK = '\u0000deep\u0000';

/** Values a field should not take: wrong types, edge numbers, huge and odd strings, nested junk. */
const weirdValue: fc.Arbitrary<Labelled<Json>> = fc.oneof(
  tag('wrong-type', fc.constantFrom<Json>(null, true, false, [], {}, [1], { a: 1 }, 0, '', ' ')),
  tag(
    'number',
    fc.constantFrom<Json>(
      -1,
      -0,
      0.5,
      1.5,
      1_250_000.5,
      1e308,
      -1e308,
      5e-324,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 1,
      2 ** 64,
    ),
  ),
  tag(
    'number-as-string',
    fc.constantFrom<Json>('NaN', 'Infinity', '-Infinity', '-1', '1e308', '0x10', '1_000', '１２３', '12.50'),
  ),
  tag(
    'date-ish',
    fc.constantFrom<Json>(
      '2026-02-30',
      '2026-13-01',
      '0000-01-01',
      '9999-12-31',
      '2026-01-01T00:00:00',
      '2026-01-01T25:00:00Z',
      '2026-01-01T00:00:00+14:00',
      '1970-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '2099-01-01T00:00:00Z',
    ),
  ),
  tag(
    'huge-string',
    fc
      .tuple(fc.constantFrom(2001, 4001, 10_001, 60_000), fc.constantFrom('x', '中', '😀', ' '))
      .map(([n, unit]): Json => unit.repeat(n)),
  ),
  tag('unicode', fc.string({ unit: 'grapheme', maxLength: 80 })),
  tag('binary-string', fc.string({ unit: 'binary', maxLength: 40 })),
  tag(
    'special-string',
    fc.constantFrom<Json>(
      '\u0000',
      '\u202e\u0631',
      '\ud800',
      '\udfff\ud800',
      '<script>alert(1)</script>',
      "'; DROP TABLE cases; --",
      `$${'{'}jndi:ldap://x}`,
      '__proto__',
      'constructor',
      '370202199003071234',
      '13812345678',
    ),
  ),
  tag(
    'nested',
    fc.jsonValue({ maxDepth: 4 }).map((v) => v as Json),
  ),
  tag('deep', fc.constant<Json>(DEEP_MARK)),
);

/** JSON text for a value, with any DEEP_MARK string expanded into deep nesting. */
const jsonText = (value: Json, depth: number, deep: 'array' | 'object') =>
  JSON.stringify(value).replaceAll(
    JSON.stringify(DEEP_MARK),
    deep === 'array' ? deepArray(depth) : deepObject(depth),
  );

interface BodyDraft {
  readonly label: string;
  readonly text: string | Buffer;
}

/** A valid body mutated at one node: replaced, removed, or given an extra sibling field. */
const mutatedArb = (valids: readonly Json[]): fc.Arbitrary<BodyDraft> =>
  fc
    .constantFrom(...valids)
    .chain((valid) =>
      fc.record({
        valid: fc.constant(valid),
        op: fc.constantFrom('replace', 'replace', 'delete', 'extra', 'proto'),
        path: fc.constantFrom(...(pathsOf(valid).length > 0 ? pathsOf(valid) : [[]])),
        container: fc.constantFrom(...containersOf(valid)),
        key: fc.oneof(
          fc.constantFrom(
            'extra',
            'favouriteColour',
            '',
            ' ',
            'constructor',
            'toString',
            'a.b',
            '$where',
            '中文',
          ),
          fc.string({ unit: 'grapheme', maxLength: 12 }),
        ),
        value: weirdValue,
        depth: fc.constantFrom(...DEPTHS),
        deep: fc.constantFrom('array' as const, 'object' as const),
      }),
    )
    .map(({ valid, op, path, container, key, value, depth, deep }) => {
      if (op === 'delete') {
        return { label: 'mutated(delete)', text: JSON.stringify(withNode(valid, path, undefined)) };
      }
      if (op === 'proto') {
        // JSON.stringify cannot write an own "__proto__" key; the text can.
        const text = JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true},');
        return { label: 'mutated(__proto__)', text };
      }
      if (op === 'extra') {
        const parent = nodeAt(valid, container);
        const next = Array.isArray(parent)
          ? withNode(valid, [...container, parent.length], value.value)
          : container.length === 0
            ? { ...(valid as Record<string, Json>), [key]: value.value }
            : withNode(valid, container, { ...(parent as Record<string, Json>), [key]: value.value });
        return { label: `mutated(extra ${value.label})`, text: jsonText(next, depth, deep) };
      }
      return {
        label: `mutated(${pathText(path)} = ${value.label})`,
        text: jsonText(withNode(valid, path, value.value), depth, deep),
      };
    })
    .map((d) => ({ ...d, label: d.label.replace(/\[\d+\]/g, '[i]') }));

/** Bodies that are no JSON object: empty, blank, malformed, other JSON values, junk. */
const junkArb: fc.Arbitrary<BodyDraft> = fc.oneof(
  fc.constant({ label: 'empty', text: '' }),
  tag('whitespace', fc.constantFrom(' ', '\n', '\t \r\n', '     \n  ')).map((l) => ({
    label: l.label,
    text: l.value,
  })),
  tag(
    'not-json',
    fc.constantFrom(
      'nope',
      '{"origin": ',
      "{'a':1}",
      'undefined',
      '{"a":1,}',
      '{"amountFen": NaN}',
      '{"a": Infinity}',
      '[1,2',
      '}{',
      '\u0000',
      'null null',
      '{"a":1}{"b":2}',
      '<xml/>',
      'origin=WALK_IN',
      '{"a":"\\ud800"',
      '{"a":"\\x41"}',
      '\ufeff{}',
      '{"a":1}\u0000',
      '//\n{}',
    ),
  ).map((l) => ({ label: l.label, text: l.value })),
  tag(
    'json-non-object',
    fc.constantFrom(
      '[]',
      '[1,2]',
      '"string"',
      '42',
      '-1',
      '1e308',
      '1e999',
      'null',
      'true',
      'false',
      '""',
      '[{}]',
    ),
  ).map((l) => ({ label: l.label, text: l.value })),
  fc.json({ maxDepth: 3 }).map((text) => ({ label: 'random-json', text })),
  fc
    .uint8Array({ minLength: 1, maxLength: 600 })
    .map((b) => ({ label: 'base64-junk', text: Buffer.from(b).toString('base64') })),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => ({ label: 'binary', text: Buffer.from(b) })),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
    .map((text) => ({ label: 'unicode-text', text })),
  fc.constant({
    label: 'invalid-utf8-json',
    text: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  }),
);

/** Deep nesting on its own: `[[[…]]]` and `{"a":{"a":…}}`. */
const deepArb: fc.Arbitrary<BodyDraft> = fc
  .tuple(fc.constantFrom(...DEPTHS), fc.constantFrom('array' as const, 'object' as const))
  .map(([n, shape]) => ({
    label: `deep-${shape}(${n})`,
    text: shape === 'array' ? deepArray(n) : deepObject(n),
  }));

/** A valid body padded to exactly `bytes` bytes with an extra field (so it is refused either way). */
function sized(valid: Json, bytes: number, unit: string): string {
  const base = JSON.stringify({ ...(valid as Record<string, Json>), pad: '' });
  const room = bytes - Buffer.byteLength(base);
  const unitBytes = Buffer.byteLength(unit);
  const pad =
    unit.repeat(Math.max(0, Math.floor(room / unitBytes))) + 'x'.repeat(Math.max(0, room % unitBytes));
  return `${base.slice(0, -2)}${pad}"}`;
}

/** The mediator API's body limit. */
const LIMIT = 64 * 1024;
/** A partner callback's (CALLBACK_MAX_BODY_BYTES in functions/callbacks/partner-callback.ts). */
const CALLBACK_LIMIT = 256 * 1024;
const sizedArb = (valids: readonly Json[], limit = LIMIT): fc.Arbitrary<BodyDraft> =>
  fc
    .tuple(
      fc.constantFrom(...valids),
      fc.constantFrom(limit - 1, limit, limit + 1, 1024 * 1024 + 1),
      fc.constantFrom('x', '中', 'é'),
    )
    .map(([valid, bytes, unit]) => ({ label: `size(${bytes})`, text: sized(valid, bytes, unit) }));

const validArb = (valids: readonly Json[]): fc.Arbitrary<BodyDraft> =>
  fc.constantFrom(...valids).map((v) => ({ label: 'valid', text: JSON.stringify(v) }));

export const BODY_KINDS = ['absent', 'valid', 'mutated', 'junk', 'deep', 'sized', 'envelope'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

interface BodyOptions {
  /** Bodies over this many bytes are refused (413). */
  readonly limit?: number;
  /** Route-specific garbage in the right outer shape (a callback envelope with random parts). */
  readonly envelopes?: fc.Arbitrary<BodyDraft>;
  readonly only?: BodyKind;
}

/** A body for a route that takes one (`valids` non-empty) or does not (bodies are unexpected there). */
const bodyArb = (
  valids: readonly Json[],
  takesBody: boolean,
  options: BodyOptions = {},
): fc.Arbitrary<BodyDraft | undefined> => {
  const absent = fc.constant(undefined);
  if (!takesBody) {
    return fc.oneof(
      { weight: 12, arbitrary: absent },
      { weight: 1, arbitrary: junkArb },
      { weight: 1, arbitrary: deepArb },
      { weight: 1, arbitrary: validArb([{}, { limit: 1 }]) },
    );
  }
  const kinds: Record<BodyKind, { weight: number; arbitrary: fc.Arbitrary<BodyDraft | undefined> }> = {
    absent: { weight: 2, arbitrary: absent },
    valid: { weight: 5, arbitrary: validArb(valids) },
    mutated: { weight: 8, arbitrary: mutatedArb(valids) },
    junk: { weight: 4, arbitrary: junkArb },
    deep: { weight: 2, arbitrary: deepArb },
    sized: { weight: 2, arbitrary: sizedArb(valids, options.limit) },
    envelope: { weight: options.envelopes ? 6 : 0, arbitrary: options.envelopes ?? absent },
  };
  if (options.only) {
    return kinds[options.only === 'envelope' && !options.envelopes ? 'valid' : options.only].arbitrary;
  }
  return fc.oneof(...Object.values(kinds).filter((k) => k.weight > 0));
};

// ---------------------------------------------------------------------------------------------------------
// Valid inputs

function intakes(): Json[] {
  const workers = Array.from({ length: 10 }, (_, i) => ({
    name: `Worker ${i}`,
    idNumber: residentId(`37020219900307${100 + i}`),
    phone: `1381234567${i}`,
  }));
  return [
    intake(),
    intake({ origin: 'COURT_DELEGATED' }),
    intake({ origin: 'ONLINE', platform: 'Meituan' }),
    intake({ postId: POST }),
    intake({ postId: OTHER_POST }),
    // Ten workers with a common claim: a collective dispute with its representatives (LDMAL art. 7).
    intake({ workers, representatives: [0, 1, 2] }),
    intake({ summary: '工资拖欠三个月 — 😀 Ünïcödé' }),
    // The employer's GB/T 4754-2017 section (the fuzzer mutates it into every wrong shape).
    intake({ employer: { ...(intake().employer as object), industry: 'G' } }),
  ] as Json[];
}

/** Consultations as posts record them: walk-in, anonymous hotline, referred, a person employer. */
function consultationBodies(now: string): Json[] {
  const base = {
    channel: 'WALK_IN',
    categories: ['WAGE_ARREARS'],
    newEmploymentForm: false,
    worker: { name: '王芳', idNumber: residentId(), phone: '+86 138 1234 5678' },
    advice: 'Mediation first.',
  };
  return [
    base,
    { ...base, channel: 'HOTLINE_12351', worker: undefined, newEmploymentForm: true, platform: 'Meituan' },
    { ...base, outcome: 'REFERRED_ELSEWHERE', referredTo: 'the labour inspectorate', consultedAt: now },
    {
      ...base,
      employer: { name: '张建国施工队', kind: 'WORK_TEAM', idNumber: residentId('37028119751108433') },
    },
    { ...base, postId: OTHER_POST, categories: ['OVERTIME', 'SOCIAL_INSURANCE', 'OTHER'] },
  ] as Json[];
}

/** What opening a case from a consultation adds: the claims and summary, an origin, workers in full. */
function openingBodies(): Json[] {
  const { claims, summary, workers, employer } = intake();
  const full = { claims, summary, workers, employer };
  return [full, { ...full, origin: 'ONLINE' }, { claims, summary }, { claims }] as Json[];
}

function actions(now: string): Json[] {
  return [
    { action: 'ASSIGN_MEDIATOR', mediatorId: 'mediator-li' },
    { action: 'RECORD_SESSION', heldAt: now, notes: 'Both parties present.' },
    { action: 'EXTEND_MEDIATION', bothPartiesConsent: true, days: 10, basis: 'Both parties agree.' },
    {
      action: 'SIGN_AGREEMENT',
      ...agreement({
        terms: 'Pay by Friday.',
        amountFen: 100,
        performBy: '2099-01-01',
        effectiveOn: shanghaiDate(now),
      }),
      instalments: [
        { dueOn: '2098-12-01', amountFen: 40 },
        { dueOn: '2099-01-01', amountFen: 60 },
      ],
    },
    { action: 'RECORD_PERFORMANCE', paidFen: 50 },
    { action: 'RECORD_PERFORMANCE', paidFen: 40, instalment: 1 },
    { action: 'REQUEST_JUDICIAL_CONFIRMATION', courtId: 'qd-shinan-court' },
    { action: 'REQUEST_PAYMENT_ORDER', courtId: 'qd-shinan-court' },
    { action: 'FAIL_MEDIATION', reason: 'Employer refused.' },
    { action: 'FAIL_PERFORMANCE', reason: 'Not paid.' },
    { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' },
    { action: 'RETURN_TO_COURT', courtId: 'qd-shinan-court' },
    { action: 'TRANSFER_TO_POST', toPostId: OTHER_POST, reason: 'The worker moved.' },
    { action: 'WITHDRAW', reason: 'Settled privately.' },
    { action: 'CLOSE', resolution: 'Done.' },
    // Taken by systems and partners, not through this API.
    { action: 'ACCEPT_TRANSFER' },
    { action: 'ACCEPT_FOR_ARBITRATION', reference: 'ARB-1' },
    { action: 'ISSUE_AWARD', reference: 'ARB-1', final: true, awardFen: 1 },
    { action: 'AWARD_EFFECTIVE' },
    { action: 'RECORD_JUDGMENT', reference: 'J-1' },
    { action: 'CONFIRM_AGREEMENT', reference: 'C-1' },
    // Not actions at all.
    { action: 'FILE' },
    { action: 'LAUNCH_ROCKET' },
    { action: 'assign_mediator', mediatorId: 'x' },
    { action: 'constructor' },
    { action: 'toString' },
    { action: '__proto__' },
  ];
}

/** A post's name and district, as an admin sends them (`PUT /posts/{postId}`). */
const postBodies = (): readonly Json[] => [
  { name: 'Fuzz Street Trade Union Legal-Aid Post', district: 'Shinan' },
  { name: '市南区总工会法律援助站', district: '市南区' },
];

/** A court's or institute's opening of a case at a post (the parties as in `POST /cases`). */
function opening(world: FuzzWorld, postId: string): Json {
  const { origin: _origin, ...parties } = intake();
  return {
    postId,
    reference: '(2026)鲁0202民诉前调9号',
    receivedOn: world.now.slice(0, 10),
    ...parties,
  } as Json;
}

/**
 * Callbacks the simulated partners could really send: openings, and decisions on the cases handed to them
 * (the first few succeed, the rest meet a case that has moved on: 409, or 404 at the other partner).
 */
function callbacks(world: FuzzWorld): Json[] {
  const today = world.now.slice(0, 10);
  const [withInstitute = world.cases[0] ?? '', withCourt = withInstitute] = world.partnerCases;
  return [
    { type: 'court.mediation_delegated', data: opening(world, POST) },
    { type: 'arbitration.mediation_requested', data: opening(world, OTHER_POST) },
    { type: 'court.mediation_delegated', data: opening(world, 'QD-XX-99') },
    { type: 'arbitration.accepted', caseId: withInstitute, data: { reference: 'QDLA-1', decidedOn: today } },
    {
      type: 'arbitration.declined',
      caseId: withInstitute,
      data: { reason: 'Out of time.', decidedOn: today },
    },
    {
      type: 'arbitration.award_issued',
      caseId: withInstitute,
      data: { reference: 'QDLA-1-A', final: true, awardFen: 100, servedOn: today },
    },
    {
      type: 'arbitration.concluded',
      caseId: withInstitute,
      data: { outcome: 'SETTLED', decidedOn: today, reference: 'QDLA-1' },
    },
    {
      type: 'arbitration.accepted',
      caseId: withInstitute,
      handoffId: world.handoffs[0] ?? '00000000-0000-4000-8000-000000000000',
      data: { reference: 'QDLA-2', decidedOn: today },
    },
    { type: 'court.confirmation_granted', caseId: withCourt, data: { reference: 'C-1', decidedOn: today } },
    {
      type: 'court.confirmation_rejected',
      caseId: withCourt,
      data: { reason: 'Unclear terms.', decidedOn: today },
    },
    { type: 'court.judgment', caseId: withCourt, data: { reference: 'J-1', decidedOn: today, awardFen: 1 } },
    {
      type: 'court.concluded',
      caseId: withCourt,
      data: { outcome: 'SETTLED', decidedOn: today, reference: 'C-2' },
    },
  ];
}

/** Case ids a callback may name: real ones, another post's, no case at all, and not ids. */
const callbackCaseIdArb = (world: FuzzWorld): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.constantFrom<Json>(...world.partnerCases, ...world.cases, world.foreignCase),
    fc.uuid(),
    fc.constantFrom<Json>(
      '',
      'not-a-case',
      '00000000-0000-0000-0000-000000000000',
      'A'.repeat(5000),
      0,
      null,
      [],
      {},
    ),
  );

/**
 * Callback envelopes in the right outer shape with a wrong inside: unknown and near-miss event types, known
 * types with random data, random case and handoff ids, envelopes of random values.
 */
function envelopeArb(world: FuzzWorld): fc.Arbitrary<BodyDraft> {
  const types = PARTNER_EVENT_TYPES as string[];
  const unknownType = fc.constantFrom<Json>(
    'court.unknown',
    'COURT.JUDGMENT',
    'court.',
    'court.judgment ',
    ' court.judgment',
    'court.judgment\u0000',
    'arbitration.mediation_requested.extra',
    '',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'ASSIGN_MEDIATOR',
  );
  const randomData = fc.dictionary(
    fc.oneof(
      fc.constantFrom('reference', 'decidedOn', 'awardFen', 'final', 'postId', 'workers', 'reason'),
      fc.string(),
    ),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 6 },
  );
  const envelope = (label: string, value: fc.Arbitrary<unknown>) =>
    value.map((v) => ({ label: `envelope(${label})`, text: JSON.stringify(v) }));
  return fc.oneof(
    envelope(
      'unknown-type',
      fc.record({ type: unknownType, caseId: callbackCaseIdArb(world), data: fc.constant({}) }),
    ),
    envelope(
      'random-data',
      fc.record({ type: fc.constantFrom(...types), caseId: callbackCaseIdArb(world), data: randomData }),
    ),
    envelope(
      'random-ids',
      fc
        .tuple(fc.constantFrom(...callbacks(world)), callbackCaseIdArb(world), callbackCaseIdArb(world))
        .map(([valid, caseId, handoffId]) => ({ ...(valid as Record<string, Json>), caseId, handoffId })),
    ),
    envelope(
      'random-values',
      fc.record(
        {
          type: fc.jsonValue({ maxDepth: 2 }),
          caseId: fc.jsonValue({ maxDepth: 1 }),
          data: fc.jsonValue({ maxDepth: 3 }),
        },
        { requiredKeys: [] },
      ),
    ),
    envelope(
      'opening-random-parties',
      fc
        .tuple(fc.constantFrom('court.mediation_delegated', 'arbitration.mediation_requested'), randomData)
        .map(([type, data]) => ({
          type,
          data: { ...(opening(world, POST) as Record<string, Json>), ...data },
        })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Paths and queries

const NOT_IDS = [
  'not-a-case-id',
  '0',
  '-1',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%00',
  '%2F',
  '%2e%2e',
  '%E4%B8%AD%E6%96%87',
  '%F0%9F%92%A9',
  '%ZZ',
  '%',
  '%25',
  'a'.repeat(2000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%7B00000000-0000-0000-0000-000000000000%7D',
];

const idArb = (real: readonly string[], label: string): fc.Arbitrary<Labelled<string>> =>
  fc.oneof(
    { weight: 6, arbitrary: tag(label, fc.constantFrom(...real)) },
    { weight: 2, arbitrary: tag('uuid-of-nothing', fc.uuid()) },
    {
      weight: 1,
      arbitrary: tag(
        `${label}-upper`,
        fc.constantFrom(...real).map((id) => id.toUpperCase()),
      ),
    },
    {
      weight: 1,
      arbitrary: tag(
        `${label}-decorated`,
        fc
          .tuple(fc.constantFrom(...real), fc.constantFrom('%20', '%00', '.json', '%0A', '%2F..', '%3Bx=1'))
          .map(([id, suffix]) => `${id}${suffix}`),
      ),
    },
    { weight: 2, arbitrary: tag('not-an-id', fc.constantFrom(...NOT_IDS)) },
    {
      weight: 1,
      arbitrary: tag(
        'random-segment',
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(safeEncode),
      ),
    },
  );

const kindArb: fc.Arbitrary<Labelled<string>> = fc.oneof(
  { weight: 4, arbitrary: tag('kind', fc.constantFrom('UNION_POST', 'ARBITRATION', 'COURT')) },
  {
    weight: 2,
    arbitrary: tag(
      'not-a-kind',
      fc.constantFrom(
        'court',
        'Union_Post',
        'NOWHERE',
        '%41RBITRATION',
        'COURT%00',
        'COURT%20',
        '__proto__',
        'toString',
        'constructor',
        'hasOwnProperty',
        '%E4%B8%AD',
        'C'.repeat(1000),
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: tag(
      'random-segment',
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(safeEncode),
    ),
  },
);

/** Cursors: real ones, tampered ones and inventions. */
function cursorArb(world: FuzzWorld): fc.Arbitrary<string> {
  const real = world.cursors.length > 0 ? world.cursors : ['eyJ4IjoxfQ.c2ln'];
  return fc.oneof(
    fc.constantFrom(...real),
    fc
      .tuple(fc.constantFrom(...real), fc.nat(), fc.constantFrom('A', '_', '-', '.', '='))
      .map(([c, i, ch]) => {
        const at = i % c.length;
        return c.slice(0, at) + (c[at] === ch ? 'B' : ch) + c.slice(at + 1);
      }),
    fc.constantFrom(...real).map((c) => c.slice(0, -1)),
    fc.constantFrom(...real).map((c) => `${c}A`),
    fc.constantFrom(...real).map((c) => c.split('.').reverse().join('.')),
    fc.constantFrom(...real).map((c) => `${c.split('.')[0]}.`),
    fc.base64String({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc
      .jsonValue({ maxDepth: 2 })
      .map((v) => `${Buffer.from(JSON.stringify(v)).toString('base64url')}.${'A'.repeat(43)}`),
    fc.constantFrom('', '.', '..', 'forged.cursor', 'c'.repeat(2048), 'c'.repeat(2049), 'null', '%00'),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
  );
}

const LIMITS = [
  '0',
  '-1',
  '1',
  '2',
  '20',
  '50',
  '99',
  '100',
  '101',
  '1000',
  'abc',
  '1e2',
  '01',
  '001',
  '1.5',
  ' 5',
  '',
  '0x10',
  '٣',
  '99999999999999999999',
];

type QueryKind =
  | 'page'
  | 'list'
  | 'redrive'
  | 'partners'
  | 'reminders'
  | 'reports'
  | 'docs'
  | 'stats'
  | 'none';

function queryArb(world: FuzzWorld, kind: QueryKind): fc.Arbitrary<Labelled<string>> {
  const enc = (k: string, v: string) => `${k}=${safeEncode(v)}`;
  const limit = fc.constantFrom(...LIMITS).map((v) => enc('limit', v));
  const cursor = cursorArb(world).map((v) => enc('cursor', v));
  const status = fc
    .constantFrom(
      'FILED',
      'MEDIATING',
      'SETTLED',
      'CLOSED',
      'WITHDRAWN',
      'TRANSFER_PENDING',
      'filed',
      'DELETED',
      '',
    )
    .map((v) => enc('status', v));
  const postId = fc
    .constantFrom(POST, OTHER_POST, 'QD-HQ', 'qd-sn-01', '', 'X'.repeat(100))
    .map((v) => enc('postId', v));
  const unknown = fc.constantFrom(
    'colour=red',
    'expand=workers',
    '__proto__=1',
    '__proto__[x]=1',
    'constructor=x',
    'toString=1',
    'hasOwnProperty=1',
    'a',
    '=x',
    '%00=1',
    'limit',
    'cursor',
    'LIMIT=5',
    'limit[]=1',
  );
  const partnerKind = fc
    .constantFrom(
      'COURT',
      'ARBITRATION',
      'UNION_POST',
      'court',
      'Court',
      '',
      'COURT,ARBITRATION',
      '__proto__',
      'K'.repeat(500),
    )
    .map((v) => enc('kind', v));
  const reminderStatus = fc
    .constantFrom('OPEN', 'ACKNOWLEDGED', 'open', 'CLOSED', '', 'OPEN,ACKNOWLEDGED')
    .map((v) => enc('status', v));
  const reportStatus = fc
    .constantFrom('PENDING', 'REJECTED', 'DELIVERED', 'rejected', '', 'PENDING,REJECTED')
    .map((v) => enc('status', v));
  const asset = fc
    .constantFrom(
      'reference.js',
      'swagger-ui.css',
      'swagger-ui-bundle.js',
      'page',
      '',
      '../package.json',
      'reference.js%00',
      '__proto__',
      'constructor',
      'REFERENCE.JS',
    )
    .map((v) => enc('asset', v));
  const statsMonth = (k: string) => MONTH_VALUES.map((v) => enc(k, v));
  const stats = [
    fc.constantFrom(...statsMonth('from')),
    fc.constantFrom(...statsMonth('to')),
    fc
      .constantFrom(
        'month',
        'post',
        'district',
        'category',
        'origin',
        'industry',
        'MONTH',
        'week',
        '',
        '__proto__',
      )
      .map((v) => enc('groupBy', v)),
    postId,
    fc.constantFrom('from=2026-01&to=2026-12&groupBy=month', 'from=2026-03&to=2026-03&groupBy=post'),
  ];
  const known: fc.Arbitrary<string>[] = {
    page: [limit, cursor],
    list: [limit, cursor, status, postId],
    redrive: [limit],
    partners: [partnerKind],
    reminders: [limit, cursor, reminderStatus, postId],
    reports: [limit, cursor, reportStatus],
    docs: [asset],
    stats,
    none: [],
  }[kind];
  const param = fc.oneof(...[...known, ...known, unknown]);
  return fc.oneof(
    { weight: kind === 'none' ? 8 : 4, arbitrary: fc.constant({ label: 'none', value: '' }) },
    {
      weight: 5,
      arbitrary: fc.array(param, { minLength: 1, maxLength: 4 }).map((parts) => ({
        label: parts.some((p) => /^(?:limit|cursor|status|postId|kind|asset|from|to|groupBy)=/.test(p))
          ? 'params'
          : 'unknown-params',
        value: `?${parts.join('&')}`,
      })),
    },
    {
      weight: 1,
      arbitrary: tag(
        'repeated',
        fc.constantFrom(
          '?limit=1&limit=2',
          '?status=FILED&status=CLOSED',
          '?cursor=a&cursor=b',
          '?limit=5&limit=5',
        ),
      ),
    },
    { weight: 1, arbitrary: tag('odd', fc.constantFrom('?', '?&&', '?&limit=1&', '?#frag', '??limit=1')) },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Requests

interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: (world: FuzzWorld) => fc.Arbitrary<Labelled<string>>;
  readonly query: QueryKind;
  /** Valid bodies (empty: the route takes none). */
  readonly valids: (world: FuzzWorld) => readonly Json[];
  /** The route's body limit, if not the mediator API's 64 KB. */
  readonly bodyLimit?: number;
  /** Garbage in the route's own envelope, beside the generic mutations. */
  readonly envelopes?: (world: FuzzWorld) => fc.Arbitrary<BodyDraft>;
  /** Signed as a partner callback rather than (or as well as) authorised. */
  readonly signed?: boolean;
}

const caseIds = (world: FuzzWorld) => [...world.cases, world.foreignCase];

/** Calendar years: one far enough ahead to load freely, published ones, and not-years. */
const yearArb: fc.Arbitrary<Labelled<string>> = fc.oneof(
  { weight: 4, arbitrary: tag('year', fc.constantFrom('2030', '2026', '2099', '2000', '2100')) },
  {
    weight: 2,
    arbitrary: tag(
      'not-a-year',
      fc.constantFrom(
        '1999',
        '2101',
        '203',
        '20300',
        'abcd',
        '2030.5',
        '-2030',
        '%32030',
        '2030%00',
        '%202030',
      ),
    ),
  },
  { weight: 1, arbitrary: tag('random', fc.string({ unit: 'grapheme', maxLength: 12 }).map(safeEncode)) },
);
/** A load the year 2030 accepts (Sat 5 Jan 2030 worked); sent to other years it is a 400. */
/** Reveals of sealed fields: valid ones for the world's cases (whose first worker has an ID and a phone). */
const revealBodies = (): readonly Json[] => [
  { fields: ['workers[0].idNumber', 'workers[0].phone'], purpose: 'SERVE_DOCUMENTS' },
  { fields: ['workers[0].phone'], purpose: 'CONTACT_PARTY' },
];

/** Decisions on a possible duplicate (the pair ids are random: a well-formed one not found is a 404). */
const duplicateBodies = (): readonly Json[] => [
  { decision: 'SAME', note: '同一争议' },
  { decision: 'DIFFERENT', note: 'another employer site' },
];

const calendarBodies = (): readonly Json[] => [
  { restDays: ['2030-01-01', '2030-10-01', '2030-10-02'], workingDays: ['2030-01-05'] },
  { restDays: ['2030-05-01'], workingDays: [] },
];

/** Post ids: the directory's, well-formed new ones, and ids the directory refuses. */
const postIdArb = (world: FuzzWorld): fc.Arbitrary<Labelled<string>> =>
  fc.oneof(
    { weight: 4, arbitrary: idArb(world.posts, 'post') },
    {
      weight: 2,
      arbitrary: tag(
        'new-post',
        fc.stringMatching(/^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){0,5}$/).filter((id) => id.length <= 60),
      ),
    },
    {
      weight: 1,
      arbitrary: tag(
        'not-a-post-id',
        fc.constantFrom(
          'qd-sn-01',
          'QD--01',
          '-QD',
          'QD-',
          'QD_SN_01',
          'A'.repeat(13),
          'QD%20SN',
          'QD-SN-01%0A',
        ),
      ),
    },
  );

/** Reminder ids are `<caseId>#<clockId>#<stage>`: plausible ones (none exists yet), garbage, bad escapes. */
const reminderIdArb = (world: FuzzWorld): fc.Arbitrary<Labelled<string>> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: tag(
        'reminder-shaped',
        fc
          .tuple(
            fc.constantFrom(...caseIds(world)),
            fc.constantFrom('MEDIATION', 'x', ''),
            fc.constantFrom('DUE', '1', ''),
          )
          .map(([caseId, clock, stage]) => `${caseId}%23${clock}%23${stage}`),
      ),
    },
    { weight: 2, arbitrary: idArb(caseIds(world), 'case') },
    {
      weight: 1,
      arbitrary: tag('bad-escape', fc.constantFrom('%E0%A4%A', '%23%23', '%2523', 'a%'.repeat(50))),
    },
  );

const ROUTES: Record<RouteKey, RouteSpec> = {
  'GET /health': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/health' }),
    query: 'none',
    valids: () => [],
  },
  'GET /openapi.json': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/openapi.json' }),
    query: 'none',
    valids: () => [],
  },
  'GET /docs': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/docs' }),
    query: 'docs',
    valids: () => [],
  },
  'GET /partners': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/partners' }),
    query: 'partners',
    valids: () => [],
  },
  'GET /posts': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/posts' }),
    query: 'page',
    valids: () => [],
  },
  'PUT /posts/{postId}': {
    method: 'PUT',
    path: (w) => postIdArb(w).map((l) => ({ ...l, value: `/posts/${l.value}` })),
    query: 'none',
    valids: postBodies,
  },
  'GET /reminders': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/reminders' }),
    query: 'reminders',
    valids: () => [],
  },
  'POST /reminders/{reminderId}/ack': {
    method: 'POST',
    path: (w) => reminderIdArb(w).map((l) => ({ ...l, value: `/reminders/${l.value}/ack` })),
    query: 'none',
    valids: () => [],
  },
  'POST /partners/{partnerId}/callbacks': {
    method: 'POST',
    path: (w) => idArb(w.partners, 'partner').map((l) => ({ ...l, value: `/partners/${l.value}/callbacks` })),
    query: 'none',
    valids: callbacks,
    bodyLimit: CALLBACK_LIMIT,
    envelopes: envelopeArb,
    signed: true,
  },
  'POST /cases': {
    method: 'POST',
    path: () => fc.constant({ label: 'fixed', value: '/cases' }),
    query: 'none',
    valids: intakes,
  },
  'GET /cases': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/cases' }),
    query: 'list',
    valids: () => [],
  },
  'GET /cases/{caseId}': {
    method: 'GET',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'POST /cases/{caseId}/actions': {
    method: 'POST',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/actions` })),
    query: 'none',
    valids: (w) => actions(w.now),
  },
  'POST /cases/{caseId}/reveal': {
    method: 'POST',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/reveal` })),
    query: 'none',
    valids: revealBodies,
  },
  'GET /duplicates': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/duplicates' }),
    query: 'page',
    valids: () => [],
  },
  'POST /duplicates/{pairId}': {
    method: 'POST',
    path: () =>
      fc.oneof(
        fc.uuid().map((id) => ({ label: 'unknown-pair', value: `/duplicates/${id}` })),
        fc
          .string({ maxLength: 40 })
          .map((id) => ({ label: 'junk-pair', value: `/duplicates/${safeEncode(id)}` })),
      ),
    query: 'none',
    valids: duplicateBodies,
  },
  'GET /cases/{caseId}/history': {
    method: 'GET',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/history` })),
    query: 'page',
    valids: () => [],
  },
  'GET /cases/{caseId}/handoffs': {
    method: 'GET',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/handoffs` })),
    query: 'page',
    valids: () => [],
  },
  'GET /cases/{caseId}/access-log': {
    method: 'GET',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/access-log` })),
    query: 'page',
    valids: () => [],
  },
  'GET /cases/{caseId}/proof': {
    method: 'GET',
    path: (w) => idArb(caseIds(w), 'case').map((l) => ({ ...l, value: `/cases/${l.value}/proof` })),
    query: 'none',
    valids: () => [],
  },
  'POST /handoffs/{handoffId}/retry': {
    method: 'POST',
    path: (w) => idArb(w.handoffs, 'handoff').map((l) => ({ ...l, value: `/handoffs/${l.value}/retry` })),
    query: 'none',
    valids: () => [],
  },
  'POST /dead-letters/{kind}/redrive': {
    method: 'POST',
    path: () => kindArb.map((l) => ({ ...l, value: `/dead-letters/${l.value}/redrive` })),
    query: 'redrive',
    valids: () => [],
  },
  'GET /calendar/{year}': {
    method: 'GET',
    path: () => yearArb.map((l) => ({ ...l, value: `/calendar/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'PUT /calendar/{year}': {
    method: 'PUT',
    path: () => yearArb.map((l) => ({ ...l, value: `/calendar/${l.value}` })),
    query: 'none',
    valids: calendarBodies,
  },
  'POST /consultations': {
    method: 'POST',
    path: () => fc.constant({ label: 'fixed', value: '/consultations' }),
    query: 'none',
    valids: (w) => consultationBodies(w.now),
  },
  'GET /consultations': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/consultations' }),
    query: 'page',
    valids: () => [],
  },
  'GET /consultations/{consultationId}': {
    method: 'GET',
    path: (w) =>
      idArb(consultationIds(w), 'consultation').map((l) => ({ ...l, value: `/consultations/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'POST /consultations/{consultationId}/case': {
    method: 'POST',
    path: (w) =>
      idArb(consultationIds(w), 'consultation').map((l) => ({
        ...l,
        value: `/consultations/${l.value}/case`,
      })),
    query: 'none',
    valids: openingBodies,
  },
  'GET /stats': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/stats' }),
    query: 'stats',
    valids: () => [],
  },
  'POST /reports/{month}': {
    method: 'POST',
    path: () => monthArb.map((l) => ({ ...l, value: `/reports/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'GET /reports/{month}': {
    method: 'GET',
    path: () => monthArb.map((l) => ({ ...l, value: `/reports/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'GET /warnings': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/warnings' }),
    query: 'page',
    valids: () => [],
  },
  'GET /warnings/{warningId}': {
    method: 'GET',
    path: () => warningIdArb.map((l) => ({ ...l, value: `/warnings/${l.value}` })),
    query: 'none',
    valids: () => [],
  },
  'POST /warnings/{warningId}/actions': {
    method: 'POST',
    path: () => warningIdArb.map((l) => ({ ...l, value: `/warnings/${l.value}/actions` })),
    query: 'none',
    valids: warningActionBodies,
  },
  'GET /disposition-reports': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/disposition-reports' }),
    query: 'reports',
    valids: () => [],
  },
  'POST /disposition-reports/{reportId}/resend': {
    method: 'POST',
    path: () => reportIdArb.map((l) => ({ ...l, value: `/disposition-reports/${l.value}/resend` })),
    query: 'none',
    valids: () => [],
  },
  'GET /employers/{creditCode}/risk': {
    method: 'GET',
    path: () => creditCodeArb.map((l) => ({ ...l, value: `/employers/${l.value}/risk` })),
    query: 'none',
    valids: () => [],
  },
  'GET /warning-rules': {
    method: 'GET',
    path: () => fc.constant({ label: 'fixed', value: '/warning-rules' }),
    query: 'none',
    valids: () => [],
  },
  'PUT /warning-rules': {
    method: 'PUT',
    path: () => fc.constant({ label: 'fixed', value: '/warning-rules' }),
    query: 'none',
    valids: () => [{ rules: DEFAULT_RULES.map((r) => ({ ...r })) } as unknown as Json],
  },
  'PUT /districts/{district}': {
    method: 'PUT',
    path: () => districtArb.map((l) => ({ ...l, value: `/districts/${l.value}` })),
    query: 'none',
    valids: () => [{ postId: 'QD-SN-01', name: '市南区' }],
  },
};

/** Warning ids, credit codes and districts as the warning routes take them, and as they should not. */
const WARNING_IDS = [
  '91370202MA3C4K1T09-1',
  '91370202MA3C4K1T09-0',
  '91370202MA3C4K1T09',
  'x-1',
  '%00',
  'X'.repeat(300),
];
const warningIdArb = fc.constantFrom(...WARNING_IDS).map((v) => ({ label: 'warning', value: safeEncode(v) }));
const REPORT_IDS = [
  '91370202MA3C4K1T09-1.disposition.qd-hrss-bureau',
  '91370202MA3C4K1T09-1.disposition.',
  '91370202MA3C4K1T09-1',
  'x.disposition.y',
  '%00',
  'R'.repeat(300),
];
const reportIdArb = fc.constantFrom(...REPORT_IDS).map((v) => ({ label: 'report', value: safeEncode(v) }));
const CREDIT_CODES = ['91370202MA3C4K1T09', '91370202MA3C4K1T0X', '9137020', 'IOSVZ', '', '%2F..'];
const creditCodeArb = fc
  .constantFrom(...CREDIT_CODES)
  .map((v) => ({ label: 'credit', value: safeEncode(v) }));
const DISTRICTS = ['370202', '37020', '3702021', 'abcdef', '', '%00'];
const districtArb = fc.constantFrom(...DISTRICTS).map((v) => ({ label: 'district', value: safeEncode(v) }));

/** Bodies of the warning actions, and of the rule table (the defaults again). */
function warningActionBodies(): Json[] {
  return [
    { action: 'ACKNOWLEDGE' },
    { action: 'START_VERIFICATION' },
    { action: 'CLOSE' },
    {
      action: 'DISPOSE',
      disposition: {
        kind: 'SUPERVISION_LETTER',
        letter: 'REMINDER_LETTER',
        number: '青工监提〔2026〕3号',
        issuedOn: '2026-03-02',
      },
    },
    { action: 'DISPOSE', disposition: { kind: 'NO_RISK', note: '现场核查未见异常' } },
    { action: 'SUPPRESS', reason: '企业已整改', until: '2099-01-01' },
  ];
}

/** Months as GET /stats and the reports take them, and as they should not. */
const MONTH_VALUES = [
  '2026-03',
  '2026-12',
  '2025-01',
  '2026-13',
  '2026-1',
  '2026-00',
  '0000-01',
  '9999-12',
  '',
  '%00',
  '../x',
  'X'.repeat(300),
];
const monthArb = fc.constantFrom(...MONTH_VALUES).map((v) => ({ label: 'month', value: safeEncode(v) }));

/** The world's consultations, or a UUID of nothing for a world built without them. */
const consultationIds = (w: FuzzWorld) =>
  w.consultations && w.consultations.length > 0 ? w.consultations : ['00000000-0000-4000-8000-000000000000'];

export interface RouteArbOptions {
  readonly auth?: AuthLabel;
  readonly key?: KeyShape;
  /** For the callback route: how it is signed. */
  readonly signing?: SigningMode;
  readonly body?: BodyKind;
  /** Only paths that name a real record (a registered partner, an existing case, …). */
  readonly realPath?: boolean;
}

/** The labels of paths that name something real (see `idArb`, `kindArb`, `yearArb`). */
const REAL_PATH_LABELS = new Set([
  'fixed',
  'case',
  'handoff',
  'partner',
  'post',
  'kind',
  'year',
  'consultation',
]);

/** Requests aimed at one route. */
export function routeArb(
  world: FuzzWorld,
  route: RouteKey,
  options: RouteArbOptions = {},
): fc.Arbitrary<FuzzRequest> {
  const spec = ROUTES[route];
  const valids = spec.valids(world);
  const takesBody = valids.length > 0;
  // The idempotent routes get keys most; on the others the key is only format-checked.
  const key =
    options.key || IDEMPOTENT_ROUTES.includes(route)
      ? keyArb(options.key)
      : fc.oneof({ weight: 6, arbitrary: keyArb('none') }, { weight: 1, arbitrary: keyArb() });
  return fc
    .record({
      path: options.realPath
        ? spec.path(world).filter((p) => REAL_PATH_LABELS.has(p.label))
        : spec.path(world),
      query: queryArb(world, spec.query),
      auth: authArb(world, options.auth),
      key,
      ifMatch:
        route === 'POST /cases/{caseId}/actions'
          ? ifMatchArb
          : fc.oneof(
              { weight: 8, arbitrary: fc.constant({ label: 'none', value: undefined }) },
              { weight: 1, arbitrary: ifMatchArb },
            ),
      body: bodyArb(valids, takesBody, {
        ...(spec.bodyLimit ? { limit: spec.bodyLimit } : {}),
        ...(spec.envelopes ? { envelopes: spec.envelopes(world) } : {}),
        ...(options.body ? { only: options.body } : {}),
      }),
      signing: spec.signed
        ? signingArb(world, options.signing)
        : fc.constant<Labelled<Signer | undefined>>({ label: 'none', value: undefined }),
      wrongMethod: fc.oneof(
        { weight: 40, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'PUT',
            'DELETE',
            'PATCH',
            'OPTIONS',
            spec.method === 'GET' ? 'POST' : 'GET',
          ),
        },
      ),
    })
    .chain((parts) =>
      contentTypeArb(parts.body !== undefined && parts.body.text.length > 0).map((contentType) => ({
        ...parts,
        contentType,
      })),
    )
    .map(({ path, query, auth, key, ifMatch, body, signing, wrongMethod, contentType }): FuzzRequest => {
      const headers: Record<string, HeaderValue> = {};
      if (auth.value !== undefined) headers.authorization = auth.value;
      // Signed over the body as the handler reads it: text, invalid UTF-8 replaced.
      if (signing.value) Object.assign(headers, signing.value(body ? body.text.toString() : ''));
      if (key.value !== undefined) headers['idempotency-key'] = key.value;
      if (ifMatch.value !== undefined) headers['if-match'] = ifMatch.value;
      if (contentType.value !== undefined) headers['content-type'] = contentType.value;
      const method = wrongMethod ?? spec.method;
      return {
        route: wrongMethod ? `${wrongMethod} ${route.split(' ')[1]} (wrong method)` : route,
        method,
        path: `${path.value}${query.value}`,
        headers,
        ...(body !== undefined
          ? { body: Buffer.isBuffer(body.text) ? body.text : Buffer.from(body.text, 'utf8') }
          : {}),
        labels: {
          auth: auth.label,
          key: key.label,
          body: body?.label ?? 'none',
          contentType: contentType.label,
          path: path.label,
          query: query.label,
          ifMatch: ifMatch.label,
          signature: signing.label,
        },
      };
    });
}

/** Requests across every route, the idempotent write routes and partner callbacks weighted up. */
export function anyRequestArb(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...ROUTE_KEYS.map((route) => ({
      // The callbacks' share held as routes are added: enough signed ones reach the handler (fuzz.test.ts).
      weight: route === CALLBACK_ROUTE ? 5 : route.startsWith('POST /cases') ? 3 : 2,
      arbitrary: routeArb(world, route),
    })),
  );
}
