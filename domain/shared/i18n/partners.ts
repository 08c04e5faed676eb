import type { Texts } from './terms.ts';

/** Issue 22's partner refusals: an opening at a post not linked to the partner (or not existing at all). */
export const PARTNER_MESSAGES = {
  'callback.unlinkedPost': {
    en: '{postId} is not a union post linked to this partner',
    'zh-CN': '{postId} 不是与该机构关联的工会工作站',
  },
} as const satisfies Record<string, Texts>;
