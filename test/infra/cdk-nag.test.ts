import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, type Synthesized, synth } from './support/synth.ts';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` under a scope. */
function acknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const findings = (report: ReturnType<AwsSolutionsChecks['validateScope']>) =>
  report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
  );

describe.each(['dev', 'prod'] as const)('cdk-nag AwsSolutions (%s)', (stageName) => {
  let s: Synthesized;
  beforeAll(() => {
    // Synth itself runs the checks (a finding of error level would throw here).
    s = synth(stageName);
  });
  afterAll(() => s?.cleanup());

  it.each(['stateful', 'stateless', 'dashboard'] as const)(
    'leaves no unacknowledged finding on the %s stack',
    (which) => {
      const stack = s[which];
      if (!stack) throw new Error(`no ${which} stack`);
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(findings(report)).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual(
        [],
      );
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    },
  );

  it('names a reason for every acknowledgement, in the tree and in the template metadata', () => {
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks)
      expect(ack.reason.trim().length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);

    const inTemplates = [s.statefulTemplate, s.statelessTemplate].flatMap((template) =>
      Object.values(
        template.toJSON().Resources as Record<string, { Metadata?: Record<string, Json> }>,
      ).flatMap(
        (resource) =>
          (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
      ),
    );
    expect(inTemplates.length).toBeGreaterThan(0);
    for (const rule of inTemplates) expect(rule.reason.trim().length, rule.id).toBeGreaterThanOrEqual(40);
  });

  it('acknowledges nothing that is not found: every acknowledgement matches a real finding', () => {
    // The same checks with acknowledgements ignored (cdk-nag keeps that switch private).
    const raw = new AwsSolutionsChecks();
    (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const stacks = [s.stateful, s.stateless, ...(s.dashboard ? [s.dashboard] : [])];
    const rawFindings = stacks.flatMap((stack) => raw.validateScope(stack).violations);
    const acks = acknowledgements(s.app);
    for (const ack of acks) {
      const matched = rawFindings.some(
        (v) =>
          v.ruleName === ack.id &&
          v.violatingResources.some((r) => r.constructPath?.startsWith(`${ack.path}/`)),
      );
      expect(matched, `${ack.id} at ${ack.path} suppresses nothing`).toBe(true);
    }
    // And every raw finding is one of the acknowledged ones.
    for (const v of rawFindings) {
      for (const r of v.violatingResources) {
        const covered = acks.some((a) => a.id === v.ruleName && r.constructPath?.startsWith(`${a.path}/`));
        expect(covered, `${v.ruleName} at ${r.constructPath}`).toBe(true);
      }
    }
  });
});

describe('cdk-nag AwsSolutions, the control case', () => {
  it('reports an unencrypted, non-TLS queue without a dead-letter queue', () => {
    const app = new App();
    const stack = new Stack(app, 'Control');
    new Queue(stack, 'Careless');
    const rules = new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });
});
