import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/shared/constants.ts';
import { EmbeddedMetrics } from '../../functions/shared/observability.ts';

/** Every line the code under test writes on stdout during `act`, parsed, with its timestamp zeroed. */
function linesOf(act: () => void): Record<string, unknown>[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written.map((line) => {
    const parsed = JSON.parse(line) as { _aws: { Timestamp: number } };
    expect(parsed._aws.Timestamp).toBeGreaterThan(0);
    parsed._aws.Timestamp = 0;
    return parsed;
  });
}

/** The same invocation recorded by both writers. */
function recordBoth(record: (m: Pick<EmbeddedMetrics, 'addMetric'>) => void) {
  const ours = new EmbeddedMetrics({
    namespace: METRICS_NAMESPACE,
    serviceName: SERVICE_NAME,
    disabled: false,
  });
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const theirs = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  return {
    ours: linesOf(() => {
      record(ours);
      ours.publishStoredMetrics();
    }),
    theirs: linesOf(() => {
      record(theirs);
      theirs.publishStoredMetrics();
    }),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('metrics in the embedded metric format (functions/shared/observability.ts)', () => {
  it('writes the line Powertools Metrics writes for the same metrics', () => {
    const { ours, theirs } = recordBoth((m) => {
      m.addMetric('Success', MetricUnit.Count, 1);
      m.addMetric('ActionApplied', MetricUnit.Count, 1);
    });
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([
      {
        _aws: {
          Timestamp: 0,
          CloudWatchMetrics: [
            {
              Namespace: METRICS_NAMESPACE,
              Dimensions: [['service']],
              Metrics: [
                { Name: 'Success', Unit: 'Count' },
                { Name: 'ActionApplied', Unit: 'Count' },
              ],
            },
          ],
        },
        service: SERVICE_NAME,
        Success: 1,
        ActionApplied: 1,
      },
    ]);
  });

  it('carries a metric added more than once as its list of values, as Powertools does', () => {
    const { ours, theirs } = recordBoth((m) => {
      m.addMetric('HandoffPublished', MetricUnit.Count, 1);
      m.addMetric('HandoffPublished', MetricUnit.Count, 1);
      m.addMetric('HandoffRedispatched', MetricUnit.Count, 0);
    });
    expect(ours).toEqual(theirs);
    expect(ours[0]).toMatchObject({ HandoffPublished: [1, 1], HandoffRedispatched: 0 });
  });

  it('writes a line early once a metric holds 100 values, and nothing for an invocation without metrics', () => {
    const { ours, theirs } = recordBoth((m) => {
      for (let i = 0; i < 101; i++) m.addMetric('HandoffPublished', MetricUnit.Count, 1);
    });
    expect(ours).toEqual(theirs);
    expect(
      ours.map((line) => (line.HandoffPublished as number[] | number).toString().split(',').length),
    ).toEqual([100, 1]);
    const quiet = new EmbeddedMetrics({
      namespace: METRICS_NAMESPACE,
      serviceName: SERVICE_NAME,
      disabled: false,
    });
    expect(linesOf(() => quiet.publishStoredMetrics())).toEqual([]);
  });

  it('writes nothing when POWERTOOLS_METRICS_DISABLED is true, and forgets what was recorded', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const off = new EmbeddedMetrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
    off.addMetric('Success', MetricUnit.Count, 1);
    expect(linesOf(() => off.publishStoredMetrics())).toEqual([]);
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const on = new EmbeddedMetrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
    const once = linesOf(() => {
      on.addMetric('Success', MetricUnit.Count, 1);
      on.publishStoredMetrics();
      on.publishStoredMetrics();
    });
    expect(once).toHaveLength(1);
  });
});
