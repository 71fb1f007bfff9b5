/**
 * What `:help` prints: every playground command with an example, in the playground's
 * language. The commands are typed as they are; what each does is in the message
 * catalogue (`playground.help.*` in locales/<language>/messages.playground.yml).
 */
import type { Translator } from '../render/i18n/translator.js';

/** Each command as typed, the catalogue key of what it does, and the column its words start at (29 unless said). */
const COMMANDS: readonly (readonly [string, string, number?])[] = [
  ['/imc plan Spring launch', 'slash'],
  ['Moonleaf Tea', 'reply'],
  ['3', 'click'],
  ['2,6', 'multi'],
  [':say 3', 'say'],
  [':answer brand Moonleaf Tea', 'answer'],
  ['goal one\\ngoal two', 'newline', 30],
  [':top Lunch at 12?', 'top'],
  [':thread 4', 'thread'],
  [':as bob', 'as'],
  [':react last-draft white_check_mark as carol', 'react', 46],
  [':unreact 12 white_check_mark', 'unreact', 46],
  [':clock +3d  :clock +2w  :clock +1d 6h  :clock 2027-04-15 10:00', 'clock'],
  [':messages', 'messages'],
  [':home', 'home'],
  [':edit budget', 'edit'],
  ['', 'edit_parts'],
  [':set 2 300000', 'set'],
  [':submit   :cancel', 'submit'],
  [':help', 'help'],
  [':quit', 'quit'],
];

/** The playground's own commands, one per line, in `t`'s language. */
export function helpLines(t: Translator): string[] {
  const say = (key: string) => t.plain({ key: `playground.help.${key}` });
  return [say('intro'), ...COMMANDS.map(([command, key, column = 29]) => `  ${command.padEnd(Math.max(column, command.length + 3))}${say(key)}`)];
}
