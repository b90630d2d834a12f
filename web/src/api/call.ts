// What every module of src/api/ shares: the types taken from the generated schema, awaiting a
// call, and checking that a 2xx body has the shape the contract promises.
import { ApiError, networkError, toApiError } from './errors';

/** The JSON body of a response or request body in the generated schema (`paths[…]…`). */
export type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A list page: its items and the cursor of the next page (null on the last one). */
export type Page<T> = { items: T[]; next_cursor: string | null };

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (e) {
    throw networkError(e);
  }
  if (!result.response.ok) throw toApiError(result.response, result.error);
  return result.data as T;
}

/** The If-Match header of a PATCH or a transition: a stale `version` answers 412. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** An answer that is not what the contract promises (a 2xx with the wrong body). */
export function badBody(what: string): ApiError {
  return new ApiError({ status: 0, code: 'bad_response', detail: `unexpected ${what} body` });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A list page whose `items` really is a list (anything else is refused, not rendered), with
 * the page's other members kept and an empty or missing `next_cursor` as null.
 */
export function page<T extends { items: unknown[] }>(body: unknown, what: string): T {
  if (!isObject(body) || !Array.isArray(body.items)) throw badBody(what);
  return { ...body, next_cursor: nextCursor(body) } as unknown as T;
}

/** Only the items and the cursor of a list page (see `page`). */
export function items<T>(body: unknown, what: string): Page<T> {
  if (!isObject(body) || !Array.isArray(body.items)) throw badBody(what);
  return { items: body.items as T[], next_cursor: nextCursor(body) };
}

function nextCursor(body: Record<string, unknown>): string | null {
  return typeof body.next_cursor === 'string' && body.next_cursor ? body.next_cursor : null;
}

/** `body` as a T when `valid` says it has the members T needs, else a bad_response error. */
export function checked<T>(body: unknown, what: string, valid: (b: Record<string, unknown>) => boolean): T {
  if (!isObject(body) || !valid(body)) throw badBody(what);
  return body as unknown as T;
}
