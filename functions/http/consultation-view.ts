import * as z from 'zod/mini';
import { maskedConsultation } from '../../domain/consultations/masked.ts';
import type { Consultation } from '../../domain/consultations/model.ts';
import { parseOrThrow } from '../../domain/shared/validation.ts';
import type { HttpEvent } from './request.ts';

/** A consultation as the API shows it: personal data masked (domain/consultations/masked.ts). */
export const consultationView = (c: Consultation) => maskedConsultation(c);

const CONSULTATION_ID = z.uuid('must be a consultation id (UUID)');

export function consultationIdOf(event: HttpEvent): string {
  return parseOrThrow(CONSULTATION_ID, event.pathParameters?.consultationId, 'consultationId');
}
