/**
 * The last step of `npm run build`: dist/imc-bot.mjs, the bot's compiled code (dist/src,
 * from tsc) and its ES-module dependencies (zod, chrono-node, date-fns) in one file,
 * which `npm start` runs. Loading those ~370 modules (161 of ours) one by one (resolve,
 * read, compile, link each) was ~160 ms of a cold start's CPU; one file is compiled
 * once. (yaml is required only when a prompt is not in dist/parsed-yaml.json.) Bolt and
 * the Slack SDK, Handlebars and lowdb stay in node_modules, loaded as the floor app of
 * bench/ loads Bolt; resvg (a native module) too, required at the first chart. A source
 * map sits beside it.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/main.js'],
  outfile: 'dist/imc-bot.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['@slack/*', 'handlebars', 'lowdb', '@resvg/*'],
  logLevel: 'warning',
});
