/**
 * The start-up checks of the prompts and locales read YAML, and parsing ~40 KB of it
 * with the `yaml` library costs ~200 ms of a cold start (its import ~35 ms more). The
 * build (`npm run build`) therefore writes what each shipped YAML file parses to,
 * keyed by the SHA-256 of the file's text, to `dist/parsed-yaml.json`. At start a file
 * whose text has that hash is read from the cache; any other text (an edited prompt, a
 * broken file, a test's own folder) is parsed as before. Either way the parsed value
 * then goes through the same validation, so a broken script is still refused at start.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { projectRoot } from '../project-root.js';

/** Where the build writes the cache and a start looks for it. */
export const DEFAULT_YAML_CACHE = join(projectRoot(), 'dist', 'parsed-yaml.json');

/** The cache's file: each entry the JSON text of a parsed file, under its text's SHA-256 (hex). */
interface CacheFile {
  version: 1;
  parsed: Record<string, string>;
}

export type YamlCache = ReadonlyMap<string, string>;

const require = createRequire(import.meta.url);

/** `yaml`'s parse, loaded the first time a file is not in the cache. */
export function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache at `path`; empty when there is none or it cannot be read (the files are then parsed). */
export function readYamlCache(path: string = DEFAULT_YAML_CACHE): YamlCache {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    if (file.version !== 1 || typeof file.parsed !== 'object' || file.parsed === null) return new Map();
    return new Map(Object.entries(file.parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}

/** What `text` parses to: from the cache when its hash is there, otherwise parsed (throws the parser's error). */
export function parseYamlCached(text: string, cache: YamlCache): unknown {
  const hit = cache.get(textHash(text));
  return hit === undefined ? parseYaml(text) : JSON.parse(hit);
}

/** The YAML files a start checks: prompts/*.yml and every locales/<language>/*.yml (input words, the message catalogue and its parts). */
export function shippedYamlFiles(root: string = projectRoot()): string[] {
  const prompts = join(root, 'prompts');
  const locales = join(root, 'locales');
  const promptFiles = readdirSync(prompts).filter((name) => name.endsWith('.yml')).map((name) => join(prompts, name));
  const localeFiles = readdirSync(locales)
    .filter((name) => statSync(join(locales, name)).isDirectory())
    .flatMap((name) =>
      readdirSync(join(locales, name))
        .filter((file) => file.endsWith('.yml'))
        .map((file) => join(locales, name, file)),
    );
  return [...promptFiles, ...localeFiles].toSorted();
}

/**
 * Writes the cache for `files`. A file that does not parse, or whose value would not
 * come back the same from JSON (YAML can say things JSON cannot), is left out: a
 * start then parses it and reports what is wrong with it.
 */
export function writeYamlCache(files: readonly string[] = shippedYamlFiles(), path: string = DEFAULT_YAML_CACHE): number {
  const parsed: Record<string, string> = {};
  for (const file of files) {
    let text: string;
    let value: unknown;
    try {
      text = readFileSync(file, 'utf8');
      value = parseYaml(text);
    } catch {
      continue;
    }
    const json = JSON.stringify(value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
    parsed[textHash(text)] = json;
  }
  const cache: CacheFile = { version: 1, parsed };
  writeFileSync(path, `${JSON.stringify(cache)}\n`);
  return Object.keys(parsed).length;
}
