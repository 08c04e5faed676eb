import { ApiError } from './api.ts';
import type { Session } from './auth.ts';
import type { Language } from './i18n.ts';
import type { WarningView } from './warnings.ts';
import type { BoardSource } from './warnings-board.ts';

/** At most this many warnings are listed on the board; the rest are a filter away. */
const CAP = 1000;

/**
 * The board's reads, as any client makes them: `GET /warnings` page by page (`cursor`), open warnings only,
 * and `GET /warnings/{id}` for one warning's explanation.
 */
export function warningsSource(apiBase: string, session: Session, language: Language): BoardSource {
  const json = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${apiBase}${path}`, {
      headers: {
        authorization: `Bearer ${session.token}`,
        accept: 'application/json',
        'accept-language': language,
      },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new ApiError(res.status, body?.error?.message ?? res.statusText);
    }
    return (await res.json()) as T;
  };
  return {
    list: async () => {
      const items: WarningView[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ status: 'OPEN', limit: '100' });
        if (cursor) query.set('cursor', cursor);
        const page: { items: WarningView[]; nextCursor: string | null } = await json(`/warnings?${query}`);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < CAP);
      return items;
    },
    one: (warningId) => json<WarningView>(`/warnings/${encodeURIComponent(warningId)}`),
  };
}
