/**
 * Control words in thread replies. Only a whole reply that is a control word counts,
 * so an answer that merely contains "back" or "help" is still an answer.
 */
import type { ControlWord, FlowInput } from './flow-state.js';

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
  use: { type: 'use-suggestion' },
  'use suggestion': { type: 'use-suggestion' },
  'use the suggestion': { type: 'use-suggestion' },
  'use it': { type: 'use-suggestion' },
};

const CHANGE = /^(?:change|edit|go to|fix)\b\s*(.*)$/;
/** `change row 3`, `edit row 3: channel Xiaohongshu`: the rest keeps its case (it may be a message). */
const CHANGE_ROW = /^\s*(?:change|edit|fix)\s+row\s+#?(\d{1,3})\b[\s:,.-]*([\s\S]*)$/i;
const REMOVE_ROW = /^\s*(?:remove|delete|drop)\s+row\s+#?(\d{1,3})\s*[.!]?\s*$/i;
const ADD_ROW = /^\s*add\s+(?:a\s+)?(?:new\s+)?row\b[\s:,.-]*([\s\S]*)$/i;

/** The control words, for help messages. */
export const CONTROL_WORDS: ControlWord[] = [
  { word: 'back', meaning: 'go to the previous question' },
  { word: 'skip', meaning: 'skip an optional question, or keep the current answer' },
  { word: 'status', meaning: 'list the answers so far and how many questions remain' },
  { word: 'change <question>', meaning: 'answer a question again, e.g. "change budget" or "change the concept"' },
  { word: 'use', meaning: 'take the suggested answer, when there is one' },
  { word: 'accept', meaning: 'keep the proposed contact plan; at the end, post the plan despite its warnings' },
  { word: 'change row <n>', meaning: 'change a row of the contact plan, e.g. "change row 3" then "channel: Xiaohongshu; timing: launch"' },
  { word: 'add row', meaning: 'add a touchpoint to the contact plan, e.g. "add row: stage purchase decision; channel Search ads"' },
  { word: 'remove row <n>', meaning: 'take a touchpoint out of the contact plan' },
  { word: 'help', meaning: 'explain the current question' },
  { word: 'cancel', meaning: 'stop planning; nothing is posted' },
];

/** Reads the control words of a thread reply: back, skip, status, help, cancel, change <question>, accept, the row commands; anything else is { type: 'text' }. */
export function interpretReply(text: string): FlowInput {
  const row = rowCommand(text.replace(/<@[^>]*>/g, ' '));
  if (row) return row;
  const words = normalise(text);
  const exact = EXACT[words];
  if (exact) return exact;
  const change = CHANGE.exec(words);
  if (change) return { type: 'change', target: change[1] ?? '', raw: text };
  return { type: 'text', text };
}

/** The contact plan's row commands, or undefined when the reply is not one. */
function rowCommand(text: string): FlowInput | undefined {
  const remove = REMOVE_ROW.exec(text);
  if (remove) return { type: 'remove-row', row: Number(remove[1]) };
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

/** Lower case, Slack emphasis and mentions removed, spaces collapsed, trailing punctuation dropped. */
function normalise(text: string): string {
  return text
    .replace(/<@[^>]*>/g, ' ')
    .replace(/[*_~`]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=\w)[.!]+$/, '');
}
