// A customer's notes (F6). Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { unwrap } from './call';
import { ApiError } from './errors';
import type { paths } from './schema';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Note = JsonOf<paths['/api/v1/notes/{id}']['patch']['responses'][200]>;
export type NoteList = JsonOf<paths['/api/v1/customers/{id}/notes']['get']['responses'][200]>;
export type NoteCreate = JsonOf<paths['/api/v1/customers/{id}/notes']['post']['requestBody']>;
export type NotePatch = JsonOf<paths['/api/v1/notes/{id}']['patch']['requestBody']>;
export type NotePriority = Note['priority'];

/** In the order the server lists them (and the form offers them). */
export const NOTE_PRIORITIES = ['high', 'medium', 'none'] as const satisfies readonly NotePriority[];
export const NOTE_MAX_LENGTH = 5000;
export const NOTES_PAGE_SIZE = 50;

function badBody(what: string): ApiError {
  return new ApiError({ status: 0, code: 'bad_response', detail: `unexpected ${what} body` });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function note(body: unknown): Note {
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.body !== 'string') throw badBody('note');
  return body as unknown as Note;
}

/**
 * One page of a customer's notes, in the server's order (high, medium, none; newest first
 * within each). `cursor` continues from a previous page's `next_cursor`.
 */
export async function listNotes(customerId: string, cursor?: string | null): Promise<NoteList> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/notes', {
      params: { path: { id: customerId }, query: { limit: NOTES_PAGE_SIZE, cursor: cursor ?? undefined } },
    }),
  );
  if (!isObject(body) || !Array.isArray(body.items)) throw badBody('note list');
  return {
    items: body.items as Note[],
    next_cursor: typeof body.next_cursor === 'string' && body.next_cursor ? body.next_cursor : null,
  };
}

export async function createNote(customerId: string, body: NoteCreate): Promise<Note> {
  return note(
    await unwrap(api().POST('/api/v1/customers/{id}/notes', { params: { path: { id: customerId } }, body })),
  );
}

/** PATCHes only `changes` with If-Match; a stale version answers 412 (precondition_failed). */
export async function updateNote(id: string, version: number, changes: NotePatch): Promise<Note> {
  return note(
    await unwrap(
      api().PATCH('/api/v1/notes/{id}', {
        params: { path: { id } },
        body: changes,
        headers: { 'If-Match': `"${version}"` },
      }),
    ),
  );
}

export async function deleteNote(id: string): Promise<void> {
  await unwrap(api().DELETE('/api/v1/notes/{id}', { params: { path: { id } }, parseAs: 'text' }));
}

/** Query keys, so pages invalidate the right caches. */
export const noteKeys = {
  all: ['notes'] as const,
  list: (customerId: string) => [...noteKeys.all, 'list', customerId] as const,
};
