/**
 * Run by `npm run build` after the bundle: runs every start-up check of the shipped
 * prompts, locales and templates (each example read by its parser, each template
 * parsed) and, when all pass, writes dist/startup-checked.json for the bundle's build
 * id (dist/build-id, from scripts/bundle.mjs), so its starts over the same files skip
 * them (app/build-checked.ts). When a check fails no stamp is written: the bot then
 * checks everything at start and refuses to start, naming the problem.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHECKED_STAMP, writeCheckedStamp } from './app/build-checked.js';
import { loadInputLocales, loadMessageCatalogue, loadReviewLocales } from './app/load-locales.js';
import { loadReviewScript, loadScript } from './app/load-script.js';
import { describeError } from './errors.js';
import { projectRoot } from './project-root.js';
import { createRenderer } from './render/renderer.js';

const buildId = readFileSync(join(projectRoot(), 'dist', 'build-id'), 'utf8').trim();
rmSync(DEFAULT_CHECKED_STAMP, { force: true });
try {
  const script = loadInputLocales(loadScript());
  loadReviewLocales(loadReviewScript(), undefined, undefined, script, loadMessageCatalogue());
  createRenderer();
  writeCheckedStamp(buildId);
  process.stdout.write(`wrote ${DEFAULT_CHECKED_STAMP} (the shipped prompts, locales and templates pass the start-up checks)\n`);
} catch (error) {
  process.stdout.write(`no ${DEFAULT_CHECKED_STAMP}: ${describeError(error)} (the bot checks everything at start, and refuses to start until this is fixed)\n`);
}
