/**
 * Where a case can be handed, declared once: another union post, a labour arbitration institute, a people's
 * court. Queues, partner registry, messages and routes all take their kinds from here.
 */
export const DESTINATION_KINDS = ['UNION_POST', 'ARBITRATION', 'COURT'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/**
 * The partners outside the union, reached by signed webhook and listed in the partner registry: the
 * destinations a case can be handed to, and the monitoring partners (the human-resources and
 * social-security bureau, tax, labour inspection, the 12351 hotline) that send early-warning signals and
 * hear of their dispositions (issue 20); a case is never handed to one.
 */
export const PARTNER_KINDS = ['ARBITRATION', 'COURT', 'MONITORING'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Destination {
  readonly kind: DestinationKind;
  /** A post id for UNION_POST, a partner id otherwise. */
  readonly id: string;
}
