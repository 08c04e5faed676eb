import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/** The holiday calendar routes over HTTP: `GET /calendar/{year}` for everyone, `PUT` for admins. */

let stack: RunningStack;
let admin: ReturnType<typeof apiClient>;
let mediator: ReturnType<typeof apiClient>;
let supervisor: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // Deadlines use a loaded year within CALENDAR_TTL_SECONDS (5 minutes); this stack reads it every time.
  process.env.CALENDAR_TTL_SECONDS = '0';
  stack = await launchLocalStack();
  admin = apiClient(stack.url, await tokenFor('admin', 'QD-HQ', 'admin-wang'));
  mediator = apiClient(stack.url, await tokenFor('mediator', POST));
  supervisor = apiClient(stack.url, await tokenFor('supervisor', POST));
});

afterAll(async () => {
  await stack?.stop();
});

/** 2031 as an admin might load it (dates for the test: Sat 11 Jan 2031 worked). */
const Y2031 = {
  restDays: ['2031-10-01', '2031-01-01', '2031-10-02', '2031-10-03'],
  workingDays: ['2031-01-11'],
};

describe('the holiday calendar over HTTP', () => {
  it('shows the package’s 2026 to any role, with its make-up working days', async () => {
    const res = await mediator('GET', '/calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, source: 'PACKAGE' });
    expect(res.body.restDays).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23', '2026-10-01']));
    expect(res.body.workingDays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(res.body.updatedAt).toBeUndefined();
  });

  it('answers NONE for a year nobody has published', async () => {
    const res = await supervisor('GET', '/calendar/2099');
    expect(res).toMatchObject({
      status: 200,
      body: { year: 2099, source: 'NONE', restDays: [], workingDays: [] },
    });
  });

  it('lets an admin load a year, which then wins, and a repeated PUT changes nothing', async () => {
    const put = await admin('PUT', '/calendar/2031', Y2031);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      year: 2031,
      source: 'ADMIN',
      restDays: ['2031-01-01', '2031-10-01', '2031-10-02', '2031-10-03'],
      workingDays: ['2031-01-11'],
      updatedBy: 'admin-wang',
    });
    const read = await mediator('GET', '/calendar/2031');
    expect(read).toMatchObject({ status: 200, body: { ...put.body } });

    const again = await admin('PUT', '/calendar/2031', Y2031);
    expect(again.status).toBe(200);
    expect({ ...again.body, updatedAt: undefined }).toEqual({ ...put.body, updatedAt: undefined });
  });

  it('refuses a load from anyone but an admin (403), and without a token (401)', async () => {
    for (const caller of [mediator, supervisor]) {
      const res = await caller('PUT', '/calendar/2032', { restDays: ['2032-01-01'], workingDays: [] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await apiClient(stack.url)('PUT', '/calendar/2032', Y2031)).status).toBe(401);
    expect((await mediator('GET', '/calendar/2032')).body.source).toBe('NONE');
  });

  it.each([
    ['a date outside the year', '2031', { ...Y2031, restDays: ['2030-12-31'] }, 'restDays[0]'],
    ['a date in both lists', '2031', { ...Y2031, workingDays: ['2031-10-01'] }, 'workingDays[0]'],
    ['a duplicate date', '2031', { ...Y2031, restDays: ['2031-01-01', '2031-01-01'] }, 'restDays[1]'],
    ['not a date', '2031', { ...Y2031, restDays: ['1 October'] }, 'restDays[0]'],
    ['an impossible date', '2031', { ...Y2031, restDays: ['2031-02-29'] }, 'restDays[0]'],
    [
      'a weekday as a make-up working day',
      '2031',
      { ...Y2031, workingDays: ['2031-01-13'] },
      'workingDays[0]',
    ],
    ['an empty body', '2031', '', 'body'],
    ['a body that is not an object', '2031', '[]', 'body'],
    ['a string for a list', '2031', { ...Y2031, restDays: '2031-01-01' }, 'restDays'],
    ['a number for a date', '2031', { ...Y2031, workingDays: [20310111] }, 'workingDays[0]'],
    ['a missing list', '2031', { restDays: Y2031.restDays }, 'workingDays'],
    ['an unknown field', '2031', { ...Y2031, source: 'ADMIN' }, 'source'],
    ['a year that is not one', 'next', Y2031, 'year'],
  ])('answers 400 naming the field for %s', async (_, year, body, field) => {
    const res = await admin('PUT', `/calendar/${year}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('refuses to read a year that is not one', async () => {
    const res = await mediator('GET', '/calendar/20x6');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].field).toBe('year');
  });

  it('counts a new case’s mediation period on the admin’s year (Civil Code art. 203)', async () => {
    // Make the nominal last day of a mediation filed now (15 days on) a rest day; nothing else in its year.
    const last = addDays(shanghaiDate(new Date()), 15);
    const year = last.slice(0, 4);
    const put = await admin('PUT', `/calendar/${year}`, { restDays: [last], workingDays: [] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    let due = addDays(last, 1);
    while ([0, 6].includes(new Date(`${due}T00:00:00Z`).getUTCDay())) due = addDays(due, 1);

    const filed = await mediator('POST', '/cases', intake());
    expect(filed.status).toBe(201);
    expect(filed.body.mediationDueAt).toBe(endOfShanghaiDay(due));
    expect(filed.body.mediationDueAtProvisional ?? false).toBe(false);
  });
});
