// A customer's notes (F6). Types come from the generated OpenAPI schema by path, like types.ts.
import { api } from './client';
import { checked, ifMatch, items, unwrap, type JsonOf } from './call';
import type { paths } from './schema';

export type Note = JsonOf<paths['/api/v1/notes/{id}']['patch']['responses'][200]>;
export type NoteList = JsonOf<paths['/api/v1/customers/{id}/notes']['get']['responses'][200]>;
export type NoteCreate = JsonOf<paths['/api/v1/customers/{id}/notes']['post']['requestBody']>;
export type NotePatch = JsonOf<paths['/api/v1/notes/{id}']['patch']['requestBody']>;
export type NotePriority = Note['priority'];

/** In the order the server lists them (and the form offers them). */
export const NOTE_PRIORITIES = ['high', 'medium', 'none'] as const satisfies readonly NotePriority[];
export const NOTE_MAX_LENGTH = 5000;
export const NOTES_PAGE_SIZE = 50;

function note(body: unknown): Note {
  return checked(body, 'note', (b) => typeof b.id === 'string' && typeof b.body === 'string');
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
  return items<Note>(body, 'note list');
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
        headers: ifMatch(version),
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
