import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { IllegalTransitionError, ValidationError } from '../../domain/shared/errors.ts';
import { ARBITRATION_MESSAGES } from '../../domain/shared/i18n/arbitration.ts';
import { AUDIT_MESSAGES } from '../../domain/shared/i18n/audit.ts';
import { CONSULTATION_MESSAGES } from '../../domain/shared/i18n/consultations.ts';
import { COURT_MESSAGES } from '../../domain/shared/i18n/court.ts';
import { EDGE_MESSAGES } from '../../domain/shared/i18n/edge.ts';
import { FIELD_MESSAGES } from '../../domain/shared/i18n/fields.ts';
import { LIFECYCLE_MESSAGES } from '../../domain/shared/i18n/lifecycle.ts';
import { PARTNER_MESSAGES } from '../../domain/shared/i18n/partners.ts';
import { SEALING_MESSAGES } from '../../domain/shared/i18n/sealing.ts';
import { STATISTICS_MESSAGES } from '../../domain/shared/i18n/statistics.ts';
import { TRUST_EDGE_MESSAGES } from '../../domain/shared/i18n/trust-edge.ts';
import { WARNING_MESSAGES } from '../../domain/shared/i18n/warnings.ts';
import {
  identify,
  LANGUAGES,
  MESSAGES,
  type MessageKey,
  message,
  negotiateLanguage,
  render,
  TERMS,
} from '../../domain/shared/messages.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { errorResponse, unauthorized } from '../../functions/http/errors.ts';
import { actorOf } from '../../functions/http/request.ts';
import {
  checkLocalToken,
  issueLocalToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
} from '../../infra/local/dev-auth.ts';
import { DAY, depsWith, intake, mediator, settle } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (template: string) =>
  [...template.matchAll(/\{(\w+)(?:\|(\w+))?\}/g)].map((m) => `${m[1]}|${m[2] ?? ''}`).sort();

describe('the message catalogue', () => {
  it('has every message in English and in Chinese, with the same parameters', () => {
    for (const [key, texts] of Object.entries(MESSAGES)) {
      for (const language of LANGUAGES) expect(texts[language], `${key} ${language}`).toMatch(/\S/);
      expect(texts['zh-CN'], key).toMatch(CJK);
      expect(placeholders(texts['zh-CN']), key).toEqual(placeholders(texts.en));
    }
    for (const [kind, terms] of Object.entries(TERMS)) {
      for (const [value, texts] of Object.entries(terms)) {
        for (const language of LANGUAGES)
          expect(texts[language], `${kind}.${value} ${language}`).toMatch(/\S/);
      }
    }
  });

  it('names each key once across its pages, and each term kind a template uses exists', () => {
    const pages = [
      FIELD_MESSAGES,
      LIFECYCLE_MESSAGES,
      ARBITRATION_MESSAGES,
      COURT_MESSAGES,
      CONSULTATION_MESSAGES,
      EDGE_MESSAGES,
      STATISTICS_MESSAGES,
      WARNING_MESSAGES,
      AUDIT_MESSAGES,
      TRUST_EDGE_MESSAGES,
      SEALING_MESSAGES,
      PARTNER_MESSAGES,
    ].flatMap((page) => Object.keys(page));
    expect(pages.length).toBe(Object.keys(MESSAGES).length);
    const kinds = Object.values(MESSAGES).flatMap((t) => placeholders(t.en).map((p) => p.split('|')[1]));
    for (const kind of kinds.filter(Boolean)) expect(Object.keys(TERMS)).toContain(kind);
  });

  it('finds every message back from its English, so text written in English is translated too', () => {
    for (const key of Object.keys(MESSAGES) as MessageKey[]) {
      const params: Record<string, string> = {};
      for (const p of placeholders(MESSAGES[key].en)) {
        const [name = '', kind] = p.split('|');
        params[name] = kind ? (Object.keys(TERMS[kind as keyof typeof TERMS])[0] as string) : `v-${name}`;
      }
      const english = render(message(key, params), 'en');
      expect(identify(english), english).toEqual({ key, params });
    }
    expect(identify('something the catalogue never said')).toBeNull();
    // A term must be a known one: "must be {expected|type}" is not every sentence that starts "must be".
    expect(identify('must be a landline')).toBeNull();
  });

  it('renders terms in the language: roles, states, lists', () => {
    const refusal = message('action.roleMayNot', {
      role: 'mediator',
      action: 'CONFIRM_AGREEMENT',
      roles: ['court'],
    });
    expect(render(refusal, 'en')).toBe('a mediator may not take CONFIRM_AGREEMENT; a court may');
    expect(render(refusal, 'zh-CN')).toBe('调解员不能执行 CONFIRM_AGREEMENT，只有法院可以');
    expect(
      render(message('action.roleMayNot', { role: 'mediator', action: 'X', roles: ['supervisor', 'admin'] })),
    ).toBe('a mediator may not take X; a supervisor or an admin may');
    expect(render(message('action.notInState', { action: 'CLOSE', status: 'FILED' }), 'zh-CN')).toBe(
      '案件当前状态为已受理（FILED），不能执行 CLOSE',
    );
  });
});

describe('language negotiation (Accept-Language)', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0, en', 'en'],
    ['zh-TW', 'en'],
    ['zh-TW, zh-CN;q=0.5', 'zh-CN'],
    ['fr-FR, zh;q=0.3', 'zh-CN'],
    ['fr-FR', 'en'],
    ['*', 'en'],
    ['de;q=garbage, zh', 'zh-CN'],
  ])('%s → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe("zod's issues in the catalogue's words", () => {
  const Schema = z.strictObject({
    n: z.number(),
    s: z.string().check(z.minLength(1), z.maxLength(3)),
    e: z.enum(['A', 'B']),
    l: z.array(z.string()).check(z.minLength(2)),
    u: z.optional(z.uuid()),
    big: z.optional(z.number().check(z.lte(10))),
  });
  const messages = (input: unknown) => {
    try {
      parseOrThrow(Schema, input);
      return [];
    } catch (error) {
      return (error as ValidationError).issues.map((i) => `${i.field}: ${i.message}`);
    }
  };

  it('says "is required" for a missing field, names bounds and lists enum values', () => {
    expect(messages({})).toEqual(['n: is required', 's: is required', 'e: is required', 'l: is required']);
    expect(messages({ n: 'x', s: 'long', e: 'C', l: ['a'], u: 'nope', big: 11, extra: 1 })).toEqual([
      'n: must be a number',
      's: must be at most 3 characters',
      'e: must be one of A, B',
      'l: must have at least 2 items',
      'u: must be a UUID',
      'big: must be at most 10',
      'extra: unknown field',
    ]);
    expect(messages({ n: 1, s: '', e: 'A', l: ['a', 'b'] })).toEqual(['s: must not be empty']);
  });

  it('carries the key with each issue, so the edge can answer in Chinese', () => {
    const error = (() => {
      try {
        parseOrThrow(Schema, { n: 1, s: 'x', e: 'Z', l: [] });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.issues.map((i) => i.text && render(i.text, 'zh-CN'))).toEqual([
      '必须是以下之一：A, B',
      '至少 2 项',
    ]);
  });
});

describe('the edge answers in the negotiated language', () => {
  const body = (r: { body?: string }) => JSON.parse(r.body ?? '{}').error;

  it('renders field messages, the first issue and the language header', () => {
    const error = new ValidationError([
      { field: 'workers', message: 'is required' },
      { field: 'summary', message: 'must not be empty' },
    ]);
    const zh = errorResponse(error, 'zh-CN').response;
    expect(zh.headers?.['content-language']).toBe('zh-CN');
    expect(body(zh)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'workers: 必填',
      details: {
        issues: [
          { field: 'workers', message: '必填' },
          { field: 'summary', message: '不能为空' },
        ],
      },
    });
    const en = errorResponse(error).response;
    expect(en.headers?.['content-language']).toBe('en');
    expect(body(en).details.issues[0].message).toBe('is required');
  });

  it('answers English text the catalogue does not know as it is, in any language', () => {
    const error = ValidationError.field('x', 'a message nobody translated');
    expect(body(errorResponse(error, 'zh-CN').response).details.issues[0].message).toBe(
      'a message nobody translated',
    );
  });

  it('says why a 401 is a 401, with the RFC 6750 challenge', () => {
    const none = errorResponse(unauthorized(), 'zh-CN').response;
    expect(none.statusCode).toBe(401);
    expect(none.headers?.['www-authenticate']).toBe('Bearer realm="labour-dispute-mediation"');
    expect(body(none)).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: 'NO_TOKEN' } });
    expect(body(none).message).toMatch(CJK);
    const expired = errorResponse(
      unauthorized(message('auth.expired', { at: '2026-12-07 08:00:00' }), 'EXPIRED'),
    ).response;
    expect(expired.headers?.['www-authenticate']).toBe(
      'Bearer realm="labour-dispute-mediation", error="invalid_token", error_description="the bearer token expired at 2026-12-07 08:00:00 (Asia/Shanghai)"',
    );
    expect(body(expired).details).toEqual({ reason: 'EXPIRED' });
    // Behind the authorizer, a verified token without a subject: the handler names the missing claim.
    const noSub = errorResponse(
      (() => {
        try {
          actorOf({ headers: {}, requestContext: { authorizer: { jwt: { claims: { sub: '' } } } } } as never);
        } catch (error) {
          return error;
        }
      })(),
    ).response;
    expect(noSub.statusCode).toBe(401);
    expect(noSub.headers?.['www-authenticate']).toContain(
      'error_description="the bearer token lacks a required claim (sub)"',
    );
    expect(body(noSub).details).toEqual({ reason: 'MISSING_CLAIM' });
  });
});

describe('the local stand-in for the JWT authorizer says which check failed', () => {
  const claims = { sub: 'u', role: 'mediator', postId: 'QD-SN-01' };
  const bearer = (token: string) => `Bearer ${token}`;

  it('tells no token, malformed, expired, wrong issuer or audience and a bad signature apart', async () => {
    expect(await checkLocalToken(undefined)).toEqual({ ok: false, reason: 'NO_TOKEN' });
    expect(await checkLocalToken('Basic dTpw')).toEqual({ ok: false, reason: 'NO_TOKEN' });
    expect(await checkLocalToken('Bearer not-a-jwt')).toMatchObject({ reason: 'MALFORMED' });
    expect(await checkLocalToken('Bearer e30.e30.forged')).toMatchObject({ ok: false });
    const expired = await checkLocalToken(
      bearer(await issueLocalToken(claims, new Date(Date.parse('2026-12-07T00:00:00Z')))),
    );
    // 00:00 UTC is 08:00 in Shanghai: the message names the time people there read.
    expect(expired).toMatchObject({
      reason: 'EXPIRED',
      why: { key: 'auth.expired', params: { at: '2026-12-07 08:00:00' } },
    });
    expect(
      await checkLocalToken(bearer(await issueLocalToken(claims, '1h', { issuer: 'https://elsewhere' }))),
    ).toMatchObject({ reason: 'WRONG_ISSUER', why: { params: { issuer: LOCAL_ISSUER } } });
    expect(
      await checkLocalToken(bearer(await issueLocalToken(claims, '1h', { audience: 'another-api' }))),
    ).toMatchObject({ reason: 'WRONG_AUDIENCE' });
    const forged = await new SignJWT({ role: 'admin', postId: 'QD-HQ' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-key-of-enough-length-0123456789'));
    expect(await checkLocalToken(bearer(forged))).toMatchObject({ reason: 'BAD_SIGNATURE' });
    expect(await checkLocalToken(bearer(await issueLocalToken(claims)))).toMatchObject({ ok: true });
  });
});

describe('lifecycle refusals', () => {
  const setup = () => depsWith(new MemoryCaseRepository());
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as IllegalTransitionError,
    );

  it('names the role, not the state, when the role may not take the action, and lists what it may do', async () => {
    const deps = setup();
    const c = await fileCase(deps, mediator, intake());
    const refused = await refusal(
      actOnCase(deps, mediator, c.caseId, {
        action: 'ACCEPT_FOR_ARBITRATION',
        reference: 'r',
        decidedOn: '2026-03-02',
      }),
    );
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect(refused.message).toBe(
      'a mediator may not take ACCEPT_FOR_ARBITRATION; an arbitration institute may',
    );
    expect(refused.allowedActions).not.toContain('ACCEPT_FOR_ARBITRATION');
    expect(refused.allowedActions).toContain('ASSIGN_MEDIATOR');
    const zh = JSON.parse(errorResponse(refused, 'zh-CN').response.body ?? '{}').error;
    expect(zh.message).toBe('调解员不能执行 ACCEPT_FOR_ARBITRATION，只有仲裁委员会可以');
    expect(zh.details).toMatchObject({ role: 'mediator', roles: ['arbitration'], reason: zh.message });
  });

  it('names Shanghai dates in guard messages, never UTC instants', async () => {
    const deps = setup();
    const c = await fileCase(deps, mediator, intake());
    const early = await refusal(
      actOnCase(deps, mediator, c.caseId, {
        action: 'REFER_TO_ARBITRATION',
        arbitrationId: 'qd-arbitration',
      }),
    );
    // Filed 2026-03-02 (Shanghai): 15 days from receipt end on 2026-03-17, stored as 15:59:59.999Z.
    expect(early.message).toBe(
      'the mediation period runs until 2026-03-17; before then, FAIL_MEDIATION first (LDMAL art. 14)',
    );

    const settled = await fileCase(deps, mediator, intake());
    await settle(deps, mediator, settled.caseId);
    deps.clock.advance(60 * DAY);
    const late = await refusal(
      actOnCase(deps, mediator, settled.caseId, {
        action: 'REQUEST_JUDICIAL_CONFIRMATION',
        courtId: 'qd-court',
      }),
    );
    expect(late.message).toMatch(/the period ended \d{4}-\d{2}-\d{2}$/);
    const zh = JSON.parse(errorResponse(late, 'zh-CN').response.body ?? '{}').error.message;
    expect(zh).toMatch(/期限已于 \d{4}-\d{2}-\d{2} 届满$/);
  });
});
