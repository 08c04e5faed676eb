import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/dev-auth.ts';
import { intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * The API as a person meets it, over HTTP on the local stack: messages in the language asked for
 * (Accept-Language), 401s that say why (RFC 6750), and 409s that name the caller's role and Shanghai dates.
 */

let stack: RunningStack;
let api: ReturnType<typeof apiClient>;

const CJK = /[\u4e00-\u9fff]/;
const ZH = { 'accept-language': 'zh-CN' };
const REALM = 'Bearer realm="labour-dispute-mediation"';

beforeAll(async () => {
  stack = await launchLocalStack();
  api = apiClient(stack.url, await tokenFor('mediator', POST));
});

afterAll(async () => {
  await stack?.stop();
});

/** An intake with a claim missing its amount and an empty summary. */
const badIntake = () =>
  intake({ summary: '', claims: [{ category: 'WAGE_ARREARS', description: 'Unpaid wages' }] });

async function fileOne() {
  const res = await api('POST', '/cases', intake());
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

describe('messages in the language the request asks for', () => {
  it('answers a bad POST /cases in Chinese for Accept-Language: zh-CN', async () => {
    const res = await api('POST', '/cases', badIntake(), ZH);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues).toEqual([
      { field: 'claims[0].amountFen', message: '必填' },
      { field: 'summary', message: '不能为空' },
    ]);
    expect(res.body.error.message).toBe('claims[0].amountFen: 必填');
  });

  it('answers in English by default, without zod’s words', async () => {
    const res = await api('POST', '/cases', badIntake());
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.body.error.details.issues).toEqual([
      { field: 'claims[0].amountFen', message: 'is required' },
      { field: 'summary', message: 'must not be empty' },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Invalid input|expected|received undefined/);
  });

  it('negotiates: weights, zh and zh-Hans; a language it does not speak gets English', async () => {
    for (const header of ['en-US;q=0.5, zh;q=0.9', 'zh-Hans-CN', 'zh']) {
      const res = await api('POST', '/cases', badIntake(), { 'accept-language': header });
      expect(res.headers.get('content-language'), header).toBe('zh-CN');
      expect(res.body.error.details.issues[0].message, header).toBe('必填');
    }
    const french = await api('POST', '/cases', badIntake(), { 'accept-language': 'fr-FR' });
    expect(french.headers.get('content-language')).toBe('en');
  });

  it('speaks Chinese in list queries, unknown routes and refused actions too', async () => {
    const list = await api('GET', '/cases?limit=500&colour=red', undefined, ZH);
    expect(list.status).toBe(400);
    for (const issue of list.body.error.details.issues) expect(issue.message).toMatch(CJK);
    const route = await api('GET', '/nowhere', undefined, ZH);
    expect(route.status).toBe(404);
    expect(route.body.error.message).toMatch(CJK);
    const caseId = await fileOne();
    const refused = await api('POST', `/cases/${caseId}/actions`, { action: 'CLOSE', resolution: 'x' }, ZH);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('案件当前状态为已受理（FILED），不能执行 CLOSE');
  });
});

describe('a 401 says why', () => {
  const claims = { sub: 'someone', role: 'mediator', postId: POST };
  const as = (authorization?: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}/cases`, {
      headers: { ...(authorization ? { authorization } : {}), ...headers },
    }).then(async (res) => ({ res, body: (await res.json()) as { error: Record<string, unknown> } }));

  it('without a token: the challenge names the realm and no error (RFC 6750 §3.1)', async () => {
    const { res, body } = await as(undefined, ZH);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(REALM);
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect(body.error).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'NO_TOKEN' } });
    expect(body.error.message).toMatch(CJK);
  });

  it('malformed, expired, from another issuer or badly signed: invalid_token and a description', async () => {
    const otherKey = new TextEncoder().encode('not-the-local-key-but-long-enough-0123456789');
    const forged = await new SignJWT({ role: 'admin', postId: 'QD-HQ' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(otherKey);
    const cases: [string, string, RegExp][] = [
      ['Bearer not.a-jwt', 'MALFORMED', /not a well-formed JWT/],
      [
        `Bearer ${await issueLocalToken(claims, new Date(Date.now() - 60 * 60 * 1000))}`,
        'EXPIRED',
        /expired at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(Asia\/Shanghai\)/,
      ],
      [
        `Bearer ${await issueLocalToken(claims, '1h', { issuer: 'https://idp.example' })}`,
        'WRONG_ISSUER',
        /not issued by urn:labour-dispute-mediation:local/,
      ],
      [`Bearer ${forged}`, 'BAD_SIGNATURE', /signature does not verify/],
    ];
    for (const [authorization, reason, description] of cases) {
      const { res, body } = await as(authorization);
      expect(res.status, reason).toBe(401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge.startsWith(`${REALM}, error="invalid_token", error_description="`), reason).toBe(true);
      expect(challenge, reason).toMatch(description);
      expect(body.error, reason).toMatchObject({ code: 'UNAUTHORIZED', details: { reason } });
      expect(body.error.message, reason).toMatch(description);
      const zh = await as(authorization, ZH);
      expect(zh.body.error.message, reason).toMatch(CJK);
    }
  });
});

describe('a 409 names the reason a person can act on', () => {
  it('names the role when the role may not take the action, and lists only what this caller may do', async () => {
    const caseId = await fileOne();
    const body = { action: 'ACCEPT_FOR_ARBITRATION', reference: 'QDLA-2026-001', decidedOn: '2026-03-02' };
    const res = await api('POST', `/cases/${caseId}/actions`, body);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'a mediator may not take ACCEPT_FOR_ARBITRATION; an arbitration institute may',
      details: {
        status: 'FILED',
        role: 'mediator',
        roles: ['arbitration'],
        allowedActions: [
          'ACCEPT_MEDIATION',
          'DECLINE_MEDIATION',
          'ASSIGN_MEDIATOR',
          'APPOINT_AGENT',
          'EXTEND_MEDIATION',
          'FAIL_MEDIATION',
          'REFER_TO_ARBITRATION',
          'RETURN_TO_COURT',
          'TRANSFER_TO_POST',
          'WITHDRAW',
        ],
      },
    });
    const zh = await api('POST', `/cases/${caseId}/actions`, body, ZH);
    expect(zh.body.error.message).toBe('调解员不能执行 ACCEPT_FOR_ARBITRATION，只有仲裁委员会可以');
  });

  it('names the end of the mediation period as a Shanghai date, not a UTC instant', async () => {
    const caseId = await fileOne();
    const early = await api('POST', `/cases/${caseId}/actions`, {
      action: 'REFER_TO_ARBITRATION',
      arbitrationId: 'qd-arbitration',
    });
    expect(early.status).toBe(409);
    const due = (await api('GET', `/cases/${caseId}`)).body.mediationDueAt as string;
    const shanghaiDay = new Date(Date.parse(due) + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect(early.body.error.message).toBe(
      `the mediation period runs until ${shanghaiDay}; before then, FAIL_MEDIATION first (LDMAL art. 14)`,
    );
    const zh = await api(
      'POST',
      `/cases/${caseId}/actions`,
      { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' },
      ZH,
    );
    expect(zh.body.error.message).toBe(
      `调解期限至 ${shanghaiDay}；期满前请先执行 FAIL_MEDIATION（《劳动争议调解仲裁法》第十四条）`,
    );
  });
});
