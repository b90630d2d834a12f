// Pure logic behind the tag inputs and the list selection, kept apart for unit tests.
import { tagKey, TAG_MAX_LENGTH, type TagUse } from '../../api/tags';

/**
 * `value` with the tags in `raw` (split at commas, trimmed) appended: one per key (case and
 * accents ignored, as the server compares them), each cut to `maxLength` (the server's length
 * for a tag by default), at most `max` in all. Returns `value` itself when nothing was added.
 */
export function addTags(value: string[], raw: string, max = Infinity, maxLength = TAG_MAX_LENGTH): string[] {
  const next = [...value];
  const keys = new Set(value.map(tagKey));
  for (const part of raw.split(',')) {
    const tag = [...part.trim()].slice(0, maxLength).join('').trim();
    const key = tagKey(tag);
    if (!key || keys.has(key) || next.length >= max) continue;
    keys.add(key);
    next.push(tag);
  }
  return next.length === value.length ? value : next;
}

/** Suggestions worth offering: not chosen already, and still matching what is typed now. */
export function pickableSuggestions(suggestions: TagUse[], chosen: string[], typed: string): TagUse[] {
  const taken = new Set(chosen.map(tagKey));
  const prefix = tagKey(typed);
  return suggestions.filter((s) => !taken.has(tagKey(s.name)) && tagKey(s.name).startsWith(prefix));
}

/** The ids selected in a list, kept in the order they were picked. */
export type Selection = readonly string[];

export function toggleSelected(selection: Selection, id: string): Selection {
  return selection.includes(id) ? selection.filter((x) => x !== id) : [...selection, id];
}

/** Selects every id of `page`, or clears them all when every one is selected already. */
export function toggleAll(selection: Selection, page: readonly string[]): Selection {
  if (page.length > 0 && page.every((id) => selection.includes(id))) {
    const onPage = new Set(page);
    return selection.filter((id) => !onPage.has(id));
  }
  return [...selection, ...page.filter((id) => !selection.includes(id))];
}

/** 'all' | 'some' | 'none' of `page` selected (the header checkbox's checked / mixed state). */
export function pageSelectionState(selection: Selection, page: readonly string[]): 'all' | 'some' | 'none' {
  const selected = page.filter((id) => selection.includes(id)).length;
  if (selected === 0) return 'none';
  return selected === page.length ? 'all' : 'some';
}
