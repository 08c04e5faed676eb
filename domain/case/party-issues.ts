import { agentIssues, type CaseIntake } from './intake.ts';
import { commonClaimWorkers } from './parties.ts';

/**
 * The parties' checks that need the whole intake: claims name workers the case has; ten or more workers
 * with a common claim are a collective dispute (LDMAL art. 7), whose elected representatives are recorded
 * (at least one; MOHRSS Rules 2017 art. 63 lets the workers elect three to five for arbitration, a "may",
 * not enforced); agents act for workers the case has, with ID numbers valid today; an oral application
 * carries its record and a written one none (art. 12).
 */
export function partyIssues(
  intake: Pick<
    CaseIntake,
    'workers' | 'claims' | 'representatives' | 'agents' | 'applicationForm' | 'oralRecord'
  >,
  today: string,
): { collective: boolean; issues: { field: string; message: string }[] } {
  const issues: { field: string; message: string }[] = [];
  const count = intake.workers.length;
  const notAWorker = 'is not a worker of this case';
  intake.claims.forEach((claim, i) => {
    (claim.workerIndexes ?? []).forEach((w, j) => {
      if (w >= count) issues.push({ field: `claims[${i}].workerIndexes[${j}]`, message: notAWorker });
    });
    if (claim.knewOn !== undefined && claim.knewOn > today) {
      issues.push({ field: `claims[${i}].knewOn`, message: 'must not be in the future' });
    }
  });
  const common = commonClaimWorkers(intake.claims, count);
  const collective = common.size > 0;
  const representatives = intake.representatives;
  if (collective && representatives === undefined) {
    issues.push({
      field: 'representatives',
      message:
        'required for a collective dispute: ten or more workers with a common claim elect representatives (LDMAL art. 7)',
    });
  } else if (!collective && representatives !== undefined) {
    issues.push({
      field: 'representatives',
      message: 'only for a collective dispute: ten or more workers with a common claim (LDMAL art. 7)',
    });
  } else {
    (representatives ?? []).forEach((w, j) => {
      if (w >= count) issues.push({ field: `representatives[${j}]`, message: notAWorker });
      else if (!common.has(w)) {
        issues.push({
          field: `representatives[${j}]`,
          message: 'must be one of the workers sharing the common claim',
        });
      }
    });
  }
  (intake.agents ?? []).forEach((agent, i) => {
    issues.push(...agentIssues(agent, count, today).map((x) => ({ ...x, field: `agents[${i}].${x.field}` })));
  });
  if (intake.applicationForm === 'ORAL' && intake.oralRecord === undefined) {
    issues.push({ field: 'oralRecord', message: 'required for an ORAL application (LDMAL art. 12)' });
  } else if (intake.applicationForm !== 'ORAL' && intake.oralRecord !== undefined) {
    issues.push({ field: 'oralRecord', message: 'only for an ORAL application' });
  }
  if (intake.oralRecord && intake.oralRecord.recordedOn > today) {
    issues.push({ field: 'oralRecord.recordedOn', message: 'must not be in the future' });
  }
  return { collective, issues };
}
