/**
 * The last step of `npm run build`: dist/imc-bot.mjs, the bot's compiled code (dist/src,
 * from tsc) and its ES-module dependencies (zod, chrono-node, date-fns) in one file,
 * which `npm start` runs. Loading those ~400 modules (~200 of ours) one by one (resolve,
 * read, compile, link each) was ~160 ms of a cold start's CPU; one file is compiled
 * once. Every other dependency stays in node_modules: Bolt and the Slack SDK (loaded as
 * the floor app of bench/ loads Bolt), Handlebars, lowdb, yaml (required only when a
 * prompt is not in dist/parsed-yaml.json), resvg (a native module, required at the first
 * chart) and whatever is added later. A source map sits beside it. The poster thread's
 * entry (the Web API calls off the main thread) is a second file, dist/poster-thread.js.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The dependencies bundled (ES modules of many small files); every other one stays in node_modules. */
const BUNDLED = new Set(['zod', 'chrono-node', 'date-fns', '@date-fns/tz']);
const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/main.js'],
  outfile: 'dist/imc-bot.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});

// The poster thread's entry (src/slack/poster/poster-thread.ts, node's own modules only),
// beside the bundle, where the bundled thread-poster looks for it (`./poster-thread.js`).
await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/slack/poster/poster-thread.js'],
  outfile: 'dist/poster-thread.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
