/** People acting through the mediator API. */
export const HUMAN_ROLES = ['mediator', 'supervisor', 'admin'] as const;
/** Systems acting through signed callbacks and queue consumers. */
export const SYSTEM_ROLES = ['system', 'arbitration', 'court'] as const;
export type Role = (typeof HUMAN_ROLES)[number] | (typeof SYSTEM_ROLES)[number];

/** Who acts: a person (with their post) or a system (a court or institute carries its partner id as `postId`). */
export interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly postId: string;
}

export const isHuman = (actor: Actor): boolean => (HUMAN_ROLES as readonly string[]).includes(actor.role);
