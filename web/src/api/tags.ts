// Tags (F5): suggestions from the tags in use and bulk add/remove on a selection of customers.
// Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { badBody, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type TagSuggestions = JsonOf<paths['/api/v1/tags']['get']['responses'][200]>;
export type TagUse = TagSuggestions['items'][number];
export type BulkTagsRequest = JsonOf<paths['/api/v1/customers/bulk/tags']['post']['requestBody']>;
export type BulkTagsResult = JsonOf<paths['/api/v1/customers/bulk/tags']['post']['responses'][200]>;

/** What the server accepts (customer JSON limits): per tag, per request, per bulk action. */
export const TAG_MAX_LENGTH = 50;
export const BULK_MAX_TAGS = 20;
export const BULK_MAX_CUSTOMERS = 10000;
export const SUGGESTION_LIMIT = 8;

/** Tags in use starting with `prefix` (case and accents ignored), most used first. */
export async function suggestTags(prefix: string, limit = SUGGESTION_LIMIT): Promise<TagUse[]> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/tags', { params: { query: { q: prefix.trim() || undefined, limit } } }),
  );
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw badBody('tag suggestions');
  return items.filter(
    (t): t is TagUse => !!t && typeof t.name === 'string' && typeof t.customer_count === 'number',
  );
}

/** Adds and removes tags on every customer in `customer_ids`, all or nothing. */
export async function bulkTags(body: BulkTagsRequest): Promise<BulkTagsResult> {
  const result: unknown = await unwrap(api().POST('/api/v1/customers/bulk/tags', { body }));
  const r = result as Partial<BulkTagsResult> | null;
  if (!r || typeof r.updated !== 'number' || typeof r.unchanged !== 'number') throw badBody('bulk tags');
  return { updated: r.updated, unchanged: r.unchanged };
}

/** The key the server compares tags by: trimmed, lower-case, accents removed. */
export function tagKey(tag: string): string {
  return tag.trim().normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export const tagKeys = {
  all: ['tags'] as const,
  suggestions: (prefix: string) => [...tagKeys.all, 'suggest', tagKey(prefix)] as const,
};
