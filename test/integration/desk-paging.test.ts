import { describe, expect, it } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { freshCasesTableEach } from '../support/dynamodb.ts';
import { DAY, depsWith, intake, mediator, testClock } from '../support/fixtures.ts';

/**
 * Issue 22: the desk list (`GET /cases?due=`) pages on DynamoDB Local. Its cursor was signed over a window
 * computed from the request time, so page 2 asked for a moment later was a 400; now the window travels in
 * the cursor.
 */

const table = freshCasesTableEach();

describe('the desk list', () => {
  it('continues with page 2 asked for later, and refuses a cursor of another window', async () => {
    const clock = testClock('2026-03-02T02:00:00.000Z');
    const deps = depsWith(table.repo, clock);
    const filed: string[] = [];
    for (let i = 0; i < 3; i++) filed.push((await fileCase(deps, mediator, intake())).caseId);
    // Weeks later every mediation clock is overdue.
    clock.set(new Date(Date.parse('2026-03-02T02:00:00.000Z') + 30 * DAY).toISOString());
    const seen: string[] = [];
    let page = await listCases(deps, mediator, { due: 'overdue', limit: 1 });
    seen.push(...page.items.map((c) => c.caseId));
    for (let i = 0; i < 5 && page.nextCursor; i++) {
      clock.advance(1000);
      page = await listCases(deps, mediator, { due: 'overdue', limit: 1, cursor: page.nextCursor });
      seen.push(...page.items.map((c) => c.caseId));
    }
    expect(seen.sort()).toEqual([...filed].sort());

    const first = await listCases(deps, mediator, { due: 'overdue', limit: 1 });
    const cursor = first.nextCursor as string;
    await expect(listCases(deps, mediator, { due: 'week', cursor })).rejects.toMatchObject({
      details: { issues: [{ field: 'cursor' }] },
    });
    // An edited window is refused like an edited cursor: the store signed the window it was issued for.
    const edited = cursor.replace(/^desk~overdue~~[^~]+/, 'desk~overdue~~2027-01-01T00:00:00.000Z');
    expect(edited).not.toBe(cursor);
    await expect(listCases(deps, mediator, { due: 'overdue', cursor: edited })).rejects.toMatchObject({
      details: { issues: [{ field: 'cursor' }] },
    });
  }, 60_000);
});
