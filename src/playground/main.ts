/**
 * `npm run playground`: the bot with no Slack at all. Interactive by default;
 * `--script <file>` replays a conversation and prints the transcript instead.
 */
import { readFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline';
import { parsePlaygroundArgs, USAGE, type PlaygroundArgs } from './parse-args.js';
import { startPlayground, type Playground } from './playground.js';
import { PlaygroundError } from './playground-error.js';
import { replayScript } from './replay-script.js';
import { languageOf, type Language } from '../domain/message/language.js';

const TICK_EVERY_MS = 1_000;

async function main(): Promise<number> {
  const args = parsePlaygroundArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  return args.script ? runScript(args, args.script) : runInteractive(args);
}

async function runScript(args: PlaygroundArgs, file: string): Promise<number> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new PlaygroundError(`Cannot read the script ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Give a path such as examples/spring-launch.imc.`);
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const playground = await startPlayground({ ...startOptions(args), out, color: process.stdout.isTTY });
  onInterrupt(() => playground.close());
  try {
    await replayScript(playground, source, out, file);
    return 0;
  } catch (error) {
    process.stderr.write(`\n${(error as Error).message}\n`);
    return 1;
  } finally {
    await playground.close();
  }
}

async function runInteractive(args: PlaygroundArgs): Promise<number> {
  let rl: Interface | undefined;
  let waitingAtPrompt = false;
  // Reminders can print while the prompt waits: clear it, print, and draw it again.
  const out = (line: string) => {
    if (waitingAtPrompt && process.stdout.isTTY) process.stdout.write('\r\u001b[2K');
    process.stdout.write(`${line}\n`);
    if (waitingAtPrompt) rl?.prompt(true);
  };
  const playground = await startPlayground({ ...startOptions(args), out, color: process.stdout.isTTY, tickEveryMs: TICK_EVERY_MS });
  // Created only now: readline starts reading at once, and lines read before the loop below would be lost.
  const reader = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY && process.stdout.isTTY });
  rl = reader;
  const prompt = () => {
    reader.setPrompt(`${playground.user}> `);
    waitingAtPrompt = true;
    reader.prompt();
  };
  reader.on('SIGINT', onInterrupt(() => finish(reader, playground)));
  prompt();
  for await (const line of reader) {
    waitingAtPrompt = false;
    if (!process.stdin.isTTY) out(line);
    try {
      await playground.run(line);
    } catch (error) {
      out(error instanceof PlaygroundError ? error.message : `Something went wrong: ${(error as Error).message}`);
    }
    if (playground.quitting) break;
    prompt();
  }
  waitingAtPrompt = false;
  if (!process.stdin.isTTY || playground.quitting) process.stdout.write('\n');
  await finish(reader, playground);
  return 0;
}

async function finish(rl: Interface, playground: Playground): Promise<void> {
  rl.close();
  await playground.close();
}

function startOptions(args: PlaygroundArgs) {
  const language = playgroundLanguage(process.env.IMC_LANGUAGE);
  return {
    ...(language ? { language } : {}),
    keep: args.keep,
    socketMode: args.socketMode,
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
    ...(args.now ? { now: args.now } : {}),
    ...(args.timeZone ? { timeZone: args.timeZone } : {}),
    ...(args.language ? { language: args.language } : {}),
  };
}

/** IMC_LANGUAGE as the bot reads it (zh-CN, en); a language it does not speak is a mistake said at once. */
function playgroundLanguage(value: string | undefined): Language | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const language = languageOf(value);
  if (!language) throw new PlaygroundError(`IMC_LANGUAGE "${value}" is not a language the bot speaks; use zh-CN or en.`);
  return language;
}

/** Ctrl-C cleans up once, then exits; returns the handler for readline's own SIGINT. */
function onInterrupt(cleanUp: () => Promise<void>): () => void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\n');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return handler;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof PlaygroundError ? error.message : String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
