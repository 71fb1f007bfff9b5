import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readDotEnv, redact } from '../src/config.js';

const BOT_TOKEN = 'xoxb-1111-2222-SeCrEtBoTtOkEn';
const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
const APP_TOKEN = 'xapp-1-A111-222-SeCrEtApPtOkEn';
const minimal = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };

/** Runs loadConfig and returns the ConfigError it throws. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('fills every default from just the two required secrets', () => {
    expect(loadConfig(minimal)).toEqual({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      socketMode: false,
      port: 3000,
      dataDir: './data',
      timeZone: 'UTC',
      reviewHour: 10,
      approveEmoji: 'white_check_mark',
      rejectEmoji: 'x',
      approvalsNeeded: 2,
      authorCanApprove: false,
      admins: [],
      language: 'en',
      logLevel: 'info',
      leaseMs: 30_000,
      budgetChart: 'native',
      slackCalls: 'thread',
    });
  });

  it('reads how the budget chart is shown, and names the variable when the value is unknown', () => {
    expect(loadConfig({ ...minimal, IMC_BUDGET_CHART: 'image' }).budgetChart).toBe('image');
    expect(() => loadConfig({ ...minimal, IMC_BUDGET_CHART: 'pie' })).toThrow(/IMC_BUDGET_CHART is not valid \(got "pie"\)\. Use native/);
  });

  it('makes the Web API calls on the poster thread unless IMC_SLACK_CALLS=main, and names the variable when the value is unknown', () => {
    expect(loadConfig(minimal).slackCalls).toBe('thread');
    expect(loadConfig({ ...minimal, IMC_SLACK_CALLS: 'main' }).slackCalls).toBe('main');
    expect(loadConfig({ ...minimal, IMC_SLACK_CALLS: ' thread ' }).slackCalls).toBe('thread');
    expect(() => loadConfig({ ...minimal, IMC_SLACK_CALLS: 'worker' })).toThrow(/IMC_SLACK_CALLS is not valid \(got "worker"\)\. Use thread/);
  });

  it('takes IMC_TIME_ZONE as Intl names it: a listed zone as written, another case, an alias or UTC by its canonical name', () => {
    const zoneOf = (name: string) => loadConfig({ ...minimal, IMC_TIME_ZONE: name }).timeZone;
    expect(zoneOf('Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneOf('EUROPE/BERLIN')).toBe('Europe/Berlin');
    expect(zoneOf('US/Eastern')).toBe('America/New_York');
    expect(zoneOf('UTC')).toBe('UTC');
    expect(zoneOf('Etc/GMT-8')).toBe('Etc/GMT-8');
  });

  it('reads every variable when set, trimming blanks and normalising', () => {
    const config = loadConfig({
      ...minimal,
      SLACK_APP_TOKEN: ` ${APP_TOKEN} `,
      PORT: '0',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      IMC_DATA_DIR: '/var/lib/imc',
      IMC_TIME_ZONE: 'asia/shanghai',
      IMC_REVIEW_HOUR: '0',
      IMC_APPROVE_EMOJI: ':+1:',
      IMC_REJECT_EMOJI: 'thumbsdown::skin-tone-3',
      IMC_APPROVALS_NEEDED: '20',
      IMC_AUTHOR_CAN_APPROVE: 'YES',
      IMC_ADMINS: ' U012AB3CD, W045EF6GH U012AB3CD ',
      IMC_LANGUAGE: ' zh_CN ',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      appToken: APP_TOKEN,
      socketMode: true,
      port: 0,
      slackApiUrl: 'http://127.0.0.1:4000/api/',
      dataDir: '/var/lib/imc',
      timeZone: 'Asia/Shanghai',
      reviewHour: 0,
      approveEmoji: '+1',
      rejectEmoji: 'thumbsdown::skin-tone-3',
      approvalsNeeded: 20,
      authorCanApprove: true,
      admins: ['U012AB3CD', 'W045EF6GH'],
      language: 'zh-CN',
      logLevel: 'debug',
    });
  });

  it('treats an empty optional variable as unset', () => {
    const config = loadConfig({ ...minimal, SLACK_APP_TOKEN: '', PORT: '  ', SLACK_API_URL: '' });
    expect(config.socketMode).toBe(false);
    expect(config.port).toBe(3000);
    expect(config).not.toHaveProperty('slackApiUrl');
    expect(config).not.toHaveProperty('appToken');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['no', false],
    ['0', false],
    ['False', false],
  ])('reads IMC_AUTHOR_CAN_APPROVE=%s as %s', (raw, expected) => {
    expect(loadConfig({ ...minimal, IMC_AUTHOR_CAN_APPROVE: raw }).authorCanApprove).toBe(expected);
  });

  it('names both missing secrets and says where to find them', () => {
    const error = configError({});
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.variables).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(error.message).toContain('SLACK_BOT_TOKEN is missing');
    expect(error.message).toContain('OAuth & Permissions');
    expect(error.message).toContain('SLACK_SIGNING_SECRET is missing');
    expect(error.message).toContain('.env.example');
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token-not-bot'],
    ['SLACK_BOT_TOKEN', 'xoxb-with spaces'],
    ['SLACK_SIGNING_SECRET', 'has a space'],
    ['SLACK_APP_TOKEN', 'xoxb-not-an-app-token'],
    ['PORT', 'http'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '30.5'],
    ['SLACK_API_URL', 'http://127.0.0.1:4000/'],
    ['SLACK_API_URL', 'ftp://example.com/api/'],
    ['SLACK_API_URL', 'not a url'],
    ['SLACK_API_URL', 'https://slack.com/api/?x=1'],
    ['IMC_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['IMC_TIME_ZONE', 'GMT+8 please'],
    ['IMC_REVIEW_HOUR', '24'],
    ['IMC_REVIEW_HOUR', '9am'],
    ['IMC_APPROVE_EMOJI', 'White Check'],
    ['IMC_REJECT_EMOJI', '<script>'],
    ['IMC_REJECT_EMOJI', ':white_check_mark:'],
    ['IMC_APPROVALS_NEEDED', '0'],
    ['IMC_APPROVALS_NEEDED', '21'],
    ['IMC_APPROVALS_NEEDED', 'two'],
    ['IMC_AUTHOR_CAN_APPROVE', 'maybe'],
    ['IMC_ADMINS', '@dan'],
    ['IMC_ADMINS', 'U012AB3CD;<!channel>'],
    ['IMC_LANGUAGE', 'fr'],
    ['IMC_LANGUAGE', 'zh-TW'],
    ['LOG_LEVEL', 'verbose'],
  ])('names %s when it is %j, with an example of a valid value', (name, value) => {
    const error = configError({ ...minimal, [name]: value });
    expect(error.variables).toEqual([name]);
    expect(error.message).toContain(`${name} is not valid`);
    expect(error.message).toMatch(new RegExp(`e\\.g\\. ${name}=`));
  });

  it('lists every malformed variable at once', () => {
    const error = configError({ PORT: 'x', LOG_LEVEL: 'loud', IMC_TIME_ZONE: 'Nowhere' });
    expect(error.variables).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'IMC_TIME_ZONE', 'LOG_LEVEL']);
    expect(error.message).toContain('5 problems');
    expect(error.message).toContain('(got "loud")');
  });

  it('never shows a secret value, even one pasted into the wrong variable', () => {
    const swapped = configError({
      SLACK_BOT_TOKEN: APP_TOKEN,
      SLACK_SIGNING_SECRET: 'two words secret-value',
      SLACK_APP_TOKEN: BOT_TOKEN,
      SLACK_API_URL: 'https://user:p4ssw0rd@example.com/',
      IMC_TIME_ZONE: BOT_TOKEN,
    });
    const misplaced = configError({ ...minimal, LOG_LEVEL: SIGNING_SECRET, IMC_DATA_DIR: 'ok' });
    for (const message of [swapped.message, misplaced.message]) {
      for (const secret of [APP_TOKEN, BOT_TOKEN, 'secret-value', 'p4ssw0rd', SIGNING_SECRET, 'SeCrEt']) {
        expect(message).not.toContain(secret);
      }
      expect(message).toContain('value hidden');
    }
    expect(swapped.variables).toHaveLength(5);
    expect(misplaced.variables).toEqual(['LOG_LEVEL']);
  });

  it('ignores unrelated variables', () => {
    expect(() => loadConfig({ ...minimal, PATH: '/usr/bin', NODE_ENV: 'test' })).not.toThrow();
  });
});

describe('readDotEnv', () => {
  it('reads keys, quotes, exports and comments', () => {
    const text = [
      '\uFEFF# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      '  SPACED  =  padded value  ',
      'DOUBLE="a # not a comment\\nnext line"',
      "SINGLE='kept \\n literally'",
      'INLINE=value # trailing comment',
      'HASH=a#b',
      'EMPTY=',
      'EQUALS=a=b=c',
      'QUOTED_THEN_COMMENT="x" # note',
      'WINDOWS=crlf\r',
    ].join('\n');
    expect(readDotEnv(text)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'padded value',
      DOUBLE: 'a # not a comment\nnext line',
      SINGLE: 'kept \\n literally',
      INLINE: 'value',
      HASH: 'a#b',
      EMPTY: '',
      EQUALS: 'a=b=c',
      QUOTED_THEN_COMMENT: 'x',
      WINDOWS: 'crlf',
    });
  });

  it('lets a later line win', () => {
    expect(readDotEnv('A=1\nA=2')).toEqual({ A: '2' });
  });

  it('refuses unreadable lines by number, without echoing them', () => {
    const text = 'GOOD=1\nthis is not a setting\nBROKEN="xoxb-unclosed\n1BAD=x';
    try {
      readDotEnv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('line 2, line 3, line 4');
      expect(message).not.toContain('xoxb-unclosed');
      expect(message).toContain('e.g. PORT=3000');
    }
  });

  it('parses the shipped .env.example into a valid config', () => {
    const env = readDotEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8'));
    const config = loadConfig(env);
    expect(config.socketMode).toBe(false);
    expect(config.port).toBe(3000);
  });

  it('documents every variable loadConfig reads in .env.example', () => {
    const documented = Object.keys(readDotEnv(readFileSync(new URL('../.env.example', import.meta.url), 'utf8')));
    expect(documented.sort()).toEqual(
      [
        'SLACK_BOT_TOKEN',
        'SLACK_CLIENT_ID',
        'SLACK_CLIENT_SECRET',
        'SLACK_STATE_SECRET',
        'SLACK_SIGNING_SECRET',
        'SLACK_APP_TOKEN',
        'PORT',
        'HOST',
        'SLACK_API_URL',
        'IMC_DATA_DIR',
        'DATABASE_URL',
        'IMC_LEASE_SECONDS',
        'IMC_TIME_ZONE',
        'IMC_REVIEW_HOUR',
        'IMC_APPROVE_EMOJI',
        'IMC_REJECT_EMOJI',
        'IMC_APPROVALS_NEEDED',
        'IMC_AUTHOR_CAN_APPROVE',
        'IMC_ADMINS',
        'IMC_LANGUAGE',
        'LOG_LEVEL',
        'IMC_BUDGET_CHART',
        'IMC_SLACK_CALLS',
      ].sort(),
    );
  });
});

describe('redact', () => {
  const config = loadConfig({ ...minimal, SLACK_APP_TOKEN: APP_TOKEN });

  it('hides the configured secrets wherever they appear', () => {
    const line = `auth ${BOT_TOKEN} sig=${SIGNING_SECRET};app:${APP_TOKEN}`;
    expect(redact(line, config)).toBe('auth [redacted] sig=[redacted];app:[redacted]');
  });

  it('hides anything shaped like a Slack token, even unconfigured ones', () => {
    expect(redact('user xoxp-123-abc and bot xoxb-9-9 and app xapp-1-X', {})).toBe(
      'user [redacted] and bot [redacted] and app [redacted]',
    );
  });

  it('hides response URLs in plain, JSON-escaped and form-encoded text', () => {
    const plain = 'posting to https://hooks.slack.com/commands/T1/123/abcDEF now';
    const json = '{"response_url":"https:\\/\\/hooks.slack.com\\/actions\\/T1\\/2\\/xyz"}';
    const form = 'token=x&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F9%2Fq&text=hi';
    expect(redact(plain, {})).toBe('posting to [redacted] now');
    expect(redact(json, {})).toBe('{"response_url":"[redacted]"}');
    expect(redact(form, {})).toBe('token=x&response_url=[redacted]&text=hi');
  });

  it('hides trigger ids in JSON, JSON written inside a log line, and forms', () => {
    expect(redact('{"trigger_id":"1234.5678.abcdef","view":{}}', {})).toBe('{"trigger_id":"[redacted]","view":{}}');
    expect(redact('body: {\\"trigger_id\\":\\"1234.5678.abcdef\\"}', {})).toBe('body: {\\"trigger_id\\":\\"[redacted]\\"}');
    expect(redact('trigger_id=1234.5678.abc&view=x', {})).toBe('trigger_id=[redacted]&view=x');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Plan "Spring launch" saved for C123 (status: draft), 2 approvals needed';
    expect(redact(text, config)).toBe(text);
  });
});

describe('HOST', () => {
  const minimal = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret123' };

  it('is absent unless set, and taken as given when it is a host name or address', () => {
    expect(loadConfig(minimal).host).toBeUndefined();
    expect(loadConfig({ ...minimal, HOST: ' ' }).host).toBeUndefined();
    expect(loadConfig({ ...minimal, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ ...minimal, HOST: '::1' }).host).toBe('::1');
  });

  it('refuses a value with spaces or a scheme, naming HOST with an example', () => {
    for (const bad of ['local host', 'http://127.0.0.1']) {
      expect(() => loadConfig({ ...minimal, HOST: bad })).toThrow(/HOST is not valid.*HOST=127\.0\.0\.1/s);
    }
  });
});

describe('DATABASE_URL', () => {
  it('selects PostgreSQL when it is a postgres:// or postgresql:// URL with a host and a database', () => {
    expect(loadConfig(minimal).databaseUrl).toBeUndefined();
    expect(loadConfig({ ...minimal, DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ ...minimal, DATABASE_URL: 'postgres://imc:pw@db:5432/imc' }).databaseUrl).toBe('postgres://imc:pw@db:5432/imc');
    expect(loadConfig({ ...minimal, DATABASE_URL: 'postgresql://db/imc?sslmode=require' }).databaseUrl).toBe('postgresql://db/imc?sslmode=require');
  });

  it.each(['mysql://db/imc', 'postgres://db', 'postgres:///imc', 'dbhost:5432/imc', 'not a url'])('refuses %j, naming the variable without echoing it', (value) => {
    const error = configError({ ...minimal, DATABASE_URL: value });
    expect(error.variables).toEqual(['DATABASE_URL']);
    expect(error.message).toContain('DATABASE_URL is not valid (value hidden)');
    expect(error.message).toContain('postgres://');
    expect(error.message).not.toContain(value);
  });

  it("never lets the database's password into a log line", () => {
    const config = loadConfig({ ...minimal, DATABASE_URL: 'postgres://imc:s3cr3t%2Fpass@db:5432/imc' });
    expect(redact('connecting with s3cr3t/pass to postgres://imc:s3cr3t%2Fpass@db:5432/imc', config)).toBe('connecting with [redacted] to postgres://imc:[redacted]@db:5432/imc');
  });
});

describe('IMC_LEASE_SECONDS', () => {
  it('is 30 s unless set, and refuses what is not 1..600 whole seconds', () => {
    expect(loadConfig({ ...minimal, IMC_LEASE_SECONDS: '5' }).leaseMs).toBe(5_000);
    for (const value of ['0', '601', '1.5', 'soon']) expect(configError({ ...minimal, IMC_LEASE_SECONDS: value }).variables).toEqual(['IMC_LEASE_SECONDS']);
  });
});

describe('installing in many workspaces (OAuth)', () => {
  const CLIENT_SECRET = 'c0ffee00c0ffee00c0ffee00SeCrEt';
  const STATE_SECRET = 'st4te-st4te-st4te-SeCrEtStAtE';
  const oauth = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_CLIENT_ID: '1234567890.0987654321', SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET };

  it('takes the client id, client secret and state secret instead of SLACK_BOT_TOKEN', () => {
    const config = loadConfig(oauth);
    expect(config.oauth).toEqual({ clientId: '1234567890.0987654321', clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET });
    expect(config.botToken).toBeUndefined();
    expect(loadConfig({ ...oauth, SLACK_BOT_TOKEN: '' }).oauth?.clientId).toBe('1234567890.0987654321');
    expect(loadConfig(minimal).oauth).toBeUndefined();
  });

  it('refuses both modes at once, naming the variables and the choice, with no secret in the message', () => {
    const error = configError({ ...oauth, SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(error.variables).toEqual(['SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
    expect(error.message).toContain('not both');
    expect(error.message).toContain('a problem:');
    for (const secret of [BOT_TOKEN, CLIENT_SECRET, STATE_SECRET]) expect(error.message).not.toContain(secret);
  });

  it('names the OAuth variables still missing when only some are set', () => {
    const error = configError({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_CLIENT_ID: '1234567890.0987654321' });
    expect(error.variables).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
    expect(error.message).toContain('SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing');
  });

  it('says how to install in many workspaces when no token mode is set', () => {
    expect(configError({ SLACK_SIGNING_SECRET: SIGNING_SECRET }).message).toContain('SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
  });

  it('refuses a short state secret or a malformed client id without echoing the secret', () => {
    const error = configError({ ...oauth, SLACK_STATE_SECRET: 'short-secret', SLACK_CLIENT_ID: 'not-an-id' });
    expect(error.variables).toEqual(['SLACK_CLIENT_ID', 'SLACK_STATE_SECRET']);
    expect(error.message).toContain('SLACK_STATE_SECRET is not valid (value hidden)');
    expect(error.message).toContain('SLACK_CLIENT_ID is not valid (got "not-an-id")');
    expect(error.message).not.toContain('short-secret');
  });

  it('redacts the client secret and the state secret from log lines', () => {
    const config = loadConfig(oauth);
    expect(redact(`exchange with ${CLIENT_SECRET} signed by ${STATE_SECRET}`, config)).toBe('exchange with [redacted] signed by [redacted]');
  });
});
