import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { CallbackEnvelope, openingDataSchema } from '../../domain/callbacks/events.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { CalendarYearBody, parseYear } from '../../domain/clocks/calendar-years.ts';
import { PostInput } from '../../domain/directory/model.ts';
import { parseCommand } from '../../domain/lifecycle/command.ts';
import { ACTION_NAMES, ACTION_PAYLOADS, ACTIONS } from '../../domain/lifecycle/table.ts';
import { pageSize } from '../../domain/shared/page.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import { errorResponse } from '../../functions/http/errors.ts';
import {
  caseIdOf,
  type HttpEvent,
  ifMatchOf,
  jsonBody,
  PartnersQuery,
  PostsQuery,
} from '../../functions/http/request.ts';
import { depsWith, intake, mediator, residentId } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * Runs the real schemas and checks over a broad set of bad inputs and collects every message a person
 * would read: none may be one of zod's defaults (written for programmers), and each must have its Chinese.
 */

const ZOD_DEFAULTS =
  /Invalid input|Invalid option|\bexpected\b|\breceived\b|Too small|Too big|Unrecognized key/i;
const CJK = /[\u4e00-\u9fff]/;

/** Values of the wrong kind for any field: each breaks some schema in its own way. */
const BAD_VALUES: readonly unknown[] = [
  undefined,
  null,
  12345,
  -1,
  1.5,
  true,
  '',
  '   ',
  'not-valid',
  'x'.repeat(25_000),
  {},
  [],
  ['x'],
  [{}],
  '2026-02-30',
  '9999-12-31',
];

const shapeOf = (schema: z.ZodMiniType): Record<string, unknown> =>
  (schema as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def.shape ?? {};

/** The caught error of a call, or null when it did not throw. */
async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return null;
  } catch (error) {
    return error;
  }
}

interface Answer {
  readonly where: string;
  readonly en: { message: string; details: { issues?: { field: string; message: string }[] } | null };
  readonly zh: { message: string; details: { issues?: { field: string; message: string }[] } | null };
  readonly status: number;
}

const answers: Answer[] = [];

async function collect(where: string, run: () => unknown) {
  const error = await caught(run);
  if (error === null) return;
  const en = errorResponse(error, 'en').response;
  const zh = errorResponse(error, 'zh-CN').response;
  answers.push({
    where,
    status: en.statusCode ?? 0,
    en: JSON.parse(en.body ?? '{}').error,
    zh: JSON.parse(zh.body ?? '{}').error,
  });
}

/** Every top-level field of an object schema, with every bad value, and the empty and the junk object. */
async function sweep(where: string, schema: z.ZodMiniType, valid: Record<string, unknown> = {}) {
  await collect(`${where} {}`, () => parseOrThrow(schema, {}));
  await collect(`${where} junk`, () => parseOrThrow(schema, { ...valid, colour: 1 }));
  for (const input of [null, 'text', 42, []])
    await collect(`${where} ${String(input)}`, () => parseOrThrow(schema, input));
  for (const field of Object.keys(shapeOf(schema))) {
    for (const value of BAD_VALUES) {
      await collect(`${where}.${field}=${JSON.stringify(value)?.slice(0, 20)}`, () =>
        parseOrThrow(schema, { ...valid, [field]: value }),
      );
    }
  }
}

const event = (overrides: Record<string, unknown>) =>
  ({ headers: {}, requestContext: {}, ...overrides }) as HttpEvent;

describe('messages for bad input', () => {
  it('are never zod defaults, and have their Chinese', async () => {
    // The intake, field by field and inside its lists.
    const good = intake();
    await sweep('intake', ACTIONS.FILE.payload, good);
    for (const field of ['name', 'idNumber', 'phone']) {
      for (const value of BAD_VALUES) {
        const worker = { ...good.workers[0], [field]: value };
        await collect(`workers[0].${field}`, () =>
          parseOrThrow(ACTIONS.FILE.payload, { ...good, workers: [worker] }),
        );
      }
    }
    for (const field of ['name', 'creditCode']) {
      for (const value of BAD_VALUES) {
        await collect(`employer.${field}`, () =>
          parseOrThrow(ACTIONS.FILE.payload, { ...good, employer: { ...good.employer, [field]: value } }),
        );
      }
    }
    // Employers without a credit code (a natural person, a work team's head) and the mix-ups around them.
    const person = { name: '李强', idNumber: residentId() };
    for (const employer of [
      { kind: 'NATURAL_PERSON', name: '李强' },
      { kind: 'WORK_TEAM', ...person, creditCode: good.employer.creditCode },
      { kind: 'ORGANISATION', name: 'x', idNumber: person.idNumber },
      { name: 'x', creditCode: good.employer.creditCode, idNumber: person.idNumber },
      { name: 'x' },
      { kind: 'SOMETHING', name: 'x' },
    ]) {
      await collect(`employer ${JSON.stringify(employer)}`, () =>
        parseOrThrow(ACTIONS.FILE.payload, { ...good, employer }),
      );
    }
    for (const field of ['category', 'amountFen', 'description']) {
      for (const value of BAD_VALUES) {
        const claim = { ...good.claims[0], [field]: value };
        await collect(`claims[0].${field}`, () =>
          parseOrThrow(ACTIONS.FILE.payload, { ...good, claims: [claim] }),
        );
      }
    }
    // The checks filing makes beyond the schema: the same worker twice, dates in the future or too old.
    const deps = depsWith(new MemoryCaseRepository());
    const worker = good.workers[0];
    await collect('same worker', () => fileCase(deps, mediator, intake({ workers: [worker, worker] })));
    await collect('received in future', () => fileCase(deps, mediator, intake({ receivedOn: '2099-01-01' })));
    await collect('received long ago', () => fileCase(deps, mediator, intake({ receivedOn: '2020-01-01' })));
    await collect('knew in future', () => fileCase(deps, mediator, intake({ knewOn: '2099-01-01' })));
    await collect('born tomorrow', () =>
      fileCase(
        deps,
        mediator,
        intake({ workers: [{ ...worker, idNumber: residentId('37020220991231123') }] }),
      ),
    );

    // Every action's payload, and the action name itself.
    await collect('unknown action', () => parseCommand({ action: 'LAUNCH_ROCKET' }));
    await collect('no action', () => parseCommand({}));
    for (const name of ACTION_NAMES) await sweep(name, ACTION_PAYLOADS[name]);

    // Partner callbacks: the envelope and the opening event's data.
    await sweep('callback', CallbackEnvelope, { type: 'court.judgment', data: {} });
    await sweep('opening', openingDataSchema(), good);

    // The holiday calendar, the post directory and list queries.
    await sweep('calendar', CalendarYearBody, { restDays: ['2026-01-01'], workingDays: [] });
    for (const year of ['abc', '1999', '2101', '', undefined])
      await collect(`year ${year}`, () => parseYear(year));
    await sweep('post', PostInput, { name: 'n', district: 'd' });
    await sweep('posts query', PostsQuery);
    await sweep('partners query', PartnersQuery);
    for (const limit of [0, 101, 1.5]) await collect(`page ${limit}`, () => pageSize(limit));

    // What the edge parses itself: the body, the case id in the path, If-Match.
    for (const body of ['', '{', '[1]', 'null'])
      await collect(`body ${body}`, () => jsonBody(event({ body })));
    await collect('case id', () => caseIdOf(event({ pathParameters: { caseId: '../etc' } })));
    await collect('if-match', () => ifMatchOf(event({ headers: { 'if-match': '"seven"' } })));

    expect(answers.length).toBeGreaterThan(300);
    expect(answers.every((a) => a.status === 400)).toBe(true);
    const problems: string[] = [];
    for (const a of answers) {
      const enTexts = [a.en.message, ...(a.en.details?.issues ?? []).map((i) => i.message)];
      const zhTexts = [a.zh.message, ...(a.zh.details?.issues ?? []).map((i) => i.message)];
      for (const text of enTexts)
        if (ZOD_DEFAULTS.test(text)) problems.push(`${a.where}: zod's words: ${text}`);
      for (const text of zhTexts) if (!CJK.test(text)) problems.push(`${a.where}: no Chinese: ${text}`);
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
