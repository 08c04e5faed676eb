import type { Session } from './auth.ts';
import type { Language } from './i18n.ts';

/** The figures of one row of `GET /stats` (docs/statistics.md defines each). */
export interface Figures {
  readonly received: number;
  readonly receivedByOrigin: Readonly<Record<string, number>>;
  readonly collective: number;
  readonly workers: number;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly closed: number;
  readonly closedByManner: Readonly<Record<string, number>>;
  readonly mediationSuccessRate: number | null;
  readonly closedOnTimeRate: number | null;
  readonly daysToCloseMedian: number | null;
  readonly recoveredFen: number;
  readonly consultations: number;
  readonly [name: string]: unknown;
}

export interface Stats {
  readonly from: string;
  readonly to: string;
  readonly groupBy: string;
  readonly postId: string | null;
  readonly rows: readonly { readonly key: string; readonly figures: Figures }[];
  readonly totals: Figures;
}

/** An answer the API refused, with its status and the message of its error body. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A client of the API like any other: the bearer token, the page's language, JSON or CSV. */
export function apiClient(apiBase: string, session: Session, language: Language) {
  const call = async (path: string, accept = 'application/json') => {
    const res = await fetch(`${apiBase}${path}`, {
      headers: { authorization: `Bearer ${session.token}`, accept, 'accept-language': language },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new ApiError(res.status, body?.error?.message ?? res.statusText);
    }
    return res;
  };
  const json = async <T>(path: string) => (await (await call(path)).json()) as T;
  return {
    stats: (query: Record<string, string>) => json<Stats>(`/stats?${new URLSearchParams(query)}`),
    csv: async (query: Record<string, string>) =>
      (await call(`/stats?${new URLSearchParams(query)}`, 'text/csv')).blob(),
    posts: () => json<{ items: { postId: string; name: string }[] }>('/posts?limit=100'),
    /** The post's cases with an overdue clock, counted page by page (up to `cap`). */
    overdue: async (postId: string, cap = 1000) => {
      let count = 0;
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ due: 'overdue', postId, limit: '100' });
        if (cursor) query.set('cursor', cursor);
        const page: { items: unknown[]; nextCursor: string | null } = await json(`/cases?${query}`);
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor && count < cap);
      return count;
    },
  };
}
