import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/local-slack/fake-slack-api.js';
import { createSlackDriver } from '../src/local-slack/slack-driver.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET, messageText, waitUntil } from './support/bot-harness.js';
import { cleanUpProcessTest, freePort, spawnBot, waitForHealth, type BotProcess } from './robustness/bot-process.js';

const root = join(import.meta.dirname, '..');

describe('the production build (npm start)', () => {
  beforeAll(() => {
    // A fresh build, so a file left by an older build can neither help nor hide anything.
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    // The steps of `npm run build`: compile, the parsed YAML, the bundle npm start runs, the stamp of what the build checked.
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root });
    execFileSync(process.execPath, [join(root, 'dist/src/write-yaml-cache.js')], { cwd: root });
    execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs')], { cwd: root });
    execFileSync(process.execPath, [join(root, 'dist/src/write-check-stamp.js')], { cwd: root });
  }, 90_000);

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

    const main = spawn(process.execPath, [join(root, 'dist/imc-bot.mjs')], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    main.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => main.on('exit', resolve));
    expect(exit).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN is missing');
  }, 60_000);

  it('writes the parsed prompts and locales beside the build (npm run build), which a start checks instead of parsing their YAML', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json && node dist/src/write-yaml-cache.js && node scripts/bundle.mjs && node dist/src/write-check-stamp.js');
    const cache = JSON.parse(readFileSync(join(root, 'dist/parsed-yaml.json'), 'utf8')) as { parsed: Record<string, string> };
    const hash = createHash('sha256').update(readFileSync(join(root, 'prompts/plan.yml'), 'utf8')).digest('hex');
    const plan = JSON.parse(cache.parsed[hash] ?? '{}') as { questions?: { id: string }[] };
    expect(plan.questions?.[0]?.id).toBe('campaign');
  });

  it('npm start runs the bundle, which starts, checks its prompts and holds a conversation', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node --max-old-space-size=256 dist/imc-bot.mjs');
    // Bolt stays in node_modules (as in the floor app of bench/); resvg too, loaded at the first chart.
    const bundle = readFileSync(join(root, 'dist/imc-bot.mjs'), 'utf8');
    expect(bundle).toMatch(/^import \{[^}]*\bApp\b[^}]*\} from "@slack\/bolt";$/m);
    expect(bundle).not.toMatch(/from "@resvg\/resvg-js"/);
    const dir = await mkdtemp(join(tmpdir(), 'imc-bundle-'));
    const fake = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }], users: [{ id: ALICE, name: 'alice', tz: 'Asia/Shanghai' }] });
    const bot = spawnBot({ cwd: dir, dataDir: join(dir, 'data'), slackApiUrl: fake.url, port: await freePort(), script: join(root, 'dist/imc-bot.mjs') });
    try {
      await waitForHealth(bot);
      const driver = createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
      expect((await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Bundle check' })).status).toBe(200);
      await waitUntil(() => fake.messages(CHANNEL).length >= 1, 'the kickoff');
      const threadTs = fake.messages(CHANNEL)[0]?.ts ?? '';
      const inThread = () => fake.messages(CHANNEL, { threadTs }).filter((m) => m.ts !== threadTs);
      await waitUntil(() => inThread().length >= 1, 'the first question');
      expect(messageText(inThread()[0])).toMatch(/Which brand/);
      expect((await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text: 'Bundle Tea' })).status).toBe(200);
      await waitUntil(() => inThread().length >= 2, 'the second question');
      // Its Slack calls went through the poster thread beside the bundle (dist/poster-thread.js), not the fallback.
      expect(existsSync(join(root, 'dist/poster-thread.js'))).toBe(true);
      expect(`${bot.output().stdout}${bot.output().stderr}`).not.toContain('Slack call thread');
    } finally {
      await cleanUpProcessTest({ bot, fake, root: dir });
    }
  }, 60_000);

  it('checks the shipped examples and templates at build time, and a start of that bundle over edited files checks them again and refuses a broken one', async () => {
    const stamp = JSON.parse(readFileSync(join(root, 'dist/startup-checked.json'), 'utf8')) as { buildId: string };
    expect(readFileSync(join(root, 'dist/imc-bot.mjs'), 'utf8')).toContain(JSON.stringify(stamp.buildId));
    // A copy of the installed app: its own prompts, locales and templates beside the same build.
    const app = await mkdtemp(join(tmpdir(), 'imc-installed-'));
    for (const path of ['package.json', 'prompts', 'locales', 'templates', 'dist/imc-bot.mjs', 'dist/poster-thread.js', 'dist/parsed-yaml.json', 'dist/startup-checked.json']) {
      cpSync(join(root, path), join(app, path), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
    const fake = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }], users: [{ id: ALICE, name: 'alice', tz: 'Asia/Shanghai' }] });
    let running: BotProcess | undefined;
    const start = async () => (running = spawnBot({ cwd: app, dataDir: join(app, 'data'), slackApiUrl: fake.url, port: await freePort(), script: join(app, 'dist/imc-bot.mjs'), env: { LOG_LEVEL: 'info' } }));
    try {
      const unedited = await start();
      await waitForHealth(unedited);
      await waitUntil(() => unedited.output().stderr.includes('imc-bot started'), 'the start-up line');
      expect(unedited.output().stderr).toContain('"examplesAndTemplates":"checked by the build"');
      unedited.child.kill('SIGTERM');
      await unedited.exited;

      const plan = join(app, 'prompts/plan.yml');
      writeFileSync(plan, readFileSync(plan, 'utf8').replace('example: "2026-04-01"', 'example: when the weather warms up'));
      const edited = await start();
      const { code } = await edited.exited;
      expect(code).toBe(1);
      expect(edited.output().stderr).toContain('question "start_date": the example "when the weather warms up" is not an answer this question accepts');
    } finally {
      await cleanUpProcessTest({ bot: running, fake, root: app });
    }
  }, 60_000);

  it('ships the bot without the local fake Slack and the playground (tests, benchmarks and npm run playground use the sources)', () => {
    expect(existsSync(join(root, 'dist/src/main.js'))).toBe(true);
    const shipped = readdirSync(join(root, 'dist/src'));
    expect(shipped).toEqual(expect.arrayContaining(['app', 'domain', 'render', 'slack', 'store']));
    expect(shipped).not.toContain('local-slack');
    expect(shipped).not.toContain('playground');
  });
});
