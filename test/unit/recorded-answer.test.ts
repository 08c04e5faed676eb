import { describe, expect, it } from 'vitest';
import { answerRecorded } from '../../functions/shared/recorded.ts';

/** A record whose write the test completes (or fails) by hand, noting what happened in order. */
function pendingRecord(log: string[]) {
  let settle!: (error?: Error) => void;
  const recording = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      log.push(error ? 'record failed' : 'record stored');
      if (error) reject(error);
      else resolve();
    };
  });
  return { recording, settle };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('answerRecorded: the answer built while the access record is written', () => {
  it('builds the answer while the record is in flight, and returns only once it is stored', async () => {
    const log: string[] = [];
    const { recording, settle } = pendingRecord(log);
    let returned = false;
    const answered = answerRecorded(recording, () => {
      log.push('answer built');
      return 'the view';
    }).then((value) => {
      returned = true;
      log.push('returned');
      return value;
    });
    await turns(3);
    expect(log).toEqual(['answer built']);
    expect(returned).toBe(false);
    settle();
    await expect(answered).resolves.toBe('the view');
    expect(log).toEqual(['answer built', 'record stored', 'returned']);
  });

  it('a record that fails fails the request: the read is not answered unrecorded', async () => {
    const log: string[] = [];
    const { recording, settle } = pendingRecord(log);
    const answered = answerRecorded(recording, () => 'the view');
    await turns(2);
    settle(new Error('ProvisionedThroughputExceeded'));
    await expect(answered).rejects.toThrow('ProvisionedThroughputExceeded');
  });

  it('an answer that fails waits for the record before its error goes up', async () => {
    const log: string[] = [];
    const { recording, settle } = pendingRecord(log);
    const answered = answerRecorded(recording, () => {
      throw new Error('view failed');
    }).catch((error: Error) => {
      log.push(error.message);
    });
    await turns(3);
    expect(log).toEqual([]);
    settle(new Error('also failed'));
    await answered;
    expect(log).toEqual(['record failed', 'view failed']);
  });
});
