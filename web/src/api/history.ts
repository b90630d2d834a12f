// A customer's history (F8), comments and attachments (F9). Types come from the generated
// OpenAPI schema by path, like types.ts.
import { api, CSRF_COOKIE, CSRF_HEADER, readCookie, redirectToLogin } from './client';
import { checked, items, unwrap, type JsonOf } from './call';
import { networkError, toApiError } from './errors';
import type { components, paths } from './schema';

export type HistoryList = JsonOf<paths['/api/v1/customers/{id}/history']['get']['responses'][200]>;
export type HistoryItem = components['schemas']['HistoryItem'];
export type HistoryChange = components['schemas']['HistoryChange'];
export type HistoryAttachment = components['schemas']['HistoryAttachment'];
export type HistoryKind = HistoryItem['kind'];

/** Every kind, in the order the filter chips show them. */
export const HISTORY_KINDS = [
  'updated',
  'status',
  'created',
  'note',
  'comment',
  'attachment',
  'order',
  'message',
  'login',
] as const satisfies readonly HistoryKind[];

export const HISTORY_PAGE_SIZE = 30;
export const COMMENT_MAX_LENGTH = 5000;
/** The server refuses files over 20 MiB (413). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

function item(body: unknown): HistoryItem {
  return checked(body, 'history item', (b) => typeof b.id === 'string' && typeof b.kind === 'string');
}

/** One page of a customer's history, newest first; `kinds` empty means every kind. */
export async function listHistory(
  customerId: string,
  kinds: readonly HistoryKind[],
  cursor?: string | null,
): Promise<HistoryList> {
  const body: unknown = await unwrap(
    api().GET('/api/v1/customers/{id}/history', {
      params: {
        path: { id: customerId },
        query: {
          limit: HISTORY_PAGE_SIZE,
          cursor: cursor ?? undefined,
          kind: kinds.length ? [...kinds] : undefined,
        },
      },
    }),
  );
  return items<HistoryItem>(body, 'history');
}

export async function postComment(customerId: string, text: string): Promise<HistoryItem> {
  return item(
    await unwrap(
      api().POST('/api/v1/customers/{id}/history/comments', {
        params: { path: { id: customerId } },
        body: { body: text },
      }),
    ),
  );
}

export interface UploadOptions {
  comment?: string;
  /** Called with the share of the body sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file (multipart/form-data) with XMLHttpRequest, which reports upload progress
 * (fetch does not). Resolves to the new history item; rejects with an ApiError like the
 * other calls (413 payload_too_large, 422 with `file` unsupported_type, network).
 */
export function uploadAttachment(customerId: string, file: File, options: UploadOptions = {}): Promise<HistoryItem> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (options.comment) form.append('comment', options.comment);
  return postMultipart(`/api/v1/customers/${encodeURIComponent(customerId)}/history/attachments`, form, options).then(item);
}

/**
 * POSTs a multipart/form-data body with XMLHttpRequest (which reports upload progress; fetch
 * does not), with the CSRF header. Resolves to the parsed JSON of a 2xx; rejects with an
 * ApiError like the other calls (413 payload_too_large, 422, network) or an AbortError.
 */
export function postMultipart(url: string, form: FormData, options: Omit<UploadOptions, 'comment'> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrf = readCookie(CSRF_COOKIE, document.cookie);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      if (xhr.status === 401) redirectToLogin();
      const response = { status: xhr.status, headers: { get: (name: string) => xhr.getResponseHeader(name) } };
      reject(toApiError(response as unknown as Response, body));
    };
    xhr.onerror = () => reject(networkError('upload failed'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Query keys, so pages invalidate the right caches. */
export const historyKeys = {
  all: ['history'] as const,
  customer: (customerId: string) => [...historyKeys.all, customerId] as const,
  list: (customerId: string, kinds: readonly string[]) => [...historyKeys.customer(customerId), [...kinds]] as const,
};
