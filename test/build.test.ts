import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the production build (npm start)', () => {
  beforeAll(() => {
    // A fresh build, so a file left by an older build can neither help nor hide anything.
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root });
  }, 60_000);

  it('compiles, finds its prompts and templates from dist/, and stops with a clear message when unconfigured', async () => {
    const child = spawn(process.execPath, ['-e', "import('./dist/src/app/load-script.js').then((m) => { m.loadScript(); return import('./dist/src/render/renderer.js'); }).then((r) => { r.createRenderer().render('findings', { hasFindings: false, heading: '', blockingNote: '', passes: 'ok', blocking: false, groups: [] }); console.log('loaded'); })"], {
      cwd: root,
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('loaded');
    expect(code).toBe(0);

    const main = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    main.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => main.on('exit', resolve));
    expect(exit).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN is missing');
  }, 60_000);

  it('ships the bot without the local fake Slack and the playground (tests, benchmarks and npm run playground use the sources)', () => {
    expect(existsSync(join(root, 'dist/src/main.js'))).toBe(true);
    const shipped = readdirSync(join(root, 'dist/src'));
    expect(shipped).toEqual(expect.arrayContaining(['app', 'domain', 'render', 'slack', 'store']));
    expect(shipped).not.toContain('local-slack');
    expect(shipped).not.toContain('playground');
  });
});
