// Export and import of the customer list (F4). Types come from the generated OpenAPI schema.
import { api } from './client';
import { badBody, unwrap } from './call';
import { ApiError } from './errors';
import type { components } from './schema';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportRowError = components['schemas']['ImportError'];
export type ImportWarning = components['schemas']['ImportWarning'];
export type ExportFormat = 'xlsx' | 'csv';

/** The customers page's URL parameters that the export takes as its filters. */
export const EXPORT_FILTERS = ['q', 'status', 'temperature', 'tag', 'account_status', 'registration_status', 'sort'] as const;

/** The largest file the server takes (bytes). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The download address of the list as `params` (the customers page's URL search parameters)
 * filter it. A plain GET with the session cookie, so an `<a download>` link works.
 */
export function exportUrl(format: ExportFormat, params: URLSearchParams): string {
  const query = new URLSearchParams({ format });
  for (const name of EXPORT_FILTERS) {
    for (const value of params.getAll(name)) if (value) query.append(name, value);
  }
  return `/api/v1/customers/export?${query.toString()}`;
}

function isReport(body: Record<string, unknown>): boolean {
  return Array.isArray(body.errors) && typeof body.created === 'number' && typeof body.updated === 'number';
}

/**
 * Sends `file` (CSV or .xlsx). With `dryRun` nothing is written and the report says what would
 * happen, bad rows included. A real import with bad rows writes nothing either; the server
 * answers 422 with the same report, which is returned as such.
 */
export async function importCustomers(file: Blob, dryRun: boolean): Promise<ImportReport> {
  // The bytes, not the Blob: any fetch implementation sends an ArrayBuffer as is.
  const bytes = await file.arrayBuffer();
  try {
    const body: unknown = await unwrap(
      api().POST('/api/v1/customers/import', {
        params: { query: { dry_run: dryRun ? 'true' : 'false' } },
        body: bytes as unknown as string,
        bodySerializer: (raw: unknown) => raw as BodyInit,
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
      }),
    );
    if (!body || typeof body !== 'object' || !isReport(body as Record<string, unknown>)) {
      throw badBody('import');
    }
    return body as ImportReport;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'validation_failed' && isReport(e.body)) {
      return e.body as unknown as ImportReport;
    }
    throw e;
  }
}
