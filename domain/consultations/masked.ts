import { redactPersonalData as mask, maskPhone, maskResidentId } from '../shared/identifiers.ts';
import { redactDeep } from '../shared/masking.ts';
import type { Consultation } from './model.ts';

/**
 * A consultation as any reader sees it, masked as a case is (domain/case/masked.ts; PIPL art. 6): the
 * worker's ID and phone numbers masked, a person employer's ID number too, and every free text — the
 * advice, the names, the platform, the referral — with anything shaped like an ID or phone number masked;
 * then every string at every depth (`redactDeep`), as a case view.
 */
export function maskedConsultation(c: Consultation): Consultation {
  return redactDeep({
    ...c,
    advice: mask(c.advice),
    platform: c.platform === null ? null : mask(c.platform),
    referredTo: c.referredTo === null ? null : mask(c.referredTo),
    worker:
      c.worker === null
        ? null
        : {
            name: mask(c.worker.name),
            ...(c.worker.idNumber === undefined ? {} : { idNumber: maskResidentId(c.worker.idNumber) }),
            ...(c.worker.phone === undefined ? {} : { phone: maskPhone(c.worker.phone) }),
          },
    employer:
      c.employer === null
        ? null
        : {
            ...c.employer,
            name: mask(c.employer.name),
            ...(c.employer.idNumber === undefined ? {} : { idNumber: maskResidentId(c.employer.idNumber) }),
          },
  });
}
