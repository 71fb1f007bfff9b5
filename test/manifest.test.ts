import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  features: { slash_commands: { command: string }[]; bot_user: unknown; app_home: { home_tab_enabled: boolean }; shortcuts: { type: string; callback_id: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};
// Slack's official app manifest schema (v1), kept beside the tests so a fresh clone can check it.
const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/slack-manifest.schema.1.0.0.json'), 'utf8')) as object;

describe('manifest.yml', () => {
  it("is valid against Slack's app manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares what the bot uses: the /imc command, thread replies, reactions, membership checks, admin look-ups, interactivity', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/imc']);
    expect(manifest.features.bot_user).toBeDefined();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['message.channels', 'message.groups', 'message.im', 'reaction_added', 'reaction_removed']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'commands', 'channels:history', 'groups:history', 'im:history', 'reactions:read', 'channels:read', 'groups:read', 'users:read']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for the scopes of the chart upload and the canvas', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['files:write', 'canvases:write']));
  });

  it('declares the message shortcut the bot listens for', () => {
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: 'imc_plan_from_message' })]);
  });

  it('turns on the Home tab and subscribes to app_home_opened, which publishes it', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('asks for no scope the bot does not use', () => {
    const used = new Set(['chat:write', 'commands', 'channels:history', 'groups:history', 'im:history', 'reactions:read', 'channels:read', 'groups:read', 'users:read', 'files:write', 'canvases:write']);
    expect(manifest.oauth_config.scopes.bot.filter((scope) => !used.has(scope))).toEqual([]);
  });
});
