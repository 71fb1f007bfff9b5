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

/** The control words, for help messages. */
export const CONTROL_WORDS: ControlWord[] = [
  { word: 'back', meaning: 'go to the previous question' },
  { word: 'skip', meaning: 'skip an optional question, or keep the current answer' },
  { word: 'status', meaning: 'list the answers so far and how many questions remain' },
  { word: 'change <question>', meaning: 'answer a question again, e.g. "change budget" or "change the concept"' },
  { word: 'use', meaning: 'take the suggested answer, when there is one' },
  { word: 'accept', meaning: 'post the plan despite its warnings' },
  { word: 'help', meaning: 'explain the current question' },
  { word: 'cancel', meaning: 'stop planning; nothing is posted' },
];

/** Reads the control words of a thread reply: back, skip, status, help, cancel, change <question>, accept; anything else is { type: 'text' }. */
export function interpretReply(text: string): FlowInput {
  const words = normalise(text);
  const exact = EXACT[words];
  if (exact) return exact;
  const change = CHANGE.exec(words);
  if (change) return { type: 'change', target: change[1] ?? '', raw: text };
  return { type: 'text', text };
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
