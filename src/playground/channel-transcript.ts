/**
 * Watches the local Slack's changes and prints the bot's messages as they come:
 * each bot message gets a number (`#n`) the first time it appears, and changes are
 * printed in batches so a message posted and then edited in one step shows once.
 */
import type { FakeEphemeral, FakeMessage, FakeSlackChange } from '../local-slack/fake-workspace.js';
import { clickTargetsOf, type ClickTarget } from './click-targets.js';
import type { MrkdwnOptions } from './mrkdwn-to-terminal.js';
import { renderMessage, type MessageHeading, type RenderableMessage } from './render-message.js';

/** Who is who, for headings and reaction lines. */
export interface TranscriptPeople {
  botUserId: string;
  nameOf(userId: string): string;
  /** The person typing now, who sees ephemerals as "you". */
  currentUserId(): string;
}

/** Beyond this many lines, an edit prints only the lines it changed. */
const LONG_MESSAGE_LINES = 12;

type Entry = { kind: 'message'; message: FakeMessage; edited: boolean } | { kind: 'ephemeral'; ephemeral: FakeEphemeral } | { kind: 'line'; text: string };

/** The numbered bot messages of one channel, and the printer of their changes. */
export class ChannelTranscript {
  private readonly numbered: FakeMessage[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly deleted = new Set<string>();
  private pending: Entry[] = [];
  /** What each message looked like when last printed, to show only what an edit changed. */
  private readonly lastPrinted = new WeakMap<FakeMessage, string[]>();
  /** Changes seen so far; the playground waits until this stops growing. */
  changeCount = 0;

  constructor(
    private readonly channelId: string,
    private readonly people: TranscriptPeople,
    private readonly mrkdwn: MrkdwnOptions,
    private readonly out: (line: string) => void,
  ) {}

  /** Takes one change from the local Slack (call from its `onChange`). */
  observe(change: FakeSlackChange): void {
    this.changeCount += 1;
    if (change.type === 'ephemeral_posted') {
      if (change.ephemeral.channel === this.channelId) this.pending.push({ kind: 'ephemeral', ephemeral: change.ephemeral });
      return;
    }
    if (change.type === 'view_opened' || change.type === 'view_updated' || change.type === 'view_closed' || change.type === 'home_published' || change.type === 'file_shared' || change.message.channel !== this.channelId) return;
    const { message } = change;
    if (change.type === 'reaction_added' || change.type === 'reaction_removed') {
      this.pending.push({ kind: 'line', text: this.reactionLine(change.type === 'reaction_added', message, change.reaction, change.user) });
    } else if (change.type === 'message_deleted') {
      const number = this.numbers.get(message.ts);
      this.deleted.add(message.ts);
      if (number !== undefined) this.pending.push({ kind: 'line', text: `#${number} was deleted.` });
    } else if (this.isBot(message)) {
      this.noteBotMessage(message, change.type === 'message_updated');
    }
  }

  /** Prints what changed since the last flush, each message once, in the order it first changed. */
  flush(): void {
    const batch = this.pending;
    this.pending = [];
    const printed = new Set<FakeMessage>();
    for (const entry of batch) {
      if (entry.kind === 'line') this.out(entry.text);
      else if (entry.kind === 'ephemeral') this.print(entry.ephemeral, { author: 'imc-bot', onlyVisibleTo: this.visibleTo(entry.ephemeral.user) });
      else if (!printed.has(entry.message) && !this.deleted.has(entry.message.ts)) {
        printed.add(entry.message);
        // The first change decides: posted in this batch shows as new, however often it was edited since.
        this.printMessage(entry.message, entry.edited);
      }
    }
  }

  /** Queues a line to print with the next flush, in order with the messages around it. */
  note(text: string): void {
    this.pending.push({ kind: 'line', text });
  }

  /** Prints a message that did not come from the channel (a slash command's direct reply). */
  printDirect(message: RenderableMessage, heading: MessageHeading): void {
    this.print(message, heading);
  }

  /** Prints every bot message still in the channel, as it looks now. */
  reprint(): void {
    const live = this.numbered.filter((message) => !this.deleted.has(message.ts));
    if (live.length === 0) this.out('(The bot has not posted anything yet. Start with /imc plan Spring launch.)');
    live.forEach((message) => this.printMessage(message, message.edited !== undefined, true));
  }

  /** The message numbered `number`, if it is still there. */
  messageByNumber(number: number): FakeMessage | undefined {
    const message = this.numbered[number - 1];
    return message && !this.deleted.has(message.ts) ? message : undefined;
  }

  /** The number of the message with this ts. */
  numberOf(ts: string): number | undefined {
    return this.numbers.get(ts);
  }

  /** How many bot messages have appeared (none means nothing has happened yet). */
  get size(): number {
    return this.numbered.length;
  }

  /** The newest bot message with anything to click, and its numbered targets. */
  newestClickable(): { message: FakeMessage; number: number; targets: ClickTarget[] } | undefined {
    for (let index = this.numbered.length - 1; index >= 0; index -= 1) {
      const message = this.numbered[index];
      if (!message || this.deleted.has(message.ts)) continue;
      const targets = clickTargetsOf(message.blocks);
      if (targets.length > 0) return { message, number: index + 1, targets };
    }
    return undefined;
  }

  private noteBotMessage(message: FakeMessage, updated: boolean): void {
    if (!this.numbers.has(message.ts)) {
      this.numbered.push(message);
      this.numbers.set(message.ts, this.numbered.length);
    }
    this.pending.push({ kind: 'message', message, edited: updated });
  }

  private heading(message: FakeMessage, edited: boolean): MessageHeading {
    const parent = message.thread_ts !== undefined && message.thread_ts !== message.ts ? this.numbers.get(message.thread_ts) : undefined;
    const number = this.numbers.get(message.ts);
    return {
      author: this.people.nameOf(message.user),
      ...(number === undefined ? {} : { number }),
      ...(parent === undefined ? {} : { inThreadOf: parent }),
      ...(edited ? { edited } : {}),
    };
  }

  private reactionLine(added: boolean, message: FakeMessage, reaction: string, userId: string): string {
    const number = this.numbers.get(message.ts);
    const target = number === undefined ? `${this.people.nameOf(message.user)}'s message` : `#${number}`;
    return added ? `${this.people.nameOf(userId)} reacted :${reaction}: to ${target}` : `${this.people.nameOf(userId)} removed :${reaction}: from ${target}`;
  }

  private visibleTo(userId: string): string {
    return userId === this.people.currentUserId() ? 'you' : this.people.nameOf(userId);
  }

  private isBot(message: FakeMessage): boolean {
    return message.bot_id !== undefined || message.user === this.people.botUserId;
  }

  /** Prints a channel message; a long message that was edited shows only its changed lines. */
  private printMessage(message: FakeMessage, edited: boolean, whole = false): void {
    const lines = renderMessage(message, this.heading(message, edited), this.mrkdwn);
    const before = this.lastPrinted.get(message);
    this.lastPrinted.set(message, lines);
    if (whole || !edited || !before || lines.length <= LONG_MESSAGE_LINES) {
      lines.forEach((line) => this.out(line));
      return;
    }
    const seen = new Set(before);
    const changed = lines.slice(1).filter((line) => line.trim() !== '' && !seen.has(line));
    const indent = /^\s*/.exec(lines[1] ?? '')?.[0] ?? '';
    [lines[0] ?? '', ...changed].forEach((line) => this.out(line));
    this.out(indent + this.mrkdwn.style.dim(`(${lines.length - 1 - changed.length} unchanged lines not shown; :messages shows the whole message)`));
  }

  private print(message: RenderableMessage, heading: MessageHeading): void {
    renderMessage(message, heading, this.mrkdwn).forEach((line) => this.out(line));
  }
}
