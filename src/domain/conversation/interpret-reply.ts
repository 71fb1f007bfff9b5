/**
 * Control words in thread replies. Only a whole reply that is a control word counts,
 * so an answer that merely contains "back" or "help" is still an answer.
 */
import type { ControlWord, FlowInput } from './flow-state.js';
import { phrase } from '../message/phrase.js';

const EXACT: Record<string, FlowInput> = {
  back: { type: 'back' },
  'go back': { type: 'back' },
  previous: { type: 'back' },
  skip: { type: 'skip' },
  'skip it': { type: 'skip' },
  'skip this': { type: 'skip' },
  pass: { type: 'skip' },
  status: { type: 'status' },
  progress: { type: 'status' },
  'where am i': { type: 'status' },
  help: { type: 'help' },
  '?': { type: 'help' },
  cancel: { type: 'cancel' },
  'cancel plan': { type: 'cancel' },
  'cancel the plan': { type: 'cancel' },
  accept: { type: 'accept-warnings' },
  'accept warnings': { type: 'accept-warnings' },
  'accept the warnings': { type: 'accept-warnings' },
  'post anyway': { type: 'accept-warnings' },
  'scale down': { type: 'scale-down' },
  'scale it down': { type: 'scale-down' },
  'scale the plan down': { type: 'scale-down' },
  'scale down the plan': { type: 'scale-down' },
  use: { type: 'use-suggestion' },
  'use suggestion': { type: 'use-suggestion' },
  'use the suggestion': { type: 'use-suggestion' },
  'use it': { type: 'use-suggestion' },
};

const CHANGE = /^(?:change|edit|go to|fix)\b\s*(.*)$/;
/** `change row 3`, `edit row 3: channel Xiaohongshu`, `修改第3行`: the rest keeps its case (it may be a message). */
const CHANGE_ROW = /^\s*(?:(?:change|edit|fix)\s+row\s+#?|(?:修改|更改|编辑)\s*第?\s*)(\d{1,3})(?:\s*行|\b)[\s:,.\-：，]*([\s\S]*)$/i;
const REMOVE_ROW = /^\s*(?:(?:remove|delete|drop)\s+row\s+#?(\d{1,3})|(?:删除|删掉|去掉)\s*第?\s*(\d{1,3})\s*行)\s*[.!。！]?\s*$/i;
const ADD_ROW = /^\s*(?:add\s+(?:a\s+)?(?:new\s+)?row\b|(?:添加|增加|新增)\s*一?\s*行)[\s:,.\-：，]*([\s\S]*)$/i;

/** The kinds of thread word a locale file lists. */
export const THREAD_WORD_KINDS = ['back', 'skip', 'status', 'help', 'cancel', 'use', 'accept', 'scale-down', 'change'] as const;

/**
 * Thread words of other languages, from the locale files (`返回`, `跳过`, `修改`…). Each
 * list holds whole replies, except `change`: the words that start `change <question>`.
 */
export type ThreadWords = Record<(typeof THREAD_WORD_KINDS)[number], readonly string[]>;

/** What each list of `ThreadWords` means, but `change`. */
const MEANINGS: Record<Exclude<keyof ThreadWords, 'change'>, FlowInput> = {
  back: { type: 'back' },
  skip: { type: 'skip' },
  status: { type: 'status' },
  help: { type: 'help' },
  cancel: { type: 'cancel' },
  use: { type: 'use-suggestion' },
  accept: { type: 'accept-warnings' },
  'scale-down': { type: 'scale-down' },
};
const HAN = /\p{Script=Han}/u;

/** The control words of the planning thread, for help messages (the words themselves are said in the reader's language). */
export const CONTROL_WORDS: ControlWord[] = [
  { word: 'back', meaning: phrase('thread.meaning.back') },
  { word: 'skip', meaning: phrase('thread.meaning.skip') },
  { word: 'status', meaning: phrase('thread.meaning.status') },
  { word: 'change', meaning: phrase('thread.meaning.change') },
  { word: 'use', meaning: phrase('thread.meaning.use') },
  { word: 'accept', meaning: phrase('thread.meaning.accept') },
  { word: 'change-row', meaning: phrase('thread.meaning.change_row') },
  { word: 'add-row', meaning: phrase('thread.meaning.add_row') },
  { word: 'remove-row', meaning: phrase('thread.meaning.remove_row') },
  { word: 'scale-down', meaning: phrase('thread.meaning.scale_down') },
  { word: 'help', meaning: phrase('thread.meaning.help') },
  { word: 'cancel', meaning: phrase('thread.meaning.cancel') },
];

/**
 * Reads the control words of a thread reply: back, skip, status, help, cancel, change <question>,
 * accept, the contact plan's row commands, in English and in the `thread` words of the locale
 * files; anything else is { type: 'text' }.
 */
export function interpretReply(text: string, thread?: ThreadWords): FlowInput {
  const row = rowCommand(text.replace(/<@[^<>]*>/g, ' '));
  if (row) return row;
  const words = normalise(text);
  // `?.`, `help~` and full-width `ｈｅｌｐ` are the same words with or without the locale's thread words.
  const exact = EXACT[words] ?? EXACT[compact(words)] ?? (thread ? localWord(words, thread) : undefined);
  if (exact) return exact;
  const change = CHANGE.exec(words);
  if (change) return { type: 'change', target: change[1] ?? '', raw: text };
  const target = thread ? localChange(words, thread) : undefined;
  if (target !== undefined) return { type: 'change', target, raw: text };
  return { type: 'text', text };
}

/** The contact plan's row commands, or undefined when the reply is not one. */
function rowCommand(text: string): FlowInput | undefined {
  const remove = REMOVE_ROW.exec(text);
  if (remove) return { type: 'remove-row', row: Number(remove[1] ?? remove[2]) };
  const change = CHANGE_ROW.exec(text);
  if (change) {
    const rest = (change[2] ?? '').trim();
    return rest === '' ? { type: 'edit-row', row: Number(change[1]) } : { type: 'edit-row', row: Number(change[1]), text: rest };
  }
  const add = ADD_ROW.exec(text);
  if (add) {
    const rest = (add[1] ?? '').trim();
    return rest === '' ? { type: 'add-row' } : { type: 'add-row', text: rest };
  }
  return undefined;
}

/**
 * Full-width forms folded (`？` is `?`), closing punctuation dropped, and no spaces in Chinese (`修改 预算` is `修改预算`).
 * The closing run is matched only from its first character (the lookbehind), so a long run of `～` is scanned once, not once per character.
 */
function compact(words: string): string {
  const folded = words.normalize('NFKC').replace(/(?<![\s.!。~])[\s.!。~]+$/u, '');
  return HAN.test(folded) ? folded.replace(/\s+/g, '') : folded;
}

function localWord(words: string, thread: ThreadWords): FlowInput | undefined {
  const key = compact(words);
  if (EXACT[key]) return EXACT[key];
  for (const [kind, input] of Object.entries(MEANINGS) as [keyof typeof MEANINGS, FlowInput][]) {
    if (thread[kind].some((word) => compact(word.toLowerCase()) === key)) return input;
  }
  return undefined;
}

/** `修改预算` -> `预算`: the longest change word that starts the reply, and what follows it. */
function localChange(words: string, thread: ThreadWords): string | undefined {
  const key = compact(words);
  const word = thread.change
    .map((w) => compact(w.toLowerCase()))
    .filter((w) => w !== '' && key.startsWith(w))
    .toSorted((a, b) => b.length - a.length)[0];
  return word === undefined ? undefined : key.slice(word.length).trim();
}

/**
 * Whether the words after `change` read like a sentence rather than a question's name: two
 * words or more in English, or a long run of Chinese (question names are short).
 */
export function looksLikeSentence(target: string): boolean {
  const trimmed = target.trim();
  return trimmed.split(/\s+/).length >= 2 || (trimmed.match(/\p{Script=Han}/gu) ?? []).length >= 8;
}

/**
 * Lower case, Slack emphasis and mentions removed, spaces collapsed, trailing punctuation dropped.
 * Every pattern here runs in linear time: a mention cannot contain `<`, so an unclosed
 * `<@<@<@…` fails at the next `<` instead of rescanning the rest of the text from each one.
 */
function normalise(text: string): string {
  return text
    .replace(/<@[^<>]*>/g, ' ')
    .replace(/[*_~`]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\w)[.!]+$/, '');
}
