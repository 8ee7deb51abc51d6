/**
 * The module hooks of ts-loader.mjs (they run on Node's loader thread): a relative `.js` import from a TypeScript file
 * is the `.ts` file beside it when there is one (TypeScript's NodeNext convention), and a `.ts` file is compiled by
 * esbuild (types stripped, as tsx and the bundle do), its output kept on disk by the source's hash. Every other
 * module goes to Node unchanged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync, version } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'ts-hooks');
const TSCONFIG = readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
/** What the output depends on besides the source: esbuild's version, its options here, the tsconfig. */
const SALT = `${version}\u0000${readFileSync(fileURLToPath(import.meta.url), 'utf8')}\u0000${TSCONFIG}`;
const tsconfigRaw = JSON.parse(TSCONFIG);

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent?.endsWith('.ts') && specifier.endsWith('.js') && (specifier.startsWith('./') || specifier.startsWith('../'))) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(url)) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts') || !url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(SALT).update('\u0000').update(file).update('\u0000').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    code = transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file, tsconfigRaw }).code;
    mkdirSync(CACHE, { recursive: true });
    // (a name of its own: worker threads of one process may compile the same file at once)
    const temp = `${cached}.${randomUUID()}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
