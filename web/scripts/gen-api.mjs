// Generates src/api/schema.d.ts from the server's OpenAPI document when it exists
// (../src/http/openapi.json), otherwise from the seed kept in this folder.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverDoc = resolve(webRoot, '../src/http/openapi.json');
const seedDoc = resolve(webRoot, 'openapi.seed.json');
const input = existsSync(serverDoc) ? serverDoc : seedDoc;
const output = resolve(webRoot, 'src/api/schema.d.ts');

console.log(`gen:api: ${input} -> ${output}`);
const bin = resolve(webRoot, 'node_modules/.bin/openapi-typescript');
const result = spawnSync(bin, [input, '-o', output, '--default-non-nullable=false'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
