/**
 * Where a case can be handed, declared once: another union post, a labour arbitration institute, a people's
 * court. Queues, partner registry, messages and routes all take their kinds from here.
 */
export const DESTINATION_KINDS = ['UNION_POST', 'ARBITRATION', 'COURT'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** The destinations outside the union, reached by signed webhook and listed in the partner registry. */
export const PARTNER_KINDS = ['ARBITRATION', 'COURT'] as const satisfies readonly DestinationKind[];
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Destination {
  readonly kind: DestinationKind;
  /** A post id for UNION_POST, a partner id otherwise. */
  readonly id: string;
}
