import { maskedCase } from '../../domain/case/masked.ts';
import type { Case } from '../../domain/case/model.ts';

/** A case as the API shows it: personal data masked (domain/case/masked.ts). */
export const caseView = (c: Case) => maskedCase(c);
