import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode, OTHER_POST, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';
import { partnerClient, TEST_PARTNER_SECRET } from '../support/partner-callbacks.ts';

/**
 * Early warnings over HTTP on the local stack: the simulated bureau (a MONITORING partner) signs a signal
 * of social-insurance arrears for an employer in Shinan district → a level-2 warning dispatched to the post
 * covering the district, with its explanation; a replayed webhook-id counts once; a layoff report raises it
 * to level 1 (the same warning, re-dispatched); the post acknowledges it, verifies on site and disposes of
 * it with a supervision letter. Bad signals are 400s naming the field; another post sees nothing. A
 * disposition the bureau refuses once is REJECTED, listed for admins and the post's supervisor, sent again
 * by an admin (same webhook-id) and DELIVERED.
 */

const BUREAU = 'qd-hrss-bureau';
const SHINAN = '370202';
// A company registered in Shinan district (characters 3–8 of the credit code).
const EMPLOYER = creditCode('91370202MA3C4R2K1');

let stack: RunningStack;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;
let outsider: ReturnType<typeof apiClient>;
let otherSupervisor: ReturnType<typeof apiClient>;
let admin: ReturnType<typeof apiClient>;
let bureau: ReturnType<typeof partnerClient>;
let warningId: string;

/** A 400's field issues: the API's `{ error: { details } }` (a callback's refusal may be unwrapped). */
type Issues = { field: string }[];
const issuesOf = (body: {
  error?: { details?: { issues?: Issues } };
  details?: { issues?: Issues };
}): Issues => body.error?.details?.issues ?? body.details?.issues ?? [];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const signal = (data: Record<string, unknown>) => ({
  type: 'monitoring.signal',
  data: {
    creditCode: EMPLOYER,
    period: { from: '2026-01-01', to: today() },
    observedOn: today(),
    employerName: '青岛港湾物流有限公司',
    ...data,
  },
});

beforeAll(async () => {
  stack = await launchLocalStack(['--port', '0', '--partners=manual'], {
    LOCAL_PARTNER_SECRET: TEST_PARTNER_SECRET,
  });
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
  outsider = apiClient(stack.url, await tokenFor('mediator', OTHER_POST));
  otherSupervisor = apiClient(stack.url, await tokenFor('supervisor', OTHER_POST));
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ'));
  bureau = partnerClient(stack.url);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('early warnings over HTTP', () => {
  it('maps a district to its post (admins only; an unknown post is a 422)', async () => {
    expect((await admin('PUT', `/districts/${SHINAN}`, { postId: POST, name: '市南区' })).status).toBe(200);
    expect((await mediator('PUT', `/districts/${SHINAN}`, { postId: POST })).status).toBe(403);
    expect(issuesOf((await admin('PUT', '/districts/37020', { postId: POST })).body)[0]?.field).toBe(
      'district',
    );
    expect((await admin('PUT', `/districts/${SHINAN}`, { postId: 'QD-XX-99' })).status).toBe(422);
  });

  it('refuses bad signals with a 400 naming the field', async () => {
    const unknown = await bureau(
      BUREAU,
      signal({ indicator: 'WEATHER', value: 1, unit: 'MONTHS', reference: 'x-1' }),
    );
    expect(unknown.status).toBe(400);
    expect(issuesOf(unknown.body)[0]?.field).toBe('data.indicator');
    const badCode = await bureau(
      BUREAU,
      signal({
        creditCode: '91370202MA3C4R2K10',
        indicator: 'TAX_ARREARS',
        value: 1,
        unit: 'MONTHS',
        reference: 'x-2',
      }),
    );
    expect(issuesOf(badCode.body)[0]?.field).toBe('data.creditCode');
    const badUnit = await bureau(
      BUREAU,
      signal({ indicator: 'LAYOFF_REPORT', value: 3, unit: 'MONTHS', reference: 'x-3' }),
    );
    expect(issuesOf(badUnit.body)[0]?.field).toBe('data.unit');
    const forged = await bureau(
      BUREAU,
      signal({ indicator: 'TAX_ARREARS', value: 1, unit: 'MONTHS', reference: 'x-4' }),
      { secret: `whsec_${Buffer.from('not the bureau secret at all!!').toString('base64')}` },
    );
    expect(forged.status).toBe(401);
  });

  it('raises a level-2 warning at the post covering the district, with its explanation; a replay counts once', async () => {
    const arrears = signal({
      indicator: 'SOCIAL_INSURANCE_ARREARS',
      value: 2,
      unit: 'MONTHS',
      reference: '青人社监测〔2026〕001号',
    });
    const first = await bureau(BUREAU, arrears);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ accepted: true, level: 2 });
    warningId = first.body.warningId;
    const replay = await bureau(BUREAU, arrears, { webhookId: first.webhookId });
    expect(replay.body).toEqual(first.body);

    const got = await mediator('GET', `/warnings/${warningId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      warningId,
      creditCode: EMPLOYER,
      district: SHINAN,
      postId: POST,
      level: 2,
      status: 'DISPATCHED',
      ruleVersion: 1,
      sources: [BUREAU],
      overdue: false,
    });
    const rule = got.body.fired.find((f: { ruleId: string }) => f.ruleId === 'SI-ARREARS-1M');
    expect(rule).toMatchObject({ level: 2, value: 2, threshold: 1 });
    expect(rule.signals).toEqual([
      { source: BUREAU, reference: '青人社监测〔2026〕001号', observedOn: today(), value: 2 },
    ]);
    expect(got.body.acknowledgeBy < got.body.disposeBy).toBe(true);
    expect((await outsider('GET', `/warnings/${warningId}`)).status).toBe(404);

    const district = await admin('GET', `/warnings?district=${SHINAN}&level=2`);
    expect(district.body.items.map((w: { warningId: string }) => w.warningId)).toContain(warningId);
    const post = await supervisor('GET', '/warnings?status=DISPATCHED');
    expect(post.body.items.map((w: { warningId: string }) => w.warningId)).toContain(warningId);
    expect((await outsider('GET', '/warnings')).body.items).toEqual([]);
    expect((await mediator('GET', '/warnings?level=7')).status).toBe(400);
  });

  it('a layoff report raises the same warning to level 1 and re-dispatches it', async () => {
    const layoff = await bureau(
      BUREAU,
      signal({
        indicator: 'LAYOFF_REPORT',
        value: 250,
        unit: 'WORKERS',
        reference: '青人社裁员备案〔2026〕17号',
      }),
    );
    expect(layoff.body).toMatchObject({ warningId, level: 1 });
    const got = await mediator('GET', `/warnings/${warningId}`);
    expect(got.body).toMatchObject({ level: 1, status: 'DISPATCHED' });
    expect(got.body.fired[0]).toMatchObject({ ruleId: 'LAYOFF-200', level: 1, value: 250 });
    expect(got.body.history.map((h: { action: string }) => h.action)).toEqual([
      'RAISE',
      'DISPATCH',
      'RAISE_LEVEL',
      'DISPATCH',
    ]);
    const risk = await mediator('GET', `/employers/${EMPLOYER}/risk`);
    expect(risk.body).toMatchObject({ creditCode: EMPLOYER, level: 1, openWarningId: warningId });
    expect(risk.body.signals).toHaveLength(2);
    expect((await mediator('GET', '/employers/91370202MA3C4R2K1X/risk')).status).toBe(400);
  });

  it('is acknowledged, verified on site and disposed with a supervision letter', async () => {
    const act = (body: unknown) => mediator('POST', `/warnings/${warningId}/actions`, body);
    expect((await act({ action: 'DISPOSE', disposition: { kind: 'NO_RISK', note: '—' } })).status).toBe(409);
    expect((await act({ action: 'ACKNOWLEDGE' })).body.status).toBe('ACKNOWLEDGED');
    expect((await act({ action: 'START_VERIFICATION' })).body.status).toBe('VERIFYING');
    const bad = await act({ action: 'DISPOSE', disposition: { kind: 'SUPERVISION_LETTER', letter: 'POEM' } });
    expect(bad.status).toBe(400);
    const disposed = await act({
      action: 'DISPOSE',
      disposition: {
        kind: 'SUPERVISION_LETTER',
        letter: 'REMINDER_LETTER',
        number: '青工监提〔2026〕3号',
        issuedOn: today(),
      },
    });
    expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
    expect(disposed.body).toMatchObject({
      status: 'DISPOSED',
      disposition: { number: '青工监提〔2026〕3号' },
    });
    expect((await act({ action: 'CLOSE' })).status).toBe(403);
    expect(
      (await supervisor('POST', `/warnings/${warningId}/actions`, { action: 'CLOSE' })).body.status,
    ).toBe('CLOSED');
    const open = await admin('GET', `/warnings?district=${SHINAN}`);
    expect(open.body.items.map((w: { warningId: string }) => w.warningId)).not.toContain(warningId);
  });

  it('reports the disposition to the bureau as a signed webhook, taken once', async () => {
    type Taken = { webhookId: string; warningId: string; type: string; body: { warning: unknown } };
    let taken: Taken[] = [];
    for (let i = 0; i < 150 && taken.length === 0; i++) {
      const received = (await (await fetch(`${stack.partnersUrl}/received`)).json()) as {
        dispositions: Taken[];
      };
      taken = received.dispositions.filter((d) => d.warningId === warningId);
      if (taken.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      type: 'warning.disposed',
      webhookId: `${warningId}.disposition.${BUREAU}`,
      body: {
        warning: { warningId, disposition: { kind: 'SUPERVISION_LETTER', number: '青工监提〔2026〕3号' } },
      },
    });
    expect(JSON.stringify(taken[0])).not.toContain('青岛港湾物流有限公司');
  });

  it('a disposition the bureau refuses is REJECTED, listed, sent again by an admin and DELIVERED', async () => {
    type Report = {
      reportId: string;
      status: string;
      detail: string | null;
      reference: string | null;
      resends: unknown[];
    };
    const employer = creditCode('91370202MA3C4R2K7');
    const raised = await bureau(BUREAU, {
      ...signal({}),
      data: {
        ...signal({}).data,
        creditCode: employer,
        indicator: 'WAGE_ARREARS',
        value: 2,
        unit: 'MONTHS',
        reference: '青人社监测〔2026〕021号',
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const id = raised.body.warningId as string;
    const act = (body: unknown) => mediator('POST', `/warnings/${id}/actions`, body);
    expect((await act({ action: 'ACKNOWLEDGE' })).status).toBe(200);
    expect((await act({ action: 'START_VERIFICATION' })).status).toBe(200);
    expect((await mediator('GET', `/warnings/${id}`)).body.reports).toEqual([]);
    // The bureau's next signed delivery is refused with a 422 (a 4xx: sending again by itself cannot help).
    expect(
      (await fetch(`${stack.partnersUrl}/refuse-next?partner=${BUREAU}`, { method: 'POST' })).status,
    ).toBe(204);
    const disposed = await act({
      action: 'DISPOSE',
      disposition: { kind: 'NO_RISK', note: '现场核查未见异常' },
    });
    expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
    const reportId = `${id}.disposition.${BUREAU}`;
    const reportsOf = async () => (await mediator('GET', `/warnings/${id}`)).body.reports as Report[];
    const until = async (status: string) => {
      let reports: Report[] = [];
      for (let i = 0; i < 150 && reports[0]?.status !== status; i++) {
        reports = await reportsOf();
        if (reports[0]?.status !== status) await new Promise((r) => setTimeout(r, 200));
      }
      return reports;
    };
    const rejected = await until('REJECTED');
    expect(rejected).toEqual([
      expect.objectContaining({
        reportId,
        partnerId: BUREAU,
        postId: POST,
        status: 'REJECTED',
        detail: 'partner answered 422',
        reference: null,
        resends: [],
      }),
    ]);

    const ids = (page: { body: { items: Report[] } }) => page.body.items.map((r) => r.reportId);
    expect(ids(await admin('GET', '/disposition-reports?status=REJECTED'))).toContain(reportId);
    expect(ids(await supervisor('GET', '/disposition-reports?status=REJECTED&limit=50'))).toContain(reportId);
    expect(ids(await otherSupervisor('GET', '/disposition-reports?status=REJECTED'))).not.toContain(reportId);
    expect((await mediator('GET', '/disposition-reports?status=REJECTED')).status).toBe(403);
    const badStatus = await admin('GET', '/disposition-reports?status=DELIVERED');
    expect(badStatus.status).toBe(400);
    expect(issuesOf(badStatus.body)[0]?.field).toBe('status');
    expect(issuesOf((await admin('GET', '/disposition-reports')).body)[0]?.field).toBe('status');
    const badCursor = await admin('GET', '/disposition-reports?status=REJECTED&cursor=forged.cursor');
    expect(badCursor.status).toBe(400);
    expect(issuesOf(badCursor.body)[0]?.field).toBe('cursor');
    const badLimit = await admin('GET', '/disposition-reports?status=REJECTED&limit=0');
    expect(issuesOf(badLimit.body)[0]?.field).toBe('limit');

    const resend = (who: typeof admin, rid: string, headers?: Record<string, string>) =>
      who('POST', `/disposition-reports/${encodeURIComponent(rid)}/resend`, undefined, headers);
    expect((await resend(supervisor, reportId)).status).toBe(403);
    const badId = await resend(admin, 'not-a-report');
    expect(badId.status).toBe(400);
    expect(issuesOf(badId.body)[0]?.field).toBe('reportId');
    expect((await resend(admin, `${id}.disposition.qd-unknown-bureau`)).status).toBe(404);
    const key = { 'idempotency-key': `resend-${id}` };
    const sent = await resend(admin, reportId, key);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ reportId, status: 'PENDING', settledAt: null, detail: null });
    expect(sent.body.resends).toEqual([
      expect.objectContaining({ by: expect.any(String), detail: 'partner answered 422' }),
    ]);
    // A retry with the same key gets the first answer; without one it is a 409 (no longer REJECTED).
    expect((await resend(admin, reportId, key)).body).toEqual(sent.body);
    expect((await resend(admin, reportId)).status).toBe(409);

    const delivered = await until('DELIVERED');
    expect(delivered[0]).toMatchObject({ status: 'DELIVERED', reference: expect.stringMatching(/^HRSS-/) });
    expect(delivered[0]?.resends).toHaveLength(1);
    expect(ids(await admin('GET', '/disposition-reports?status=REJECTED'))).not.toContain(reportId);
    expect(ids(await admin('GET', '/disposition-reports?status=PENDING'))).not.toContain(reportId);
    expect((await resend(admin, reportId)).status).toBe(409);
    const received = (await (await fetch(`${stack.partnersUrl}/received`)).json()) as {
      dispositions: { webhookId: string }[];
    };
    expect(received.dispositions.filter((d) => d.webhookId === reportId)).toHaveLength(1);
  });

  it('the local clock passes a deadline to acknowledge: reminded and escalated once', async () => {
    const other = creditCode('91370202MA3C4R2K5');
    const raised = await bureau(BUREAU, {
      ...signal({
        indicator: 'SOCIAL_INSURANCE_ARREARS',
        value: 1,
        unit: 'MONTHS',
        reference: '青人社监测〔2026〕009号',
      }),
      data: {
        ...signal({}).data,
        creditCode: other,
        indicator: 'SOCIAL_INSURANCE_ARREARS',
        value: 1,
        unit: 'MONTHS',
        reference: '青人社监测〔2026〕009号',
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const id = raised.body.warningId as string;
    const due = (await mediator('GET', `/warnings/${id}`)).body.acknowledgeBy as string;
    const sweep = async (at: string) => {
      const res = await fetch(`${stack.url}/_local/sla`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ at }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { warnings: { raised: { warningId: string; deadline: string }[] } };
      return body.warnings.raised.filter((r) => r.warningId === id);
    };
    expect(await sweep(new Date(Date.parse(due) - 60_000).toISOString())).toEqual([]);
    const after = new Date(Date.parse(due) + 60_000).toISOString();
    expect(await sweep(after)).toEqual([{ warningId: id, deadline: 'ACKNOWLEDGE', dueAt: due }]);
    expect(await sweep(after)).toEqual([]);
    expect((await mediator('GET', `/warnings/${id}`)).body.status).toBe('DISPATCHED');
  });

  it('loads a new rule table (admins), validated; the closed warning keeps version 1', async () => {
    const rules = (await admin('GET', '/warning-rules')).body;
    expect(rules.version).toBe(1);
    const bad = await admin('PUT', '/warning-rules', { rules: [{ ...rules.rules[0], unit: 'CASES' }] });
    expect(issuesOf(bad.body)[0]?.field).toBe('rules[0].unit');
    expect((await mediator('PUT', '/warning-rules', { rules: rules.rules })).status).toBe(403);
    const loaded = await admin('PUT', '/warning-rules', { rules: rules.rules });
    expect(loaded.body.version).toBe(2);
    expect((await mediator('GET', `/warnings/${warningId}`)).body.ruleVersion).toBe(1);
  });
});
