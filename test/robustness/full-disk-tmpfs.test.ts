/**
 * A real full disk: the bot's data directory is on a 1 MB tmpfs that fills up (the
 * tests run as root, as CI does, so they can mount one; if the mount is refused the
 * test fails, saying why, rather than pretending). Replies while the disk is full
 * get no 200 and their author is told; when space comes back the bot goes on
 * without a restart; after a SIGKILL every acknowledged answer is there and the
 * journal opens cleanly. A start on the full disk fails with one line and leaves no lock.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../src/local-slack/fake-slack-api.js';
import { createSlackDriver, type SlackDriver } from '../../src/local-slack/slack-driver.js';
import { ALICE, BOT_TOKEN, CHANNEL, SIGNING_SECRET } from '../support/bot-harness.js';
import { TYPED_ANSWERS } from '../support/plan-conversation.js';
import { freePort, killBot, readPlan, spawnBot, waitForHealth, type BotProcess } from './bot-process.js';

let root: string;
let disk: string;
let fake: FakeSlack;
let bot: BotProcess | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'imc-bot-tmpfs-'));
  disk = join(root, 'disk');
  await mkdir(disk);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=700', 'tmpfs', disk], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`This test needs a real 1 MB tmpfs and could not mount one (run the tests as root, as CI does): ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  fake = await startFakeSlack({ botToken: BOT_TOKEN, channels: [{ id: CHANNEL, name: 'campaign-planning', members: [ALICE] }] });
});

afterAll(async () => {
  await killBot(bot);
  await fake?.close();
  if (disk) execFileSync('umount', [disk], { stdio: 'ignore' });
  await rm(root, { recursive: true, force: true });
});

const FILLER = () => join(disk, 'filler');

/** Fills the disk to the last byte. */
async function fill(): Promise<void> {
  const file = await open(FILLER(), 'a');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await file.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close();
  }
}

/** Frees `bytes` of the filler (tmpfs frees whole 4 kB pages). */
async function free(bytes: number): Promise<void> {
  const { size } = await stat(FILLER());
  await truncate(FILLER(), Math.max(0, size - bytes));
}

interface Sent {
  questionId: string;
  text: string;
  status: number;
}

describe('a data directory on a disk that fills up', () => {
  it('acknowledges only what was saved, tells the author, goes on once there is space, and loses nothing to a SIGKILL', async () => {
    const dataDir = join(disk, 'data');
    const start = async (): Promise<SlackDriver> => {
      bot = spawnBot({ cwd: root, dataDir, slackApiUrl: fake.url, port: await freePort() });
      await waitForHealth(bot);
      return createSlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    };
    let driver = await start();
    const command = await driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'plan Tmpfs launch' });
    const planId = /`(P-[0-9A-Z]{5})`/.exec(command.body)?.[1] as string;
    await fake.waitFor((f) => f.messages(CHANNEL).length > 0, { description: 'the kickoff' });
    let threadTs: string | undefined;
    for (let i = 0; i < 200 && !threadTs; i += 1) {
      threadTs = (await readPlan(dataDir, planId)).threadTs;
      if (!threadTs) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sent: Sent[] = [];
    const answerNext = async (): Promise<Sent> => {
      const questionId = (await readPlan(dataDir, planId)).flow.current as string;
      const text = TYPED_ANSWERS[questionId] as string;
      const { status } = await driver.message({ userId: ALICE, channelId: CHANNEL, threadTs, text });
      const entry = { questionId, text, status };
      sent.push(entry);
      return entry;
    };
    expect((await answerNext()).status).toBe(200);
    expect((await answerNext()).status).toBe(200);

    // 0 bytes free. A line that still fits in the journal's last page is saved (and acknowledged);
    // the first that does not is refused, and the author hears why.
    await fill();
    let refused: Sent | undefined;
    for (let i = 0; i < 10 && !refused; i += 1) {
      const entry = await answerNext();
      expect([200, 500]).toContain(entry.status);
      if (entry.status === 500) refused = entry;
    }
    if (!refused) throw new Error('no reply was refused on the full disk');
    await fake.waitFor((f) => f.ephemerals.some((e) => e.user === ALICE && e.text.includes("couldn't save that")), { description: 'the author to be told' });
    expect((await readPlan(dataDir, planId)).flow.answers[refused.questionId]).toBeUndefined();
    // A page free: a record that does not fit whole (a short write) is cut off again and not acknowledged.
    await free(4096);
    for (let i = 0; i < 3; i += 1) expect([200, 500]).toContain((await answerNext()).status);

    // Space comes back: the bot goes on without a restart.
    await rm(FILLER());
    for (let i = 0; i < 4; i += 1) expect((await answerNext()).status).toBe(200);

    // SIGKILL, restart: every acknowledged answer is there, none that was refused, and the journal opened cleanly.
    bot?.child.kill('SIGKILL');
    await bot?.exited;
    driver = await start();
    const record = await readPlan(dataDir, planId);
    const acknowledged = sent.filter((entry) => entry.status === 200);
    for (const entry of acknowledged) expect(record.flow.answers[entry.questionId]?.raw, entry.questionId).toBe(entry.text);
    expect(Object.keys(record.flow.answers).filter((id) => id !== 'campaign').sort()).toEqual(acknowledged.map((entry) => entry.questionId).sort());
    expect(bot?.output().stderr).not.toContain('cannot use');
    await killBot(bot);

    // A start on the full disk fails with one line and leaves no .lock behind.
    await fill();
    const other = join(disk, 'other');
    const failed = spawnBot({ cwd: root, dataDir: other, slackApiUrl: fake.url, port: await freePort() });
    const { code } = await failed.exited;
    const lines = failed.output().stderr.split('\n').filter(Boolean);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^imc-bot could not start: The plan store cannot start in .*: the disk is full \(ENOSPC\)/)]);
    expect(await readdir(other).catch(() => [])).not.toContain('.lock');
    await rm(FILLER());
  }, 120_000);
});
