/**
 * The project's root directory (where package.json, prompts/ and templates/ live),
 * found by walking up from this module, so it is the same whether the code runs
 * from `src/` (tsx, tests) or compiled from `dist/src/` (npm start).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory above `from` that holds package.json and prompts/. */
export function projectRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`imc-bot cannot find its project directory (package.json and prompts/) above ${from}`);
    dir = parent;
  }
}
