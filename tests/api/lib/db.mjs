// Runs SQL straight against a test server's database, for data no API writes yet (contacts
// before issue 5) and for checks the API cannot make (rows gone after a deletion).
//   const db = useDb(ctx);   // ctx from useServer()
//   await db.exec("INSERT …"); const rows = await db.rows('SELECT …');
// SQLite goes through the sqlite3 CLI (the server runs in WAL mode, so both can work at once),
// PostgreSQL through psql. Values are interpolated with lit(): only for test data.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { BACKEND } from './server.mjs';

const execFileAsync = promisify(execFile);

// A SQL literal: numbers as they are, null as NULL, anything else a quoted string.
export function lit(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replaceAll("'", "''")}'`;
}

async function run(url, sql, { json }) {
  if (BACKEND === 'postgresql') {
    const text = json ? `SELECT COALESCE(json_agg(r), '[]'::json) FROM (${sql}) r` : sql;
    const { stdout } = await execFileAsync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', text], {
      timeout: 30_000,
    });
    return json ? JSON.parse(stdout.trim() || '[]') : undefined;
  }
  const file = url.replace(/^sqlite:/, '');
  const args = ['-cmd', '.timeout 10000', ...(json ? ['-json'] : []), file, sql];
  const { stdout } = await execFileAsync('sqlite3', args, { timeout: 30_000 });
  return json ? JSON.parse(stdout.trim() || '[]') : undefined;
}

// Binds to the server of a useServer() context (read when called, after `before` has run).
export function useDb(context) {
  const url = () => context.server.database.url;
  return {
    // The rows of a SELECT as plain objects (column name → value; integers as numbers).
    rows: (sql) => run(url(), sql, { json: true }),
    // Runs statements that return nothing.
    exec: (sql) => run(url(), sql, { json: false }),
  };
}
