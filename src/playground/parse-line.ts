/**
 * One line typed in the playground, read into a command. Pure: no I/O, so every
 * form (and every malformed one) is testable on its own.
 */
import { PlaygroundError } from './playground-error.js';

/** How to move the clock: by a duration, or to a wall-clock time in the team's zone. */
export type ClockMove = { kind: 'by'; ms: number } | { kind: 'to'; date: string; time: string };

/** Which message a reaction goes on: a playground number, or the newest posted draft. */
export type MessageRef = number | 'last-draft';

/** What a line asks the playground to do. */
export type PlaygroundCommand =
  | { kind: 'slash'; command: string; text: string }
  | { kind: 'say'; text: string }
  | { kind: 'top'; text: string }
  | { kind: 'click'; numbers: number[] }
  /** `:answer <question id> <line>`: the line answers that question; questions the bot asks before it get their example. */
  | { kind: 'answer'; questionId: string; line: PlaygroundCommand & { kind: 'say' | 'click' } }
  | { kind: 'as'; user: string }
  | { kind: 'react'; add: boolean; message: MessageRef; emoji: string; user?: string }
  | { kind: 'clock'; move: ClockMove }
  | { kind: 'thread'; message: number }
  | { kind: 'messages' }
  /** Show your Home tab; with a number, click that button of it. */
  | { kind: 'home'; click?: number }
  /** Open the newest draft's Edit form (a modal) at a part, or choose a row of its contact plan (`row 3`, `row new`). */
  | { kind: 'edit'; part?: string; row?: string }
  /** Fill input [n] of the open form. */
  | { kind: 'set'; field: number; value: string }
  | { kind: 'submit' }
  /** Close the open form without sending it. */
  | { kind: 'cancel-form' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'nothing' };

const UNITS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Numbers to click (`3`, `1,4,6`); never a grouped number such as `2,000` or `1,500`. */
const CLICKS = /^[1-9]\d{0,2}(?:\s*,\s*[1-9]\d{0,2})*$/;
const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;

/** Reads one line; throws {@link PlaygroundError} with an example when a command is malformed. */
export function parseLine(raw: string): PlaygroundCommand {
  const line = raw.trim();
  if (line === '') return { kind: 'nothing' };
  if (line.startsWith('/')) return slashCommand(line);
  if (CLICKS.test(line) && !THOUSANDS.test(line)) return { kind: 'click', numbers: line.split(',').map((part) => Number(part.trim())) };
  if (!line.startsWith(':')) return { kind: 'say', text: newlines(line) };
  const [word = '', ...rest] = line.slice(1).split(/\s+/);
  const argument = line.slice(1 + word.length).trim();
  switch (word.toLowerCase()) {
    case 'say':
      return { kind: 'say', text: newlines(required(argument, ':say <text>', ':say 3')) };
    case 'top':
      return { kind: 'top', text: newlines(required(argument, ':top <text>', ':top Who is free to review the plan?')) };
    case 'answer':
      return answerLine(argument);
    case 'as':
      return { kind: 'as', user: userName(required(argument, ':as <user>', ':as bob')) };
    case 'react':
    case 'unreact':
      return reaction(word.toLowerCase() === 'react', rest);
    case 'clock':
      return { kind: 'clock', move: clockMove(argument) };
    case 'thread':
      return { kind: 'thread', message: messageNumber(required(argument, ':thread <message number>', ':thread 1')) };
    case 'messages':
      return { kind: 'messages' };
    case 'home':
      return argument === '' ? { kind: 'home' } : { kind: 'home', click: messageNumber(argument) };
    case 'edit':
      return editLine(argument);
    case 'set': {
      const match = /^(\d{1,3})(?:\s+([\s\S]*))?$/.exec(argument);
      if (!match?.[1]) throw new PlaygroundError(`:set needs an input number and its value: use :set <n> <value>, e.g. :set 2 300000 (:set 2 - empties it).`);
      return { kind: 'set', field: Number(match[1]), value: (match[2] ?? '').trim() };
    }
    case 'submit':
      return { kind: 'submit' };
    case 'cancel':
      return { kind: 'cancel-form' };
    case 'help':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    default:
      throw new PlaygroundError(`"${line}" is not a playground command. Type :help for the list, e.g. :as bob or :clock +3d.`);
  }
}

/** `brand Moonleaf Tea`, `key_problem 6`, `problems 2,6`: a question id, then a reply or a click. */
function answerLine(argument: string): PlaygroundCommand {
  const example = ':answer brand Moonleaf Tea';
  const match = /^([a-z][a-z0-9_]*)\s+(\S[\s\S]*)$/.exec(argument.trim());
  if (!match?.[1] || !match[2]) throw new PlaygroundError(`:answer needs a question id and the answer: use :answer <question id> <reply or number>, e.g. ${example}.`);
  const line = parseLine(match[2]);
  if (line.kind !== 'say' && line.kind !== 'click') {
    throw new PlaygroundError(`:answer takes a reply or a number to click, not "${match[2]}"; e.g. ${example} or :answer key_problem 6.`);
  }
  return { kind: 'answer', questionId: match[1], line };
}

/** `:edit`, `:edit budget`, `:edit 7`, `:edit row 3`, `:edit row new`. */
function editLine(argument: string): PlaygroundCommand {
  if (argument === '') return { kind: 'edit' };
  const row = /^row\s+(\d{1,3}|new)$/i.exec(argument);
  if (row?.[1]) return { kind: 'edit', row: row[1].toLowerCase() };
  if (/^row\b/i.test(argument)) throw new PlaygroundError(`Choose a row by its number or "new", e.g. :edit row 3 or :edit row new.`);
  return { kind: 'edit', part: argument };
}

/** A typed `\n` is a line break, as Shift-Enter is in Slack (goals go one per line). */
function newlines(text: string): string {
  return text.replace(/\\n/g, '\n');
}

function slashCommand(line: string): PlaygroundCommand {
  const match = /^(\/[\w-]+)(?:\s+([\s\S]*))?$/.exec(line);
  if (!match?.[1]) throw new PlaygroundError(`"${line}" is not a slash command I can send. Try e.g. /imc plan Spring launch.`);
  return { kind: 'slash', command: match[1], text: (match[2] ?? '').trim() };
}

function required(argument: string, form: string, example: string): string {
  if (argument === '') throw new PlaygroundError(`${form.split(' ')[0]} needs more: use ${form}, e.g. ${example}.`);
  return argument;
}

function userName(text: string): string {
  const name = text.replace(/^@/, '').toLowerCase();
  if (!/^[a-z][\w.-]*$/.test(name)) throw new PlaygroundError(`"${text}" is not a user name. Use a name such as alice, bob or carol, e.g. :as bob.`);
  return name;
}

function messageNumber(text: string): number {
  const match = /^#?([1-9]\d*)$/.exec(text.trim());
  if (!match) throw new PlaygroundError(`"${text}" is not a message number. Use the number shown before a message, e.g. 12 or #12.`);
  return Number(match[1]);
}

function reaction(add: boolean, words: string[]): PlaygroundCommand {
  const name = add ? ':react' : ':unreact';
  const example = `${name} last-draft white_check_mark as bob`;
  const [target, emoji, as, user, ...extra] = words;
  const wellFormed = target && emoji && (as === undefined || (as.toLowerCase() === 'as' && user !== undefined)) && extra.length === 0;
  if (!wellFormed) throw new PlaygroundError(`Use ${name} <message number or last-draft> <emoji> [as <user>], e.g. ${example}.`);
  const message: MessageRef = target.toLowerCase() === 'last-draft' ? 'last-draft' : messageNumber(target);
  const emojiName = emoji.replace(/^:/, '').replace(/:$/, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(emojiName)) {
    throw new PlaygroundError(`"${emoji}" is not an emoji name. Use its Slack name, e.g. white_check_mark or :x:.`);
  }
  return { kind: 'react', add, message, emoji: emojiName, ...(user ? { user: userName(user) } : {}) };
}

/** `+3d`, `+2w`, `+1d 6h`, `+90m`, or `2027-04-15 10:00` (a date alone means noon). */
export function clockMove(text: string): ClockMove {
  const hint = 'Move the clock with :clock +3d, :clock +2w, :clock +1d 6h or :clock 2027-04-15 10:00.';
  const by = /^\+\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(text);
  if (by?.[1]) {
    const ms = [...by[1].matchAll(/(\d+)\s*([wdhm])/gi)].reduce((sum, [, count, unit]) => sum + Number(count) * (UNITS[(unit ?? '').toLowerCase()] ?? 0), 0);
    if (ms > 0) return { kind: 'by', ms };
  }
  const to = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?$/.exec(text);
  if (to?.[1] && validDate(to[1]) && validTime(to[2] ?? '12:00')) return { kind: 'to', date: to[1], time: (to[2] ?? '12:00').padStart(5, '0') };
  throw new PlaygroundError(`"${text}" is not a time I can move to. ${hint}`);
}

function validDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

function validTime(time: string): boolean {
  const [hours = 99, minutes = 99] = time.split(':').map(Number);
  return hours <= 23 && minutes <= 59;
}
