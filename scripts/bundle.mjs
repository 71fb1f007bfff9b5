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
 * The bundle carries a new build id (also written to dist/build-id), for the stamp the
 * next step of the build writes once the shipped files pass the start-up checks.
 */
import { build } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The dependencies bundled (ES modules of many small files); every other one stays in node_modules. */
const BUNDLED = new Set(['zod', 'chrono-node', 'date-fns', '@date-fns/tz']);
const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * zod names every one of its ~60 locales in `z.locales` (360 KB of the bundle, compiled
 * at every start); the bot reads zod's issues in English only (`config(en())`, zod's
 * default). In the bundle `z.locales` therefore holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/en.js').replace(/en\.js$/, 'english-only.js'), namespace: 'zod-locales' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};\n`,
      resolveDir: dirname(args.path),
    }));
  },
};

// This build's id, in the bundle and in dist/build-id, for the stamp of what the build checked (src/app/build-checked.ts).
const buildId = randomUUID();

await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/main.js'],
  define: { __IMC_BUILD_ID__: JSON.stringify(buildId) },
  plugins: [zodEnglishOnly],
  outfile: 'dist/imc-bot.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});

writeFileSync(new URL('../dist/build-id', import.meta.url), `${buildId}\n`);

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
