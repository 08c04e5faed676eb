import { describe, expect, it, vi } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import { logger } from '../../functions/shared/observability.ts';
import { depsWith, intake, mediator, residentId } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const ID = residentId('11010519491231002');
const PHONE = '13912345678';
const typed = `call ${PHONE} or see ID ${ID}`;

describe('personal data typed into free text', () => {
  it('is masked in every free-text field of the case a reader gets, and in its worker fields', async () => {
    const deps = depsWith(new MemoryCaseRepository());
    const c = await fileCase(
      deps,
      mediator,
      intake({
        summary: typed,
        platform: typed,
        claims: [{ category: 'WAGE_ARREARS', amountFen: 100, description: typed }],
      }),
    );
    const failed = await actOnCase(deps, mediator, c.caseId, { action: 'FAIL_MEDIATION', reason: typed });
    const shown = JSON.stringify(maskedCase(failed));
    expect(shown).not.toContain(ID);
    expect(shown).not.toContain(PHONE);
    expect(shown).not.toContain(failed.workers[0]?.idNumber);
    expect(shown).not.toContain(failed.workers[0]?.phone);
    expect(maskedCase(failed).outcome).toBe(`call 139****5678 or see ID 110***********002X`);
    expect(maskedCase(failed).summary).toBe(maskedCase(failed).outcome);
    // What is not personal data is shown as it is.
    expect(maskedCase(failed)).toMatchObject({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      status: 'MEDIATION_FAILED',
    });
  });

  it('is masked in log lines, message and attributes alike', () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(capture),
      vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    ];
    const level = logger.getLevelName();
    try {
      logger.setLogLevel('INFO');
      logger.info(`a note: ${typed}`, { reason: typed, nested: { text: typed } });
      logger.error('failed', new Error(typed));
    } finally {
      logger.setLogLevel(level);
      for (const spy of spies) spy.mockRestore();
    }
    const out = lines.join('');
    expect(out).toContain('139****5678');
    expect(out).toContain('"level":"ERROR"');
    expect(out).not.toContain(ID);
    expect(out).not.toContain(PHONE);
  });
});
