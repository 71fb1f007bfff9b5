/**
 * Run by `npm run build` after the compiler: writes dist/parsed-yaml.json, so a start
 * reads the shipped prompts and locales without parsing their YAML (see
 * app/parsed-yaml-cache.ts). Edited files are still parsed and checked at start.
 */
import { DEFAULT_YAML_CACHE, writeYamlCache } from './app/parsed-yaml-cache.js';

const count = writeYamlCache();
process.stdout.write(`wrote ${DEFAULT_YAML_CACHE} (${count} YAML files)\n`);
