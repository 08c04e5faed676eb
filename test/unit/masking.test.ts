import { describe, expect, it, vi } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import { redactPersonalData } from '../../domain/shared/identifiers.ts';
import { redactDeep } from '../../domain/shared/masking.ts';
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

describe('one mask for every string at every depth (issue 22)', () => {
  const masked = (text: string) => redactPersonalData(text);

  it('catches mobiles however they are typed', () => {
    for (const typedPhone of [
      '+86 138 1234 5678',
      '+86-138-1234-5678',
      '+86 13812345678',
      '0086 138 1234 5678',
      '138-1234-5678',
      '138 1234 5678',
      '138.1234.5678',
      '13812345678',
      '(+86)13812345678',
    ]) {
      const out = masked(`call ${typedPhone} today`);
      expect(out, typedPhone).toContain('138****5678');
      expect(out.replace(/\D/g, ''), typedPhone).not.toContain('12345678');
    }
  });

  it('catches ID numbers glued to letters, with a lower-case x, and the 15-digit first-generation form', () => {
    const eighteen = residentId('11010119900307123');
    expect(masked(`ID${eighteen}abc`)).toBe(`ID${eighteen.slice(0, 3)}***********${eighteen.slice(-4)}abc`);
    expect(masked(`身份证${eighteen.toLowerCase()}号`)).not.toContain(eighteen.slice(6, 14));
    // GB 11643's predecessor: 6 digits of area, YYMMDD, 3 of sequence, no check character.
    const old = '110101900307123';
    expect(masked(`old card ${old}`)).toBe('old card 110********7123');
    expect(masked(`ID${old}x`)).not.toContain('900307');
  });

  it('leaves ids and hashes alone: UUIDs and hexadecimal digests are not phone or ID numbers', () => {
    const uuid = '550e8400-e29b-41d4-a716-a13812345678';
    const digest = `ab${'13812345678'}cd${'110101199003071234'}ef`.padEnd(64, '0');
    expect(masked(uuid)).toBe(uuid);
    expect(masked(`case ${uuid} done`)).toBe(`case ${uuid} done`);
    expect(masked(digest)).toBe(digest);
    expect(masked('2026-12-07T11:51:35.123Z QD-SN-01-2026-000001')).toBe(
      '2026-12-07T11:51:35.123Z QD-SN-01-2026-000001',
    );
  });

  it('reaches nested strings in objects and arrays, and nothing that is not a string', () => {
    const value = {
      n: 13812345678,
      list: [`a ${PHONE}`, { deep: { deeper: [`ID ${ID}`] } }],
      ok: true,
      none: null,
    };
    const out = redactDeep(value);
    expect(JSON.stringify(out)).not.toContain(PHONE);
    expect(JSON.stringify(out)).not.toContain(ID);
    expect(out).toMatchObject({ n: 13812345678, ok: true, none: null });
    expect(value.list[0]).toBe(`a ${PHONE}`);
  });

  it('masks every string a case view holds, also in fields the view does not name', async () => {
    const deps = depsWith(new MemoryCaseRepository());
    const c = await fileCase(deps, mediator, intake({ summary: 'x' }));
    const withUnknown = { ...c, limitationOverride: { reason: typed }, extra: [{ note: typed }] };
    const shown = JSON.stringify(maskedCase(withUnknown as typeof c));
    expect(shown).not.toContain(ID);
    expect(shown).not.toContain(PHONE);
  });
});
