import { describe, expect, it } from 'vitest';
import {
  creditCodeProblem,
  maskMobile,
  maskResidentId,
  mobileProblem,
  residentIdCheckChar,
  residentIdProblem,
} from '../../domain/shared/identifiers.ts';

const TODAY = '2026-11-24';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example with an X check character', () => {
    expect(residentIdProblem('11010519491231002X', TODAY)).toBeNull();
  });

  it('rejects a wrong check digit', () => {
    expect(residentIdProblem('110105194912310021', TODAY)).toMatch(/check digit/);
  });

  it('rejects impossible and future birth dates', () => {
    const feb30 = `11010519900230123`;
    expect(residentIdProblem(feb30 + residentIdCheckChar(feb30), TODAY)).toMatch(/birth date/);
    const future = `11010520300101123`;
    expect(residentIdProblem(future + residentIdCheckChar(future), TODAY)).toMatch(/birth date/);
  });

  it('rejects wrong length and lower-case x', () => {
    expect(residentIdProblem('11010519491231002', TODAY)).toMatch(/18 characters/);
    expect(residentIdProblem('11010519491231002x', TODAY)).toMatch(/18 characters/);
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts published examples', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000600037341L')).toBeNull();
  });

  it('rejects a changed check character and forbidden letters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/check character/);
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/upper-case/);
  });
});

describe('mobile numbers and masks', () => {
  it('checks mainland mobiles', () => {
    expect(mobileProblem('13812345678')).toBeNull();
    expect(mobileProblem('23812345678')).not.toBeNull();
    expect(mobileProblem('1381234567')).not.toBeNull();
  });

  it('masks the birth date out of an ID number and the middle of a phone', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
    expect(maskResidentId('11010519491231002X')).not.toContain('19491231');
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});
