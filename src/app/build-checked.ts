/**
 * What the build already checked. `npm run build` runs every start-up check of the
 * shipped prompts, locales and templates (each example read by its parser, the
 * templates parsed) with the code it has just bundled, and, when they all pass, writes
 * `dist/startup-checked.json`: the bundle's build id and a digest of every one of those
 * files. A start of that same bundle over files with that same digest skips the checks
 * whose only inputs are those files and that code (about a fifth of a cold start). Any
 * other start (an edited or added file, another folder, the code run from src/ or
 * dist/src/, a stamp from another build, none at all) checks everything, so an edited
 * file that is broken is still refused at start.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../project-root.js';
import { shippedYamlFiles, textHash } from './parsed-yaml-cache.js';

/** Replaced by the build's own id in dist/imc-bot.mjs (scripts/bundle.mjs); undefined anywhere else. */
declare const __IMC_BUILD_ID__: string | undefined;

/** The id of the running build: set only in the bundle `npm start` runs. */
export function runningBuildId(): string | undefined {
  return typeof __IMC_BUILD_ID__ === 'string' ? __IMC_BUILD_ID__ : undefined;
}

export const DEFAULT_CHECKED_STAMP = join(projectRoot(), 'dist', 'startup-checked.json');

interface Stamp {
  version: 1;
  buildId: string;
  digest: string;
}

/** The files the checks read: prompts/*.yml, locales/<language>/*.yml and templates/*.hbs. */
export function checkedFiles(root: string = projectRoot()): string[] {
  const templates = join(root, 'templates');
  const templateFiles = readdirSync(templates)
    .filter((name) => name.endsWith('.hbs'))
    .map((name) => join(templates, name));
  return [...shippedYamlFiles(root), ...templateFiles].toSorted();
}

/** One hash of every checked file's path (under `root`) and text: any edit, addition or removal changes it. */
export function inputsDigest(root: string = projectRoot()): string {
  const hash = createHash('sha256');
  for (const file of checkedFiles(root)) hash.update(`${relative(root, file)}\0${textHash(readFileSync(file, 'utf8'))}\n`);
  return hash.digest('hex');
}

/** Writes the stamp for `buildId` over the files as they are now (call only once the checks passed). */
export function writeCheckedStamp(buildId: string, root: string = projectRoot(), path: string = DEFAULT_CHECKED_STAMP): void {
  const stamp: Stamp = { version: 1, buildId, digest: inputsDigest(root) };
  writeFileSync(path, `${JSON.stringify(stamp)}\n`);
}

/**
 * Whether the build checked exactly these files with exactly this code: the stamp at
 * `path` names `buildId` (the running bundle's; undefined outside it) and the files'
 * digest now. False when anything differs or cannot be read.
 */
export function checkedAtBuild(buildId: string | undefined = runningBuildId(), root: string = projectRoot(), path: string = DEFAULT_CHECKED_STAMP): boolean {
  if (buildId === undefined) return false;
  try {
    const stamp = JSON.parse(readFileSync(path, 'utf8')) as Partial<Stamp>;
    return stamp.version === 1 && stamp.buildId === buildId && stamp.digest === inputsDigest(root);
  } catch {
    return false;
  }
}
