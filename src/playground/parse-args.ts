/**
 * The playground's command line: `--script <file>`, `--keep`, `--data-dir <dir>`,
 * `--now <iso>`, `--tz <zone>`, `--socket-mode`. Pure, so every mistake is tested with a plain array.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { canonicalTimeZone } from '../domain/plan/calendar-date.js';
import { LANGUAGES, languageOf, type Language } from '../domain/message/language.js';
import { PlaygroundError } from './playground-error.js';

/** What the command line asked for. */
export interface PlaygroundArgs {
  script?: string;
  keep: boolean;
  dataDir?: string;
  now?: Date;
  timeZone?: string;
  /** Connect the bot over Socket Mode (the local Slack's WebSocket) instead of HTTP. */
  socketMode: boolean;
  /** The people's Slack language and the channel's default language. */
  language?: Language;
  help: boolean;
}

/** How to call the playground, printed with `--help` and after a mistake. */
export const USAGE = [
  'Usage: npm run playground -- [options]',
  '  --script <file>   replay a conversation from a file and print the transcript (e.g. examples/spring-launch.imc)',
  '  --keep            keep the data directory when the playground stops',
  '  --data-dir <dir>  keep the data in this directory (created if missing, never removed)',
  '  --now <iso>       start the bot\'s clock here, e.g. --now 2026-12-01T09:00:00Z',
  '  --tz <zone>       the team\'s time zone, e.g. --tz Asia/Shanghai (UTC by default)',
  '  --socket-mode     connect the bot over Socket Mode, as with SLACK_APP_TOKEN (HTTP by default)',
  '  --language <tag>  the people\'s Slack language and the channel\'s, en or zh-CN (e.g. --language zh-CN; English by default)',
].join('\n');

/** Reads `argv` (without node and the script); throws {@link PlaygroundError} naming what to fix. */
export function parsePlaygroundArgs(argv: readonly string[]): PlaygroundArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseNodeArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        script: { type: 'string' },
        keep: { type: 'boolean' },
        'data-dir': { type: 'string' },
        now: { type: 'string' },
        tz: { type: 'string' },
        'socket-mode': { type: 'boolean' },
        language: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new PlaygroundError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}.\n${USAGE}`);
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new PlaygroundError(`--${name} needs a value.\n${USAGE}`);
    return value.trim();
  };
  const script = text('script');
  const dataDir = text('data-dir');
  const now = text('now');
  const timeZone = text('tz');
  const language = text('language');
  return {
    keep: values.keep === true,
    socketMode: values['socket-mode'] === true,
    help: values.help === true,
    ...(script ? { script } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(now ? { now: instant(now) } : {}),
    ...(timeZone ? { timeZone: zone(timeZone) } : {}),
    ...(language ? { language: spoken(language) } : {}),
  };
}

function instant(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new PlaygroundError(`--now "${text}" is not a date and time I can read. Use ISO 8601, e.g. --now 2026-12-01T09:00:00Z.`);
  return date;
}

function spoken(text: string): Language {
  const language = languageOf(text);
  if (language === undefined) throw new PlaygroundError(`--language "${text}" is not a language the bot speaks. Use ${LANGUAGES.join(' or ')}, e.g. --language zh-CN.`);
  return language;
}

function zone(text: string): string {
  const known = canonicalTimeZone(text);
  if (known === undefined) throw new PlaygroundError(`--tz "${text}" is not a time zone I know. Use an IANA name, e.g. --tz Asia/Shanghai or --tz UTC.`);
  return known;
}
