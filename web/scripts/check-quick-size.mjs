#!/usr/bin/env node
// Fails (exit 1) when the JavaScript the quick-order page loads is over its budget.
//   node scripts/check-quick-size.mjs [--dist dist] [--limit-kb 100]
// Reads dist/q.html, follows every <script src> and <link rel="modulepreload">, and then
// every static and dynamic import inside those files, gzips each file (level 9) and adds
// them up. Prints one line per file and the total.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '..', opt('--dist', 'dist'));
const limitKb = Number(opt('--limit-kb', '100'));
const limit = limitKb * 1024;

const htmlPath = resolve(dist, 'q.html');
if (!existsSync(htmlPath)) {
  console.error(`check-quick-size: ${htmlPath} not found; run \`npx vite build\` first.`);
  process.exit(1);
}
const html = readFileSync(htmlPath, 'utf8');

/** Site path ("/assets/x.js") of every script the page loads or preloads. */
const entries = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
  const attr = (name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  if (/^<script/i.test(tag)) {
    const src = attr('src');
    if (src) entries.add(src);
  } else if (/^(modulepreload|preload)$/i.test(attr('rel') ?? '')) {
    const href = attr('href');
    if (href && (/\.m?js(\?|$)/.test(href) || /^modulepreload$/i.test(attr('rel')))) entries.add(href);
  }
}
// Inline module scripts may import chunks too.
for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
  for (const spec of importsOf(body)) if (spec.startsWith('/')) entries.add(spec);
}

if (entries.size === 0) {
  console.error('check-quick-size: q.html loads no script; is this the built page?');
  process.exit(1);
}

function importsOf(code) {
  const out = [];
  const patterns = [
    /\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g, // import x from "./a.js"; import "./a.js"
    /\bexport\s*[\w*{}\s,$]*?\s*from\s*["']([^"']+)["']/g, // export * from "./a.js"
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, // import("./a.js")
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  // Vite's preload helper lists dependency chunks as plain strings: "assets/x.js".
  for (const m of code.matchAll(/["'](\/?assets\/[\w.-]+\.js)["']/g)) out.push(m[1]);
  return out;
}

function toSitePath(spec, from) {
  if (/^(https?:)?\/\//.test(spec)) return null; // another origin: not ours to count
  if (spec.startsWith('/')) return spec.split(/[?#]/)[0];
  if (spec.startsWith('assets/')) return `/${spec}`;
  if (spec.startsWith('.')) return posix.normalize(posix.join(posix.dirname(from), spec)).split(/[?#]/)[0];
  return null; // a bare specifier cannot load in a browser without an import map
}

const seen = new Map();
const queue = [...entries].map((p) => toSitePath(p, '/')).filter(Boolean);
while (queue.length) {
  const site = queue.shift();
  if (seen.has(site)) continue;
  const file = resolve(dist, `.${site}`);
  if (!existsSync(file)) {
    console.error(`check-quick-size: ${site} is referenced but missing from ${dist}`);
    process.exit(1);
  }
  const code = readFileSync(file);
  seen.set(site, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
  for (const spec of importsOf(code.toString('utf8'))) {
    const next = toSitePath(spec, site);
    if (next && /\.m?js$/.test(next) && !seen.has(next)) queue.push(next);
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = 0;
for (const [site, size] of seen) {
  total += size.gzip;
  console.log(`  ${site}  ${kb(size.raw)} raw, ${kb(size.gzip)} gzip`);
}
const ok = total <= limit;
console.log(
  `quick-order page JavaScript: ${kb(total)} gzip in ${seen.size} file(s); budget ${limitKb} KB — ${ok ? 'OK' : 'OVER BUDGET'}`,
);
process.exit(ok ? 0 : 1);
