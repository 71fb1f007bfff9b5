/**
 * A damaged data file at start-up: the bot refuses to start (exit code 1) with a
 * message naming the file, and leaves the file exactly as it was, so nothing the
 * operator could still recover is overwritten.
 */
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/create-bot.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET, startHarness } from '../support/bot-harness.js';
import { answerCurrent, startPlan } from '../support/plan-conversation.js';
import { freePort, spawnBot } from './bot-process.js';

let root: string;
let template: string;
let planFile: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'imc-bot-corrupt-'));
  template = join(root, 'template');
  // A real data directory: a plan with answers, and channel settings.
  const h = await startHarness({ dataDir: template });
  const planId = await startPlan(h, ALICE, CHANNEL);
  await answerCurrent(h, planId);
  await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'config approvals 3' });
  await h.close();
  planFile = join('plans', `${planId}.json`);
  // Slack event keys are kept here once recorded; a half-written one is as likely as any.
  await writeFile(join(template, 'events.json'), '{"version":1,"keys":[\n"Ev0001",\n"Ev0002"\n]}\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A copy of the template directory with `file` cut to `keep` of its bytes. */
async function damagedCopy(name: string, file: string, keep: (size: number) => number): Promise<{ dataDir: string; path: string; bytes: Buffer }> {
  const dataDir = join(root, name);
  await cp(template, dataDir, { recursive: true });
  const path = join(dataDir, file);
  const size = (await readFile(path)).length;
  await truncate(path, keep(size));
  return { dataDir, path, bytes: await readFile(path) };
}

const half = (size: number) => Math.floor(size / 2);

describe('a corrupt or half-written data file at start', () => {
  const cases: [string, () => string, (size: number) => number][] = [
    ['index.json', () => 'index.json', half],
    ['events.json', () => 'events.json', half],
    ['settings.json', () => 'settings.json', half],
    ['a plan file', () => planFile, half],
    ['an empty plan file', () => planFile, () => 0],
  ];

  it.each(cases)('%s: the bot exits with 1, names the file and leaves it untouched', async (name, file, keep) => {
    const { dataDir, path, bytes } = await damagedCopy(name.replace(/\W+/g, '-'), file(), keep);
    const bot = spawnBot({ cwd: root, dataDir, slackApiUrl: 'http://127.0.0.1:9/api/', port: 0 });
    const { code } = await bot.exited;
    const { stderr } = bot.output();
    expect(code).toBe(1);
    expect(stderr).toContain('imc-bot could not start:');
    expect(stderr).toContain(path);
    expect(stderr).not.toContain('unexpected error');
    expect(await readFile(path)).toEqual(bytes);
  });

  it('a plan file with "outbox": null: the bot exits with 1 naming the file and the field, and /healthz never says 200', async () => {
    const { dataDir, path } = await damagedCopy('outbox-null', planFile, (size) => size);
    const record = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...record, outbox: null }));
    const bytes = await readFile(path);
    const port = await freePort();
    const bot = spawnBot({ cwd: root, dataDir, slackApiUrl: 'http://127.0.0.1:9/api/', port });
    const healthy: number[] = [];
    let done = false;
    void bot.exited.then(() => (done = true));
    while (!done) {
      healthy.push(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { code } = await bot.exited;
    const { stderr } = bot.output();
    expect(code).toBe(1);
    expect(stderr).toContain(`imc-bot could not start: The plan store cannot use ${path}`);
    expect(stderr).toContain('(check outbox)');
    expect(stderr).not.toContain('unexpected error');
    expect(healthy).not.toContain(200);
    expect(await readFile(path)).toEqual(bytes);
  });

  it('a journal with a damaged line: the bot exits with 1, names it and leaves it untouched', async () => {
    const { dataDir } = await damagedCopy('journal', 'index.json', (size) => size);
    const path = join(dataDir, 'journal-7.jsonl');
    const plan = await readFile(join(dataDir, planFile), 'utf8');
    await writeFile(path, `${plan.trim()}\n{"id":"P-BROKEN","teamId":\n${plan.trim()}\n`);
    const bytes = await readFile(path);
    const bot = spawnBot({ cwd: root, dataDir, slackApiUrl: 'http://127.0.0.1:9/api/', port: 0 });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.output().stderr).toContain(path);
    expect(await readFile(path)).toEqual(bytes);
  });

  it('starts again in the same process once the damaged settings file is repaired', async () => {
    const { dataDir, path } = await damagedCopy('repaired', 'settings.json', half);
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, IMC_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' });
    await expect(createBot(config)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await writeFile(path, '{"channels":{}}\n');
    const bot = await createBot(config); // the failed attempt must not keep the directory locked
    expect(await bot.store.list()).toHaveLength(1);
    await bot.stop();
  });
});
