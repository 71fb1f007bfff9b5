/**
 * Configuration: read once from an env-like record, validated with zod.
 * Pure: the caller (main.ts) decides where `env` comes from; nothing here reads
 * `process.env` or the disk, so every rule is testable with a plain object.
 */
import { z } from 'zod';
import { CodedError } from './errors.js';
import { canonicalTimeZone } from './domain/plan/calendar-date.js';
import { LANGUAGES, languageOf, type Language } from './domain/message/language.js';

/** The validated settings the bot runs with. */
export interface Config {
  /**
   * Bot User OAuth Token (`xoxb-…`) of the one workspace the bot serves; absent when it
   * is installed in many workspaces through Slack's OAuth flow (`oauth`). Secret.
   */
  botToken?: string;
  /** The OAuth flow (`/slack/install`, `/slack/oauth_redirect`): set instead of `botToken`. */
  oauth?: OAuthConfig;
  /** Signing secret used to verify Slack's requests. Secret. */
  signingSecret: string;
  /** App-level token (`xapp-…`); when present the bot connects with Socket Mode. Secret. */
  appToken?: string;
  /** True when `appToken` is set. */
  socketMode: boolean;
  /** HTTP port (0 lets the OS pick one, handy in tests). */
  port: number;
  /** Interface the HTTP server listens on (e.g. 127.0.0.1); all interfaces when absent. */
  host?: string;
  /** Web API base URL ending in `/api/`, for a fake Slack in tests or GovSlack. */
  slackApiUrl?: string;
  /** Directory the file store owns (unused when `databaseUrl` is set). */
  dataDir: string;
  /** PostgreSQL connection URL; when set, everything is kept there and several instances may share it. Secret (its password). */
  databaseUrl?: string;
  /** How long an instance's claim on queued work (a plan's outbox or reminders) lasts unless renewed, in ms. */
  leaseMs: number;
  /** Canonical IANA time zone the team works in. */
  timeZone: string;
  /** Working hour (0..23, in `timeZone`) at which review reminders post. */
  reviewHour: number;
  /** Reaction name (no colons) that counts as an approval. */
  approveEmoji: string;
  /** Reaction name (no colons) that counts as a rejection. */
  rejectEmoji: string;
  /** Approvals a plan needs before it counts as approved. */
  approvalsNeeded: number;
  /** Whether the plan's author may approve their own plan. */
  authorCanApprove: boolean;
  /** Members who may loosen a channel's approval rules besides workspace admins and owners. */
  admins: string[];
  /** The language of a channel's posts until `/imc config language` sets one; people's own messages follow their Slack locale. */
  language: Language;
  /** Minimum level the logger prints. */
  logLevel: LogLevel;
  /** How the budget chart is shown: Slack's native chart, a PNG, both, or not at all. */
  budgetChart: BudgetChartMode;
  /** Where the outbox's Web API calls are made: on a thread of their own (default), or on the main thread. */
  slackCalls: SlackCallsMode;
}

/** The app's credentials for Slack's OAuth flow: every workspace that installs it gets its own bot token. */
export interface OAuthConfig {
  clientId: string;
  /** Secret. */
  clientSecret: string;
  /** Signs the install flow's state (and its browser cookie). Secret. */
  stateSecret: string;
}

export const BUDGET_CHART_MODES = ['native', 'image', 'both', 'off'] as const;
/** `native`: Slack's chart block in the budget sketch (a PNG where Slack refuses it); `image`: always the PNG. */
export type BudgetChartMode = (typeof BUDGET_CHART_MODES)[number];
export const SLACK_CALLS_MODES = ['thread', 'main'] as const;
/** `thread`: the outbox's Web API calls on the poster thread (the main thread if it dies); `main`: on the main thread. */
export type SlackCallsMode = (typeof SLACK_CALLS_MODES)[number];

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** How chatty the logger is. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment cannot produce a valid {@link Config}. */
export class ConfigError extends CodedError<'CONFIG_INVALID'> {
  /** The variables (or `.env` lines) that need fixing, in a stable order. */
  readonly variables: string[];

  constructor(message: string, variables: string[]) {
    super(message, 'CONFIG_INVALID');
    this.variables = variables;
  }
}

/** The secret-bearing part of a config; enough for {@link redact}. */
export type ConfigSecrets = Partial<Pick<Config, 'botToken' | 'signingSecret' | 'appToken' | 'databaseUrl'>> & { oauth?: Partial<OAuthConfig> };

const SECRET_VARIABLES = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'DATABASE_URL', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
/** The variables of the OAuth flow: all three, or none (then SLACK_BOT_TOKEN). */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** How to fix each variable: shown after "X is missing." or "X is not valid". */
const HELP: Record<string, string> = {
  SLACK_BOT_TOKEN:
    'Set it to the Bot User OAuth Token from your Slack app\'s "OAuth & Permissions" page; it starts with "xoxb-", e.g. SLACK_BOT_TOKEN=xoxb-1234-5678-abcd. To install the app in many workspaces instead, leave it empty and set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.',
  SLACK_CLIENT_ID:
    'For installing in many workspaces: the Client ID from your Slack app\'s "Basic Information" page (digits and a dot), e.g. SLACK_CLIENT_ID=1234567890.0987654321; together with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, and without SLACK_BOT_TOKEN.',
  SLACK_CLIENT_SECRET:
    'For installing in many workspaces: the Client Secret from your Slack app\'s "Basic Information" page (one word), e.g. SLACK_CLIENT_SECRET=3f1c0e8e2b7d4a6f9c5e1d2b8a7f6e5d; together with SLACK_CLIENT_ID and SLACK_STATE_SECRET.',
  SLACK_STATE_SECRET:
    'For installing in many workspaces: a random secret of your own, at least 16 characters, the same on every instance (it signs the install link\'s state), e.g. SLACK_STATE_SECRET=$(openssl rand -hex 24).',
  SLACK_SIGNING_SECRET:
    'Set it to the Signing Secret from your Slack app\'s "Basic Information" page (one word, no spaces), e.g. SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543.',
  SLACK_APP_TOKEN:
    'Leave it empty for HTTP mode, or set it to an app-level token with the connections:write scope (it starts with "xapp-"), e.g. SLACK_APP_TOKEN=xapp-1-A111-222-abc.',
  PORT: 'Use a whole number from 0 to 65535, e.g. PORT=3000.',
  HOST: 'Leave it empty to listen on every interface, or give one host name or IP address, e.g. HOST=127.0.0.1.',
  SLACK_API_URL:
    'Leave it empty to talk to slack.com, or give an http(s) URL whose path ends in /api/, e.g. SLACK_API_URL=http://127.0.0.1:4000/api/.',
  IMC_DATA_DIR: 'Give a directory path, e.g. IMC_DATA_DIR=./data.',
  DATABASE_URL:
    'Leave it empty to keep the data in files under IMC_DATA_DIR, or give a PostgreSQL URL with a host and a database, e.g. DATABASE_URL=postgres://imc:secret@db.internal:5432/imc (?sslmode=require for TLS).',
  IMC_LEASE_SECONDS: 'Use a whole number of seconds from 1 to 600, longer than a Slack call may take (10 s), e.g. IMC_LEASE_SECONDS=30.',
  IMC_TIME_ZONE: 'Use an IANA time zone name, e.g. IMC_TIME_ZONE=Asia/Shanghai or IMC_TIME_ZONE=UTC.',
  IMC_REVIEW_HOUR: 'Use a whole hour from 0 to 23, e.g. IMC_REVIEW_HOUR=10 for 10:00.',
  IMC_APPROVE_EMOJI:
    'Use a Slack emoji name, with or without colons, different from IMC_REJECT_EMOJI, e.g. IMC_APPROVE_EMOJI=white_check_mark.',
  IMC_REJECT_EMOJI:
    'Use a Slack emoji name, with or without colons, different from IMC_APPROVE_EMOJI, e.g. IMC_REJECT_EMOJI=x.',
  IMC_APPROVALS_NEEDED: 'Use a whole number from 1 to 20, e.g. IMC_APPROVALS_NEEDED=2.',
  IMC_AUTHOR_CAN_APPROVE: 'Use true or false (yes/no and 1/0 work too), e.g. IMC_AUTHOR_CAN_APPROVE=false.',
  IMC_ADMINS:
    'Leave it empty, or list Slack member ids (U… or W…, from a profile\'s "Copy member ID") separated by commas or spaces, e.g. IMC_ADMINS=U012AB3CD,U045EF6GH.',
  IMC_LANGUAGE: `Use ${LANGUAGES.join(' or ')} (the language of channel posts until /imc config language sets one), e.g. IMC_LANGUAGE=zh-CN.`,
  LOG_LEVEL: 'Use one of debug, info, warn, error, e.g. LOG_LEVEL=info.',
  IMC_BUDGET_CHART: 'Use native (Slack\'s chart block, a PNG where Slack refuses it), image (always a PNG), both or off, e.g. IMC_BUDGET_CHART=native.',
  IMC_SLACK_CALLS: 'Use thread (the Web API calls on a thread of their own, off the event loop that answers Slack) or main (on the main thread), e.g. IMC_SLACK_CALLS=thread.',
};

const VARIABLES = Object.keys(HELP);

// Trimmed, with blank treated as unset: `SLACK_APP_TOKEN=` in a .env means "not set".
const blankToUndefined = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const EMOJI = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;
const emoji = z
  .string()
  .transform((value) => value.replace(/^:/, '').replace(/:$/, ''))
  .pipe(z.string().regex(EMOJI));

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };
const flag = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((value) => BOOLEANS[value] === true);

/**
 * A zone Intl lists is already its canonical name (true of every one of them): found in
 * that list at ~1 ms, where the first DateTimeFormat costs ~12 ms of a cold start. Any
 * other spelling (another case, an alias, UTC) is asked of a DateTimeFormat, as before.
 */
let listedZones: ReadonlySet<string> | undefined;
function startZone(name: string): string | undefined {
  listedZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return listedZones.has(name) ? name : canonicalTimeZone(name);
}

const timeZone = z
  .string()
  .refine((name) => startZone(name) !== undefined)
  .transform((name) => startZone(name) ?? name);

/** `http://host/api` and `http://host/api/` are the same place; Bolt wants the slash. */
function normaliseApiUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.search !== '' || url.hash !== '') return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.pathname.endsWith('/api/') ? url.toString() : undefined;
}

/** `postgres://` or `postgresql://`, with a host and a database name. */
function isPostgresUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
}

const apiUrl = z
  .string()
  .refine((raw) => normaliseApiUrl(raw) !== undefined)
  .transform((raw) => normaliseApiUrl(raw) ?? raw);

/** `U012AB3CD, U045EF6GH` or space-separated: Slack member ids, each checked. */
const memberIds = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/)));

/** `zh-CN`, `en` (and the tags that mean them: `zh`, `zh_CN`, `en-US`). */
const language = z
  .string()
  .refine((tag) => languageOf(tag) !== undefined)
  .transform((tag) => languageOf(tag) ?? 'en');

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);

const EnvSchema = z
  .object({
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-[A-Za-z0-9-]+$/)),
    SLACK_CLIENT_ID: optional(z.string().regex(/^\d+\.\d+$/)),
    SLACK_CLIENT_SECRET: optional(z.string().regex(/^\S{8,}$/)),
    SLACK_STATE_SECRET: optional(z.string().regex(/^\S{16,}$/)),
    SLACK_SIGNING_SECRET: required(z.string().regex(/^\S+$/)),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-[A-Za-z0-9-]+$/)),
    PORT: optional(wholeNumber(0, 65535)),
    HOST: optional(z.string().regex(/^[A-Za-z0-9.:%_-]{1,253}$/)),
    SLACK_API_URL: optional(apiUrl),
    IMC_DATA_DIR: optional(z.string()),
    DATABASE_URL: optional(z.string().refine(isPostgresUrl)),
    IMC_LEASE_SECONDS: optional(wholeNumber(1, 600)),
    IMC_TIME_ZONE: optional(timeZone),
    IMC_REVIEW_HOUR: optional(wholeNumber(0, 23)),
    IMC_APPROVE_EMOJI: optional(emoji),
    IMC_REJECT_EMOJI: optional(emoji),
    IMC_APPROVALS_NEEDED: optional(wholeNumber(1, 20)),
    IMC_AUTHOR_CAN_APPROVE: optional(flag),
    IMC_ADMINS: optional(memberIds),
    IMC_LANGUAGE: optional(language),
    LOG_LEVEL: optional(z.enum(LOG_LEVELS)),
    IMC_BUDGET_CHART: optional(z.enum(BUDGET_CHART_MODES)),
    IMC_SLACK_CALLS: optional(z.enum(SLACK_CALLS_MODES)),
  })
  .refine((env) => (env.IMC_APPROVE_EMOJI ?? 'white_check_mark') !== (env.IMC_REJECT_EMOJI ?? 'x'), {
    path: ['IMC_REJECT_EMOJI'],
  });

/**
 * Exactly one way of getting tokens: SLACK_BOT_TOKEN (one workspace), or all three OAuth
 * variables (many). The variables to name when it is neither, and how.
 */
function tokenModeProblem(env: Record<string, unknown>): { variables: string[]; message: string } | undefined {
  const given = OAUTH_VARIABLES.filter((name) => blankToUndefined(env[name]) !== undefined);
  const botToken = blankToUndefined(env.SLACK_BOT_TOKEN) !== undefined;
  if (botToken && given.length > 0) {
    return {
      variables: ['SLACK_BOT_TOKEN', ...given],
      message: `SLACK_BOT_TOKEN and ${given.join(', ')} are both set: set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many workspaces, not both.`,
    };
  }
  if (!botToken && given.length === 0) return { variables: ['SLACK_BOT_TOKEN'], message: `SLACK_BOT_TOKEN is missing. ${HELP.SLACK_BOT_TOKEN}` };
  const missing = OAUTH_VARIABLES.filter((name) => !given.includes(name));
  if (!botToken && missing.length > 0) {
    return { variables: missing, message: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.` };
  }
  return undefined;
}

/**
 * Builds the config from `env` (usually `{ ...readDotEnv(file), ...process.env }`,
 * so the real environment wins over the file). Throws {@link ConfigError} naming
 * every missing or malformed variable; secret values never appear in the message.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked = Object.fromEntries(VARIABLES.map((name) => [name, env[name]]));
  const result = EnvSchema.safeParse(picked);
  const mode = tokenModeProblem(picked);
  if (!result.success || mode) {
    const invalid = result.success ? [] : VARIABLES.filter((name) => result.error.issues.some((issue) => issue.path[0] === name));
    const bad = VARIABLES.filter((name) => invalid.includes(name) || mode?.variables.includes(name));
    throw new ConfigError(describeProblems(invalid, picked, mode?.message), bad);
  }
  const v = result.data;
  const appToken = v.SLACK_APP_TOKEN;
  const oauth =
    v.SLACK_CLIENT_ID !== undefined && v.SLACK_CLIENT_SECRET !== undefined && v.SLACK_STATE_SECRET !== undefined
      ? { clientId: v.SLACK_CLIENT_ID, clientSecret: v.SLACK_CLIENT_SECRET, stateSecret: v.SLACK_STATE_SECRET }
      : undefined;
  return {
    ...(v.SLACK_BOT_TOKEN === undefined ? {} : { botToken: v.SLACK_BOT_TOKEN }),
    ...(oauth === undefined ? {} : { oauth }),
    signingSecret: v.SLACK_SIGNING_SECRET,
    ...(appToken === undefined ? {} : { appToken }),
    socketMode: appToken !== undefined,
    port: v.PORT ?? 3000,
    ...(v.HOST === undefined ? {} : { host: v.HOST }),
    ...(v.SLACK_API_URL === undefined ? {} : { slackApiUrl: v.SLACK_API_URL }),
    dataDir: v.IMC_DATA_DIR ?? './data',
    ...(v.DATABASE_URL === undefined ? {} : { databaseUrl: v.DATABASE_URL }),
    leaseMs: (v.IMC_LEASE_SECONDS ?? 30) * 1000,
    timeZone: v.IMC_TIME_ZONE ?? 'UTC',
    reviewHour: v.IMC_REVIEW_HOUR ?? 10,
    approveEmoji: v.IMC_APPROVE_EMOJI ?? 'white_check_mark',
    rejectEmoji: v.IMC_REJECT_EMOJI ?? 'x',
    approvalsNeeded: v.IMC_APPROVALS_NEEDED ?? 2,
    authorCanApprove: v.IMC_AUTHOR_CAN_APPROVE ?? false,
    admins: [...new Set(v.IMC_ADMINS ?? [])],
    language: v.IMC_LANGUAGE ?? 'en',
    logLevel: v.LOG_LEVEL ?? 'info',
    budgetChart: v.IMC_BUDGET_CHART ?? 'native',
    slackCalls: v.IMC_SLACK_CALLS ?? 'thread',
  };
}

function describeProblems(bad: string[], env: Record<string, string | undefined>, modeProblem?: string): string {
  // A secret pasted into the wrong variable must not be echoed either.
  const secrets: ConfigSecrets = {
    botToken: longEnough(env.SLACK_BOT_TOKEN),
    signingSecret: longEnough(env.SLACK_SIGNING_SECRET),
    appToken: longEnough(env.SLACK_APP_TOKEN),
    databaseUrl: env.DATABASE_URL,
    oauth: { clientSecret: longEnough(env.SLACK_CLIENT_SECRET), stateSecret: longEnough(env.SLACK_STATE_SECRET) },
  };
  // A variable that is invalid is named once, by its own line; the mode line says what is missing or too much.
  const lines = [...(modeProblem ? [`- ${modeProblem}`] : []), ...bad.map((name) => `- ${describeProblem(name, blankToUndefined(env[name]), secrets)}`)];
  const count = lines.length === 1 ? 'a problem' : `${lines.length} problems`;
  return [
    `The bot's configuration has ${count}:`,
    ...lines,
    'Fix these in the environment or in your .env file (.env.example lists every variable), then start the bot again.',
  ].join('\n');
}

// Hiding a two-letter "secret" would blank out ordinary values like "info".
function longEnough(secret: string | undefined): string | undefined {
  const trimmed = secret?.trim();
  return trimmed !== undefined && trimmed.length >= 8 ? trimmed : undefined;
}

function describeProblem(name: string, value: unknown, secrets: ConfigSecrets): string {
  const help = HELP[name] ?? '';
  if (value === undefined) return `${name} is missing. ${help}`;
  const text = String(value);
  if (SECRET_VARIABLES.has(name) || redact(text, secrets) !== text) {
    return `${name} is not valid (value hidden). ${help}`;
  }
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `${name} is not valid (got ${JSON.stringify(shown)}). ${help}`;
}

/**
 * Parses `.env` text: `KEY=value` lines, optional `export `, `#` comments, single
 * quotes (literal) and double quotes (with \n, \t, \" and \\ escapes). A tiny parser
 * of our own rather than `process.loadEnvFile`, which would write to `process.env`
 * and so keep `loadConfig` from being pure. Throws {@link ConfigError} naming the
 * line number of a line it cannot read (never its content: it may hold a secret).
 */
export function readDotEnv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const badLines: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, index) => {
    const parsed = parseDotEnvLine(line);
    if (parsed === 'blank') return;
    if (parsed === undefined) badLines.push(`line ${index + 1}`);
    else result[parsed[0]] = parsed[1];
  });
  if (badLines.length > 0) {
    throw new ConfigError(
      `The .env file has ${badLines.length === 1 ? 'a line' : 'lines'} the bot cannot read (${badLines.join(', ')}). ` +
        'Each line should be KEY=value, a #comment or blank, e.g. PORT=3000.',
      badLines,
    );
  }
  return result;
}

const DOTENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function parseDotEnvLine(line: string): [string, string] | 'blank' | undefined {
  if (/^\s*(#.*)?$/.test(line)) return 'blank';
  const match = DOTENV_LINE.exec(line);
  if (!match) return undefined;
  const [, key = '', rest = ''] = match;
  const value = parseDotEnvValue(rest);
  return value === undefined ? undefined : [key, value];
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function parseDotEnvValue(rest: string): string | undefined {
  const quoted = /^(["'])((?:\\.|(?!\1).)*)\1\s*(#.*)?$/.exec(rest);
  if (quoted) {
    const [, quote, body = ''] = quoted;
    if (quote === "'") return body;
    return body.replace(/\\(.)/g, (all, char: string) => DOUBLE_QUOTE_ESCAPES[char] ?? all);
  }
  if (/^["']/.test(rest)) return undefined; // an unclosed quote: refuse rather than guess
  // Unquoted: a `#` after whitespace starts a comment; `a#b` keeps its hash.
  return rest.replace(/\s+#.*$/, '');
}

/** The password in a database URL, as written and decoded, if it has one long enough to hide. */
function databasePassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = new URL(url).password;
    return longEnough(password) === undefined ? [] : [password, decodeURIComponent(password)];
  } catch {
    return [];
  }
}

const TOKEN_PATTERN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]*/g;
// response_url and webhook URLs, also JSON-escaped (`\/`) and form-encoded (`%2F`).
// A trigger id (the Web API client's debug lines show the views.open body): in JSON, escaped JSON and forms.
const TRIGGER_PATTERN = /(trigger_id(?:\\?"\s*:\s*\\?"|=))[^"\\&\s]+/g;
const HOOK_URL_PATTERN = /(?:https?(?::|%3A)(?:\\?\/|%2F){2})?hooks\.slack\.com[^\s"'<>&]*/gi;

/**
 * Replaces the configured token and secret values, anything shaped like a Slack
 * token (`xoxb-`, `xoxp-`, `xapp-`, …) and `hooks.slack.com` URLs with `[redacted]`.
 */
export function redact(text: string, config: ConfigSecrets): string {
  let result = text;
  for (const secret of [config.botToken, config.signingSecret, config.appToken, config.oauth?.clientSecret, config.oauth?.stateSecret, ...databasePassword(config.databaseUrl)]) {
    if (secret) result = result.split(secret).join('[redacted]');
  }
  return result.replace(TOKEN_PATTERN, '[redacted]').replace(HOOK_URL_PATTERN, '[redacted]').replace(TRIGGER_PATTERN, '$1[redacted]');
}
