import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDebounced } from './useDebounced';

/** `value` when it is one of `allowed`, else undefined (for enum filters read from the URL). */
export function pickParam<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * A list page's filters, kept in the URL: `updateParams` sets or clears parameters (a list sets a
 * repeated parameter, `tag=a&tag=b`), replacing the history entry, and the search box `search` is
 * written to `q` once the person pauses for `debounceMs`, while a `q` changed by other means (back
 * button, a link) shows in the box.
 */
export function useUrlFilters(debounceMs: number) {
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const [search, setSearch] = useState(urlQ);
  const debounced = useDebounced(search.trim(), debounceMs);
  const pushedQ = useRef(urlQ);
  const lastDebounced = useRef(debounced);

  const updateParams = useCallback(
    (changes: Record<string, string | readonly string[] | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            next.delete(k);
            // A list is a repeated parameter (`tag=a&tag=b`); empty values are left out.
            for (const one of typeof v === 'string' ? [v] : (v ?? [])) if (one) next.append(k, one);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Only what the person typed goes to the URL: a `q` changed by other means is left alone.
  useEffect(() => {
    if (debounced === lastDebounced.current) return;
    lastDebounced.current = debounced;
    if (debounced === urlQ) return;
    pushedQ.current = debounced;
    updateParams({ q: debounced || undefined });
  }, [debounced, urlQ, updateParams]);

  useEffect(() => {
    if (urlQ !== pushedQ.current) {
      pushedQ.current = urlQ;
      setSearch(urlQ);
    }
  }, [urlQ]);

  /** Empties the search box and removes every filter. */
  const clearAll = useCallback(() => {
    setSearch('');
    pushedQ.current = '';
    setParams(new URLSearchParams(), { replace: true });
  }, [setParams]);

  return { params, urlQ, search, setSearch, updateParams, clearAll };
}
