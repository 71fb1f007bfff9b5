/**
 * The playground: the real bot in HTTP mode against a local Slack on 127.0.0.1,
 * driven by lines a person (or a script) types. Every line goes through the same
 * signed requests Slack would send, so what you see is what Slack users would see.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bot } from '../create-bot.js';
import { loadReviewScript, loadScript } from '../app/load-script.js';
import { latestVersion, type PlanRecord } from '../app/plan-record.js';
import type { Question } from '../domain/conversation/question.js';
import { reviewQuestions } from '../domain/review/review-flow.js';
import { startFakeSlack } from '../local-slack/fake-slack-api.js';
import type { DriverResponse, ViewInputValue } from '../local-slack/slack-driver.js';
import { formInputs, formLines, formMenus, readFormValue, type FormMenu } from './modal-form.js';
import type { FakeMessage } from '../local-slack/fake-workspace.js';
import { ChannelTranscript } from './channel-transcript.js';
import { clickTargetsOf, shownLabel, type ClickTarget } from './click-targets.js';
import { HELP_LINES } from './help-text.js';
import { parseLine, type MessageRef, type PlaygroundCommand } from './parse-line.js';
import { describeInstant, PlaygroundClock } from './playground-clock.js';
import { PlaygroundError } from './playground-error.js';
import { startPlaygroundBot } from './start-playground-bot.js';
import { styleFor } from './terminal-style.js';

/** How to start the playground. */
export interface PlaygroundOptions {
  /** Keep the data directory when closing. */
  keep?: boolean;
  /** Use this data directory (created if missing, never removed) instead of a throwaway one. */
  dataDir?: string;
  /** Where the bot's clock starts; the real now by default. */
  now?: Date;
  /** Receives every line of output. */
  out: (line: string) => void;
  /** ANSI bold and dim (for a terminal); plain text by default. */
  color?: boolean;
  /** The team's time zone, for `:clock 2027-04-15 10:00` and the bot's dates; UTC by default. */
  timeZone?: string;
  /** Connect the bot over Socket Mode instead of HTTP. */
  socketMode?: boolean;
  /** Let due reminders fire on their own this often (interactive mode); off by default. */
  tickEveryMs?: number;
}

/** A running playground. */
export interface Playground {
  /** Carries out one line; rejects with a {@link PlaygroundError} when the line cannot be done. */
  run(line: string): Promise<void>;
  /** Stops the bot and the local Slack; removes the data directory unless kept. Safe to call twice. */
  close(): Promise<void>;
  readonly dataDir: string;
  /** Name of the person typing now (for the prompt). */
  readonly user: string;
  /** True once `:quit` was typed. */
  readonly quitting: boolean;
}

/** The people of the playground's channel; the first one types by default. */
export const PLAYGROUND_PEOPLE = [
  { id: 'U0ALICE', name: 'alice' },
  { id: 'U0BOB', name: 'bob' },
  { id: 'U0CAROL', name: 'carol' },
] as const;
const CHANNEL = { id: 'C0PLANNING', name: 'campaign-planning' };
const BOT = { userId: 'U0BOT', botId: 'B0BOT', token: 'xoxb-playground-0000' };
const QUIET_MS = 20;
const SETTLE_LIMIT_MS = 15_000;

// The reminder tick is optional so the playground also runs a bot that has none.
type BotWithTick = Bot & { tick?: () => Promise<unknown> };

/** Starts the local Slack and the real bot, and returns the line interpreter. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const timeZone = options.timeZone ?? 'UTC';
  const clock = new PlaygroundClock(options.now ?? new Date());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), 'imc-playground-'));
  await mkdir(join(dataDir, 'store'), { recursive: true });
  const logStream = createWriteStream(join(dataDir, 'bot.log'), { flags: 'a' });
  const fake = await startFakeSlack({
    botToken: BOT.token,
    botUserId: BOT.userId,
    botId: BOT.botId,
    channels: [{ id: CHANNEL.id, name: CHANNEL.name, members: PLAYGROUND_PEOPLE.map((p) => p.id) }],
    users: PLAYGROUND_PEOPLE.map((p) => ({ id: p.id, name: p.name, tz: timeZone })),
    now: () => clock.nowMs(),
  });
  const { bot, driver } = await startPlaygroundBot({ fake, dataDir, logStream, timeZone, clock, socketMode: options.socketMode === true });

  let currentUser: string = PLAYGROUND_PEOPLE[0].id;
  let quitting = false;
  let closed = false;
  let chosenThread: { ts: string; newestAtChoice: string | undefined } | undefined;
  const nameOf = (userId: string) => fake.user(userId)?.name ?? userId;
  const style = styleFor(options.color);
  const transcript = new ChannelTranscript(
    CHANNEL.id,
    { botUserId: BOT.userId, nameOf, currentUserId: () => currentUser },
    { style, names: { user: (id) => fake.user(id)?.name, channel: (id) => fake.channel(id)?.name } },
    options.out,
  );
  const unsubscribe = fake.onChange((change) => {
    transcript.observe(change);
    if (change.type === 'file_shared') saveFiles(change.files);
  });

  /** Files the bot shared (the budget chart) are written to the data directory, so they can be opened. */
  function saveFiles(files: { filename: string; bytes?: Buffer }[]): void {
    const dir = join(dataDir, 'files');
    mkdirSync(dir, { recursive: true });
    for (const file of files) {
      if (!file.bytes) continue;
      const path = join(dir, file.filename.replace(/[^\w.-]/g, '_'));
      writeFileSync(path, file.bytes);
      transcript.note(style.dim(`(the bot shared ${file.filename}; saved to ${path})`));
    }
  }

  /** Waits until the bot has sent all it owes and the local Slack has gone quiet. */
  async function settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    for (;;) {
      const before = activity();
      await bot.idle();
      await sleep(QUIET_MS);
      const busy = fake.calls.some((call) => call.response === undefined);
      if (!busy && activity() === before) return;
      if (Date.now() > deadline) throw new PlaygroundError('The bot is still busy after 15 seconds; see bot.log in the data directory for what it is doing.');
    }
  }
  const activity = () => `${fake.calls.length}/${fake.responses.length}/${transcript.changeCount}`;

  /** Lets due reminders fire: the bot's tick (when it has one) and Slack's scheduled messages. */
  async function tick(): Promise<void> {
    await (bot as BotWithTick).tick?.();
    fake.deliverDueScheduled();
    await settle();
  }

  const userIdOf = (name: string): string => {
    const person = [...PLAYGROUND_PEOPLE].find((p) => p.name === name);
    if (!person) throw new PlaygroundError(`There is nobody called "${name}" here. The people in #${CHANNEL.name} are ${PLAYGROUND_PEOPLE.map((p) => p.name).join(', ')}; e.g. :as bob.`);
    return person.id;
  };

  async function records(): Promise<PlanRecord[]> {
    const entries = await bot.store.list({ channelId: CHANNEL.id });
    const found = await Promise.all(entries.map((entry) => bot.store.get(entry.id)));
    return found.filter((record): record is PlanRecord => record !== undefined);
  }

  /** The thread plain text goes to: the one `:thread` chose, until a newer plan starts. */
  async function currentThread(): Promise<string> {
    const threads = (await records()).map((record) => record.threadTs).filter((ts): ts is string => ts !== undefined);
    const newest = threads.sort(byTs).at(-1);
    if (chosenThread && chosenThread.newestAtChoice === newest) return chosenThread.ts;
    if (!newest) throw new PlaygroundError('There is no plan thread to reply in yet. Start one with /imc plan Spring launch, or post in the channel with :top <text>.');
    return newest;
  }

  async function messageTsOf(ref: MessageRef): Promise<string> {
    if (ref !== 'last-draft') {
      const message = transcript.messageByNumber(ref);
      if (!message) throw new PlaygroundError(`There is no message #${ref}. Type :messages to see the numbers, e.g. :react 3 white_check_mark.`);
      return message.ts;
    }
    const drafts = (await records()).flatMap((record) => record.versions.map((version) => version.messageTs)).filter((ts): ts is string => ts !== undefined);
    const newest = drafts.sort(byTs).at(-1);
    if (!newest) throw new PlaygroundError('No draft has been posted yet: answer every question of a plan first, then react to it with :react last-draft white_check_mark as bob.');
    return newest;
  }

  const expectOk = (response: DriverResponse, what: string): DriverResponse => {
    if (response.status !== 200) throw new PlaygroundError(`The bot answered ${what} with HTTP ${response.status}; see bot.log in ${dataDir}.`);
    return response;
  };

  async function slash(command: string, text: string): Promise<void> {
    if (command !== '/imc') throw new PlaygroundError(`This bot only answers /imc; try e.g. /imc plan Spring launch or /imc help.`);
    const response = expectOk(await driver.slashCommand({ userId: currentUser, channelId: CHANNEL.id, command, text }), command);
    const reply = parseReply(response.body);
    await settle();
    if (reply) transcript.printDirect(reply, { author: 'imc-bot', ...(reply.inChannel ? {} : { onlyVisibleTo: 'you' }) });
  }

  async function click(numbers: number[]): Promise<void> {
    const found = transcript.newestClickable();
    if (!found) throw new PlaygroundError('There is nothing to click yet: no bot message has buttons or menu options. Start with /imc plan Spring launch.');
    const chosen = numbers.map((number) => found.targets.find((target) => target.number === number));
    const missing = numbers.filter((_number, index) => chosen[index] === undefined);
    if (missing.length > 0) {
      throw new PlaygroundError(
        `#${found.number} has no [${missing.join('], [')}]: its numbers are [1] to [${found.targets.length}]. ` +
          `Type one of those, or :say ${numbers.join(',')} to send it as a reply.`,
      );
    }
    const targets = chosen as ClickTarget[];
    const first = targets[0] as ClickTarget;
    if (first.kind === 'option' && first.multi) return pickMany(found.message, targets);
    if (targets.length > 1) {
      throw new PlaygroundError(`Several numbers pick options of one multi-select menu, and #${found.number} has none there. Click one number at a time, e.g. ${first.number}.`);
    }
    options.out(style.dim(`(${nameOf(currentUser)} clicked "${shownLabel(first)}")`));
    await sendClick(found.message, first, first.kind === 'option' ? { selectedOption: first.value } : first.value !== undefined ? { value: first.value } : {});
  }

  async function pickMany(message: FakeMessage, targets: ClickTarget[]): Promise<void> {
    const first = targets[0] as ClickTarget;
    const strays = targets.filter((target) => target.kind !== 'option' || target.element !== first.element);
    if (strays.length > 0) {
      throw new PlaygroundError(`[${strays.map((t) => t.number).join('], [')}] ${strays.length === 1 ? 'is' : 'are'} not in the same menu as [${first.number}]. Pick options of one menu, e.g. ${first.number}.`);
    }
    options.out(style.dim(`(${nameOf(currentUser)} picked ${targets.map((t) => `"${shownLabel(t)}"`).join(', ')})`));
    await sendClick(message, first, { selectedOptions: targets.map((target) => target.value ?? '') });
    transcript.flush();
    // A multi-select only reports the selection; Done (when the message has one) commits it.
    const done = transcript.newestClickable()?.targets.find((target) => target.kind === 'button' && /^done$/i.test(target.label.trim()));
    if (done && transcript.newestClickable()?.message === message) {
      options.out(style.dim(`(${nameOf(currentUser)} clicked "${shownLabel(done)}")`));
      await sendClick(message, done, done.value !== undefined ? { value: done.value } : {});
    }
  }

  async function sendClick(message: FakeMessage, target: ClickTarget, choice: { value?: string; selectedOption?: string; selectedOptions?: string[] }): Promise<void> {
    const response = await driver.blockAction({
      userId: currentUser,
      channelId: CHANNEL.id,
      messageTs: message.ts,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      actionId: target.actionId,
      blockId: target.blockId,
      ...choice,
    });
    expectOk(response, `the click on "${target.label}"`);
    await settle();
  }

  async function react(add: boolean, ref: MessageRef, emoji: string, userName: string | undefined): Promise<void> {
    const userId = userName ? userIdOf(userName) : currentUser;
    const ts = await messageTsOf(ref);
    const message = fake.channel(CHANNEL.id)?.messages.find((m) => m.ts === ts);
    const has = message?.reactions.some((reaction) => reaction.name === emoji && reaction.users.includes(userId)) ?? false;
    const where = `#${transcript.numberOf(ts) ?? '?'}`;
    if (add && has) throw new PlaygroundError(`${nameOf(userId)} has already reacted :${emoji}: to ${where}; remove it with :unreact ${where.slice(1)} ${emoji} as ${nameOf(userId)}.`);
    if (!add && !has) throw new PlaygroundError(`${nameOf(userId)} has no :${emoji}: on ${where} to remove; add one with :react ${where.slice(1)} ${emoji} as ${nameOf(userId)}.`);
    const input = { userId, channelId: CHANNEL.id, messageTs: ts, reaction: emoji };
    expectOk(add ? await driver.reactionAdded(input) : await driver.reactionRemoved(input), `the reaction :${emoji}:`);
    await settle();
  }

  // The questions as the bot asks them (it reads the same prompts/), for :answer.
  const planScript = loadScript();
  const reviewScript = loadReviewScript();

  /** The question the bot asks now in the current thread, and every question of that conversation in order. */
  async function openQuestion(): Promise<{ question: Question; questions: Question[] } | undefined> {
    const threadTs = await currentThread();
    const record = (await records()).find((r) => r.threadTs === threadTs);
    const version = record && latestVersion(record);
    const review = record?.status === 'reviewing' && record.review && version ? record.review.state : undefined;
    const questions = review && version ? reviewQuestions(reviewScript, version.plan, review.plannedSpend) : planScript.questions;
    const current = review ? review.current : record?.status === 'planning' && record.flow.status === 'asking' ? record.flow.current : undefined;
    const question = questions.find((q) => q.id === current);
    return question ? { question, questions } : undefined;
  }

  /**
   * `:answer <id> <line>`: a script that names its questions keeps working when questions
   * are added. A question the bot asks before `id` (one the script does not know) gets its
   * own example answer, and the transcript says so.
   */
  async function answer(questionId: string, line: PlaygroundCommand): Promise<void> {
    for (let filled = 0; filled <= 20; filled += 1) {
      const open = await openQuestion();
      if (!open) throw new PlaygroundError(`The bot is not asking a question in this thread now, so there is nothing to answer as "${questionId}". Type :messages to see where it is.`);
      const { question, questions } = open;
      if (question.id === questionId) return perform(line);
      const wanted = questions.findIndex((q) => q.id === questionId);
      if (wanted < 0) {
        throw new PlaygroundError(`There is no question "${questionId}" in this conversation; the bot is asking "${question.id}". The ids are: ${questions.map((q) => q.id).join(', ')}.`);
      }
      if (wanted < questions.indexOf(question)) {
        throw new PlaygroundError(`"${questionId}" comes before the question the bot is asking now ("${question.id}"). Type change ${questionId} first, or answer "${question.id}".`);
      }
      if (question.example === undefined) throw new PlaygroundError(`The bot asks "${question.id}", which the script does not answer and which has no example. Add :answer ${question.id} <reply> before this line.`);
      options.out(style.dim(`(the script does not answer "${question.id}": ${nameOf(currentUser)} types its example)`));
      await say(question.example, await currentThread());
      transcript.flush();
      if ((await openQuestion())?.question.id === question.id) {
        throw new PlaygroundError(`The bot did not take the example of "${question.id}" (${question.example}); add :answer ${question.id} <reply> before this line.`);
      }
    }
    throw new PlaygroundError(`The bot asked more than 20 questions before "${questionId}"; add :answer lines for them.`);
  }

  async function say(text: string, threadTs: string | undefined): Promise<void> {
    const response = await driver.message({ userId: currentUser, channelId: CHANNEL.id, text, ...(threadTs ? { threadTs } : {}) });
    expectOk(response, 'the message');
    await settle();
  }

  /** Opens the current person's Home tab (as Slack does: an app_home_opened event) and prints it. */
  async function showHome(): Promise<void> {
    expectOk(await driver.appHomeOpened({ userId: currentUser }), 'opening the Home tab');
    await settle();
    printHome();
  }

  function printHome(): void {
    const home = fake.home(currentUser);
    if (!home) throw new PlaygroundError('The bot has not published a Home tab for you yet; see bot.log in the data directory.');
    transcript.printDirect({ text: '', blocks: home.view.blocks as Record<string, unknown>[] }, { author: `imc-bot Home tab of ${nameOf(currentUser)}` });
  }

  async function clickHome(number: number): Promise<void> {
    const home = fake.home(currentUser);
    if (!home) throw new PlaygroundError('Open your Home tab first with :home, then click one of its buttons, e.g. :home 1.');
    const targets = clickTargetsOf(home.view.blocks as Record<string, unknown>[]);
    const target = targets.find((candidate) => candidate.number === number);
    if (!target) throw new PlaygroundError(`Your Home tab has no [${number}]${targets.length > 0 ? `: its buttons are [1] to [${targets.length}]` : ''}. Type :home to see it again.`);
    const url = typeof target.element.url === 'string' ? target.element.url : undefined;
    options.out(style.dim(url ? `(${nameOf(currentUser)} clicked "${shownLabel(target)}": in Slack it opens ${url})` : `(${nameOf(currentUser)} clicked "${shownLabel(target)}")`));
    expectOk(await driver.homeAction({ userId: currentUser, actionId: target.actionId, ...(target.value !== undefined ? { value: target.value } : {}) }), `the click on "${target.label}"`);
    await settle();
    if (!url) printHome();
  }

  /** The Edit form open for the person typing, with what they typed into it and the errors the bot gave. */
  let form: { viewId: string; userId: string; typed: Record<string, ViewInputValue>; errors: Record<string, string> } | undefined;

  function openForm(): { viewId: string; userId: string; typed: Record<string, ViewInputValue>; errors: Record<string, string> } {
    const open = fake.openModal(currentUser);
    if (!form || form.userId !== currentUser || !open || open.id !== form.viewId) {
      form = undefined;
      throw new PlaygroundError('No Edit form is open for you. Open the newest draft\'s with :edit budget (or :edit and a part: problem, audience, … schedule).');
    }
    return form;
  }

  function printForm(): void {
    const current = openForm();
    const view = fake.view(current.viewId)?.view ?? {};
    formLines(view, current.typed, current.errors).forEach((line) => options.out(line));
  }

  /** `:edit [part]`, `:edit row <n|new>`: clicks Edit plan on the newest draft when no form is open, then chooses. */
  async function edit(part: string | undefined, row: string | undefined): Promise<void> {
    const open = fake.openModal(currentUser);
    if (!form || form.userId !== currentUser || open?.id !== form.viewId) {
      const ts = await messageTsOf('last-draft');
      const draft = fake.channel(CHANNEL.id)?.messages.find((m) => m.ts === ts);
      const button = clickTargetsOf(draft?.blocks as Record<string, unknown>[] | undefined).find((t) => t.kind === 'button' && t.label === 'Edit plan');
      if (!draft || !button) throw new PlaygroundError('The newest draft has no Edit plan button.');
      options.out(style.dim(`(${nameOf(currentUser)} clicked "Edit plan" on #${transcript.numberOf(ts) ?? '?'})`));
      await sendClick(draft, button, button.value !== undefined ? { value: button.value } : {});
      transcript.flush();
      const opened = fake.openModal(currentUser);
      if (!opened) throw new PlaygroundError('The bot did not open the Edit form (its reply is above).');
      form = { viewId: opened.id, userId: currentUser, typed: {}, errors: {} };
    }
    const current = openForm();
    const menus = formMenus(fake.view(current.viewId)?.view ?? {});
    if (part !== undefined) await choose(menus.find((m) => m.blockId === 'section'), part, 'part', (o, wanted) => o.value.toLowerCase() === wanted || o.label.toLowerCase().startsWith(`${wanted}.`));
    if (row !== undefined) {
      const rowMenu = formMenus(fake.view(current.viewId)?.view ?? {}).find((m) => m.blockId === 'row');
      if (!rowMenu) throw new PlaygroundError('Rows are in the Contacts part: :edit contacts first, then :edit row 3.');
      await choose(rowMenu, row, 'row', (o, wanted) => (wanted === 'new' ? o.value === 'new' : o.label.startsWith(`Row ${wanted}:`)));
    }
    printForm();
  }

  async function choose(menu: FormMenu | undefined, wanted: string, what: string, matches: (option: { value: string; label: string }, wanted: string) => boolean): Promise<void> {
    const current = openForm();
    const option = menu?.options.find((o) => matches(o, wanted.trim().toLowerCase()));
    if (!menu || !option) throw new PlaygroundError(`The form has no ${what} "${wanted}"${menu ? `: choose one of ${menu.options.map((o) => o.label).slice(0, 12).join(', ')}` : ''}.`);
    expectOk(await driver.viewAction({ userId: currentUser, viewId: current.viewId, actionId: menu.actionId, selectedOption: option.value }), `choosing ${option.label}`);
    await settle();
    current.typed = {};
    current.errors = {};
  }

  function setField(number: number, value: string): void {
    const current = openForm();
    const field = formInputs(fake.view(current.viewId)?.view ?? {}).find((f) => f.number === number);
    if (!field) throw new PlaygroundError(`The form has no input [${number}]. Type :edit to see it again.`);
    current.typed[field.blockId] = readFormValue(field, value);
    delete current.errors[field.blockId];
    printForm();
  }

  async function submitForm(): Promise<void> {
    const current = openForm();
    const response = await driver.viewSubmission({ userId: currentUser, viewId: current.viewId, values: current.typed });
    expectOk(response, 'the form');
    await settle();
    transcript.flush();
    const answer = response.response;
    if (answer?.response_action === 'errors') {
      current.errors = (answer.errors as Record<string, string> | undefined) ?? {};
      options.out(style.dim('(the bot refused the form: nothing was saved; fix the inputs marked ! and :submit again)'));
      printForm();
      return;
    }
    const shownNow = fake.openModal(currentUser);
    if (shownNow) formLines(shownNow.view, {}, {}).slice(0, -1).forEach((line) => options.out(line));
    if (shownNow) fake.closeView(shownNow.id);
    form = undefined;
  }

  function cancelForm(): void {
    const current = openForm();
    fake.closeView(current.viewId);
    form = undefined;
    options.out('The form is closed; nothing was sent.');
  }

  async function perform(command: PlaygroundCommand): Promise<void> {
    switch (command.kind) {
      case 'nothing':
        return;
      case 'slash':
        return slash(command.command, command.text);
      case 'say':
        return say(command.text, await currentThread());
      case 'top':
        return say(command.text, undefined);
      case 'click':
        return click(command.numbers);
      case 'answer':
        return answer(command.questionId, command.line);
      case 'as':
        currentUser = userIdOf(command.user);
        options.out(`You are now typing as ${command.user}.`);
        return;
      case 'react':
        return react(command.add, command.message, command.emoji, command.user);
      case 'clock': {
        const at = clock.move(command.move, timeZone, transcript.size === 0);
        options.out(`Clock: ${describeInstant(at, timeZone)}`);
        return tick();
      }
      case 'thread': {
        const message = transcript.messageByNumber(command.message);
        if (!message || (message.thread_ts !== undefined && message.thread_ts !== message.ts)) {
          throw new PlaygroundError(`#${command.message} is not a message in the channel (thread replies cannot start threads). Pick a top-level message such as a kickoff, e.g. :thread 1.`);
        }
        const newest = (await records()).map((r) => r.threadTs).filter((ts): ts is string => ts !== undefined).sort(byTs).at(-1);
        chosenThread = { ts: message.ts, newestAtChoice: newest };
        options.out(`Plain replies now go to the thread of #${command.message}.`);
        return;
      }
      case 'messages':
        transcript.reprint();
        return;
      case 'home':
        return command.click === undefined ? showHome() : clickHome(command.click);
      case 'edit':
        return edit(command.part, command.row);
      case 'set':
        return setField(command.field, command.value);
      case 'submit':
        return submitForm();
      case 'cancel-form':
        return cancelForm();
      case 'help':
        HELP_LINES.forEach((line) => options.out(line));
        return;
      case 'quit':
        quitting = true;
        return;
    }
  }

  // Lines and background ticks take turns, so output never interleaves.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work);
    turn = next.catch(() => undefined);
    return next;
  };

  const ticker =
    options.tickEveryMs === undefined
      ? undefined
      : setInterval(() => {
          void exclusive(async () => {
            if (closed) return;
            await tick();
            transcript.flush();
          }).catch((error: unknown) => options.out(`(reminder check failed: ${(error as Error).message})`));
        }, options.tickEveryMs);
  ticker?.unref();

  options.out(`imc-bot playground: #${CHANNEL.name} with alice (you), bob and carol. bob and carol can approve a plan by reacting :white_check_mark:.`);
  options.out(
    ownsDataDir && !options.keep
      ? `Data lives in ${dataDir}; removed when you quit (use --keep to keep it)`
      : `Data lives in ${dataDir}; kept when you quit`,
  );
  options.out(`Clock: ${describeInstant(clock.now(), timeZone)}. Type :help for the playground's commands, or start with /imc plan Spring launch.`);

  return {
    dataDir,
    get user() {
      return nameOf(currentUser);
    },
    get quitting() {
      return quitting;
    },
    run(line) {
      return exclusive(async () => {
        if (closed) throw new PlaygroundError('The playground is closed; start it again with npm run playground.');
        try {
          await perform(parseLine(line));
        } finally {
          transcript.flush();
        }
      });
    },
    close() {
      if (closed) return turn.then(() => undefined);
      closed = true;
      if (ticker) clearInterval(ticker);
      return exclusive(async () => {
        unsubscribe();
        await bot.stop();
        await fake.close();
        await new Promise<void>((done) => logStream.end(done));
        if (ownsDataDir && !options.keep) {
          await rm(dataDir, { recursive: true, force: true });
          options.out(`Removed ${dataDir}.`);
        } else options.out(`Your data is still in ${dataDir}.`);
      });
    },
  };
}

/** A slash command's direct answer, when the bot gave one. */
function parseReply(body: string): (FakeMessage & { inChannel: boolean }) | undefined {
  if (body.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { text?: string; blocks?: Record<string, unknown>[]; response_type?: string };
    if (!parsed.text && !parsed.blocks) return undefined;
    return { channel: CHANNEL.id, ts: '', user: BOT.userId, text: parsed.text ?? '', reactions: [], ...(parsed.blocks ? { blocks: parsed.blocks } : {}), inChannel: parsed.response_type === 'in_channel' };
  } catch {
    return { channel: CHANNEL.id, ts: '', user: BOT.userId, text: body, reactions: [], inChannel: false };
  }
}

function byTs(a: string, b: string): number {
  return Number(a) - Number(b);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
