import { ApiError } from './api.ts';
import type { Session } from './auth.ts';
import type { Language } from './i18n.ts';
import { isOpen, type WarningView } from './warnings.ts';
import type { BoardSource } from './warnings-board.ts';

/** At most this many warnings are listed on the board; the rest are a filter away. */
const CAP = 1000;

/**
 * The board's reads, as any client makes them. `GET /warnings` lists the caller's post's warnings, any status,
 * page by page (`cursor`); an admin's board reads each post's (`postId`, from `GET /posts`) and each known
 * district's (`district`: its open warnings, those no post covers yet too), each warning once. The board
 * keeps the open ones. `GET /warnings/{id}` gives one warning's explanation.
 */
export function warningsSource(
  apiBase: string,
  session: Session,
  language: Language,
  districts: readonly string[] = [],
): BoardSource {
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
  /** One listing page by page into `into`, open warnings not yet `seen` only. */
  const pages = async (filter: Record<string, string>, into: WarningView[], seen: Set<string>) => {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ ...filter, limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page: { items: WarningView[]; nextCursor: string | null } = await json(`/warnings?${query}`);
      for (const w of page.items) if (isOpen(w) && !seen.has(w.warningId)) into.push(w);
      for (const w of page.items) seen.add(w.warningId);
      cursor = page.nextCursor;
    } while (cursor && into.length < CAP);
  };
  return {
    list: async () => {
      const items: WarningView[] = [];
      const seen = new Set<string>();
      if (session.role !== 'admin') {
        await pages({}, items, seen);
        return items;
      }
      const posts = await json<{ items: { postId: string }[] }>('/posts?limit=100');
      for (const { postId } of posts.items) {
        if (items.length >= CAP) break;
        await pages({ postId }, items, seen);
      }
      for (const district of districts) {
        if (items.length >= CAP) break;
        await pages({ district }, items, seen);
      }
      return items;
    },
    one: (warningId) => json<WarningView>(`/warnings/${encodeURIComponent(warningId)}`),
    sourceNames: async () => {
      const partners = await json<{ items: { id: string; name: string }[] }>('/partners?kind=MONITORING');
      return new Map(partners.items.map((p) => [p.id, p.name]));
    },
  };
}
