/**
 * The router the bot's listeners register on: Bolt gets one listener per kind of
 * request, and a request reaches exactly the listeners whose constraints it meets,
 * as it would with each listener given to Bolt itself.
 */
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ListenerRouter } from '../../src/slack/listeners/listener-router.js';

type Mounted = Record<string, { constraint: unknown; listener: (args: unknown) => Promise<void> }[]>;

function mounted(router: ListenerRouter): Mounted {
  const given: Mounted = {};
  const register = (kind: string) => (constraint: unknown, listener: (args: unknown) => Promise<void>) => {
    (given[kind] ??= []).push({ constraint, listener });
  };
  router.mount({ action: register('action'), event: register('event'), command: register('command'), view: register('view'), shortcut: register('shortcut') } as unknown as App);
  return given;
}

const run = (given: Mounted, kind: string, args: unknown) => (given[kind]?.[0]?.listener ?? (async () => undefined))(args);

describe('the listener router', () => {
  it('gives Bolt one listener per kind that has any, however many register', () => {
    const router = new ListenerRouter();
    for (const id of ['a', 'b', 'c']) router.action(id, async () => undefined);
    router.event('message', async () => undefined);
    router.event('reaction_added', async () => undefined);
    const given = mounted(router);
    expect(Object.fromEntries(Object.entries(given).map(([kind, list]) => [kind, list.length]))).toEqual({ action: 1, event: 1 });
  });

  it('runs the listener whose action id matches, by name or by pattern, and no other', async () => {
    const router = new ListenerRouter();
    const ran: string[] = [];
    router.action('imc_edit', async () => void ran.push('edit'));
    router.action(/^imc_answer/, async () => void ran.push('answer'));
    router.action(/^imc_home_/, async () => void ran.push('home'));
    const given = mounted(router);
    await run(given, 'action', { action: { action_id: 'imc_answer:P-1' } });
    await run(given, 'action', { action: { action_id: 'imc_edit' } });
    await run(given, 'action', { action: { action_id: 'imc_edit_more' } });
    await run(given, 'action', { action: {} });
    expect(ran).toEqual(['answer', 'edit']);
  });

  it('runs every listener that matches, as Bolt does (two for a reaction, none for another event)', async () => {
    const router = new ListenerRouter();
    const ran: string[] = [];
    router.event('reaction_added', async () => void ran.push('approvals'));
    router.event('reaction_added', async () => void ran.push('audit'));
    router.event('message', async () => void ran.push('reply'));
    const given = mounted(router);
    await run(given, 'event', { event: { type: 'reaction_added' } });
    await run(given, 'event', { event: { type: 'app_mention' } });
    expect(ran.sort()).toEqual(['approvals', 'audit']);
  });

  it('passes the listener the arguments Bolt gave (ack, body, context…)', async () => {
    const router = new ListenerRouter();
    let seen: unknown;
    router.command(/^\/imc/, async (args) => void (seen = args));
    const args = { command: { command: '/imc' }, ack: async () => undefined, context: { teamId: 'T1' } };
    await run(mounted(router), 'command', args);
    expect(seen).toBe(args);
  });

  it('matches views by callback id and shortcuts by callback id and type', async () => {
    const router = new ListenerRouter();
    const ran: string[] = [];
    router.view('imc_edit_view', async () => void ran.push('view'));
    router.shortcut({ callback_id: 'imc_plan_from_message', type: 'message_action' }, async () => void ran.push('shortcut'));
    const given = mounted(router);
    await run(given, 'view', { view: { callback_id: 'other' } });
    await run(given, 'view', { view: { callback_id: 'imc_edit_view' } });
    await run(given, 'shortcut', { body: { callback_id: 'imc_plan_from_message', type: 'shortcut' } });
    await run(given, 'shortcut', { body: { callback_id: 'imc_plan_from_message', type: 'message_action' } });
    expect(ran).toEqual(['view', 'shortcut']);
  });

  it('passes a failure on (so the request is not acknowledged) after the other listeners have finished', async () => {
    const router = new ListenerRouter();
    let finished = false;
    router.event('reaction_added', async () => {
      throw new Error('the store did not answer');
    });
    router.event('reaction_added', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    });
    await expect(run(mounted(router), 'event', { event: { type: 'reaction_added' } })).rejects.toThrow('the store did not answer');
    expect(finished).toBe(true);
  });
});
