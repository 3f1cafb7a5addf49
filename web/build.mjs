// Builds the web console into dist/: app.js (the console, minified ESM bundle), index.html, styles.css and
// the icon; and polaroid.js (the library alone, for other pages). Prints each file's raw and gzipped size
// and fails when the console's gzipped bundle is over its budget.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const consoleDir = path.join(here, 'console');
const BUDGET = 200 * 1024; // dist/app.js, gzipped

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  platform: 'browser',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // apache-arrow's browser build, not its Node one
  mainFields: ['browser', 'module', 'main'],
  conditions: ['browser', 'import'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build({ ...common, entryPoints: [path.join(consoleDir, 'app.js')], outfile: path.join(dist, 'app.js') });
  await build({ ...common, entryPoints: [path.join(here, 'src', 'index.js')], outfile: path.join(dist, 'polaroid.js') });
  const statics = (await readdir(consoleDir)).filter((f) => /\.(html|css|svg|png|ico|webmanifest)$/.test(f));
  for (const f of statics) await copyFile(path.join(consoleDir, f), path.join(dist, f));

  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  for (const ref of ['src="app.js"', 'href="styles.css"']) {
    if (!html.includes(ref)) throw new Error(`index.html must reference ${ref} (a relative path)`);
  }
  if (/\b(?:src|href)="(?:https?:)?\/\//.test(html)) throw new Error('index.html references an external URL');

  const sizes = {};
  const files = (await readdir(dist)).sort();
  const width = Math.max(...files.map((f) => f.length));
  for (const f of files) {
    const bytes = await readFile(path.join(dist, f));
    const gz = gzipSync(bytes, { level: 9 }).length;
    sizes[f] = { raw: bytes.length, gzip: gz };
    console.log(`  dist/${f.padEnd(width)}  ${kb(bytes.length).padStart(9)}  ${kb(gz).padStart(9)} gzipped`);
  }
  const app = sizes['app.js'];
  if (app.gzip > BUDGET) {
    console.error(`dist/app.js is ${app.gzip} bytes gzipped, over its budget of ${BUDGET} bytes`);
    process.exit(1);
  }
  console.log(`dist/app.js: ${app.gzip} bytes gzipped (budget ${BUDGET})`);
}

const kb = (n) => (n / 1024).toFixed(1) + ' KB';

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
