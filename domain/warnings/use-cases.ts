import type { CommandReceipt } from '../case/ports.ts';
import { addDays, shanghaiDate } from '../clocks/legal-time.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, UnknownReferenceError, ValidationError } from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import { type Page, pageSize } from '../shared/page.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { dispositionReports } from './dispositions.ts';
import {
  CREDIT_CODE,
  DISTRICT,
  districtBodySchema,
  WARNING_ID,
  warningCommandSchema,
  warningQuerySchema,
} from './inputs.ts';
import { actOnWarning, mayHandle, type WarningCommand } from './lifecycle.ts';
import { type Level, nextDue, type Signal, type Warning } from './model.ts';
import type { District, WarningDeps } from './ports.ts';
import { DEFAULT_RULE_SET, parseRuleTable, type RuleSet } from './rules.ts';

/** A warning as the API answers it: the stored warning, its next deadline and whether it is overdue. */
export interface WarningView extends Warning {
  readonly nextDueAt: string | null;
  readonly overdue: boolean;
}

export const viewOf = (w: Warning, now: string): WarningView => {
  const due = nextDue(w);
  return { ...w, nextDueAt: due, overdue: due !== null && due < now };
};

/** One warning, to the post it is dispatched to and to admins; anyone else is told it does not exist. */
export async function readWarning(
  deps: Pick<WarningDeps, 'warnings'>,
  actor: Actor,
  warningId: string,
): Promise<Warning> {
  if (!WARNING_ID.safeParse(warningId).success)
    throw ValidationError.field('warningId', 'must be a warning id (credit code-sequence)');
  const w = await deps.warnings.get(warningId);
  if (!w || !mayHandle(actor, w)) throw new NotFoundError('warning', warningId);
  return w;
}

/**
 * `GET /warnings`: a district's open warnings by level (most severe first, overdue first within a level),
 * or the caller's post's warnings of any status by next deadline; admins may name a post. People of a post
 * see only the warnings dispatched to it.
 */
export async function listWarnings(deps: WarningDeps, actor: Actor, query: unknown): Promise<Page<Warning>> {
  const q = parseOrThrow(warningQuerySchema, query);
  if (q.postId && actor.role !== 'admin' && q.postId !== actor.postId) {
    throw new ForbiddenError(message('warning.listOwnPost', { role: actor.role, postId: actor.postId }));
  }
  const page = await deps.warnings.list({
    ...(q.district ? { district: q.district } : { postId: q.postId ?? actor.postId }),
    ...(q.level ? { level: Number(q.level) as Level } : {}),
    ...(q.status ? { status: q.status } : {}),
    limit: pageSize(q.limit === undefined ? undefined : Number(q.limit)),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  return { ...page, items: page.items.filter((w) => mayHandle(actor, w)) };
}

/**
 * `POST /warnings/{warningId}/actions`: one step of the lifecycle (lifecycle.ts) by the post's people or
 * a supervisor; a disposition is reported back to the source partners (the notifier's handoff).
 */
export async function actOnWarningById(
  deps: WarningDeps,
  actor: Actor,
  warningId: string,
  body: unknown,
  receipt?: (next: Warning) => CommandReceipt,
): Promise<Warning> {
  const command = parseOrThrow(warningCommandSchema(), body) as WarningCommand;
  const w = await readWarning(deps, actor, warningId);
  const now = deps.clock.now();
  if (command.action === 'SUPPRESS' && command.until <= shanghaiDate(now)) {
    throw ValidationError.field('until', 'must be after today');
  }
  if (command.action === 'DISPOSE' && command.disposition.kind === 'SUPERVISION_LETTER') {
    if (command.disposition.issuedOn > shanghaiDate(now)) {
      throw ValidationError.field('disposition.issuedOn', 'must not be in the future');
    }
  }
  const next = actOnWarning(w, command, actor, now);
  // A disposition goes back to each monitoring partner whose signals fired the warning: its outbox
  // items are written with the warning, then delivered from the table's stream (warning-dispositions).
  const reports = command.action === 'DISPOSE' ? dispositionReports(next, now) : [];
  await deps.warnings.save(next, w.version, receipt?.(next), reports);
  if (command.action === 'DISPOSE') await deps.notifier.disposed(next);
  return next;
}

export interface EmployerRisk {
  readonly creditCode: string;
  readonly level: Level | null;
  readonly openWarningId: string | null;
  readonly signals: readonly Omit<
    Signal,
    'creditCode' | 'receivedAt' | 'district' | 'employerName' | 'postId' | 'caseNumber' | 'caseId'
  >[];
  readonly cases: {
    readonly count: number;
    readonly caseNumbers: readonly string[];
  };
}

/**
 * `GET /employers/{creditCode}/risk`: the employer's current level (its open warning's), its signal
 * timeline over the last year (newest first), and the cases filed against it in the last 90 days — the
 * count for anyone, the case numbers only of the caller's own post's cases (admins: all).
 */
export async function employerRisk(
  deps: WarningDeps,
  actor: Actor,
  creditCode: string,
): Promise<EmployerRisk> {
  const code = parseOrThrow(CREDIT_CODE, creditCode, 'creditCode');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const state = await deps.warnings.state(code);
  const open = state?.openWarningId ? await deps.warnings.get(state.openWarningId) : null;
  const current = open && !['DISPOSED', 'CLOSED'].includes(open.status) ? open : null;
  const signals = await deps.warnings.signalsSince(code, addDays(today, -365));
  const since90 = addDays(today, -89);
  const cases = signals.filter((s) => s.indicator === 'CASES_FILED' && s.observedOn >= since90);
  return {
    creditCode: code,
    level: current?.level ?? null,
    openWarningId: current?.warningId ?? null,
    signals: [...signals]
      .sort((a, b) => b.observedOn.localeCompare(a.observedOn) || a.reference.localeCompare(b.reference))
      .filter((s) => s.source !== 'SYSTEM')
      .map((s) => ({
        indicator: s.indicator,
        unit: s.unit,
        value: s.value,
        periodFrom: s.periodFrom,
        periodTo: s.periodTo,
        observedOn: s.observedOn,
        source: s.source,
        reference: s.reference,
      })),
    cases: {
      count: cases.length,
      caseNumbers: cases
        .filter((s) => actor.role === 'admin' || s.postId === actor.postId)
        .flatMap((s) => (s.caseNumber ? [s.caseNumber] : []))
        .sort(),
    },
  };
}

/** The rule set in force: the last loaded, or the defaults. */
export async function currentRules(deps: WarningDeps): Promise<RuleSet> {
  return (await deps.rules.current()) ?? DEFAULT_RULE_SET;
}

/** `PUT /warning-rules` (admins): a new version of the table; earlier versions stay for their warnings. */
export async function loadRules(deps: WarningDeps, actor: Actor, body: unknown): Promise<RuleSet> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin loads warning rules');
  const table = parseRuleTable(body);
  const current = await currentRules(deps);
  const next: RuleSet = {
    version: current.version + 1,
    rules: table.rules,
    deadlines: table.deadlines ?? current.deadlines,
    loadedAt: deps.clock.now(),
    loadedBy: actor.sub,
  };
  await deps.rules.put(next);
  return next;
}

/** `PUT /districts/{district}` (admins): the post that covers a district; its new warnings go there. */
export async function putDistrict(
  deps: WarningDeps & { readonly posts: { knows(postId: string): Promise<boolean> } },
  actor: Actor,
  district: string,
  body: unknown,
): Promise<District> {
  if (actor.role !== 'admin') throw new ForbiddenError('only an admin maps districts to posts');
  const code = parseOrThrow(DISTRICT, district, 'district');
  const parsed = parseOrThrow(districtBodySchema, body);
  if (!(await deps.posts.knows(parsed.postId))) {
    throw new UnknownReferenceError('postId', `no union post ${parsed.postId} is registered`);
  }
  const row: District = { district: code, postId: parsed.postId, name: parsed.name ?? null };
  await deps.districts.put(row);
  return row;
}
