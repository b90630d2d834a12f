// Generates src/api/schema.d.ts from the server's OpenAPI document (../src/http/openapi.json),
// the same document the server publishes at /api/v1/openapi.json.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(webRoot, '../src/http/openapi.json');
const output = resolve(webRoot, 'src/api/schema.d.ts');

console.log(`gen:api: ${input} -> ${output}`);
const bin = resolve(webRoot, 'node_modules/.bin/openapi-typescript');
const result = spawnSync(bin, [input, '-o', output, '--default-non-nullable=false'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
