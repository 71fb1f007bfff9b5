/**
 * The App Home: `app_home_opened` asks the Home service for a fresh view and
 * returns at once (the publish happens after the event is acknowledged); its
 * buttons turn pages, approve or ask for changes (as the draft's own buttons do),
 * start a review, or are links that only need acknowledging.
 * Clicks from a view carry no response URL, so what a click did is shown at the
 * top of the Home itself.
 */
import type { Listeners } from './listener-router.js';
import type { BlockAction } from '@slack/bolt';
import { phrase, type Phrase } from '../../domain/message/phrase.js';
import { HOME_SECTIONS, type HomeSectionId } from '../../app/home-model.js';
import type { ApprovalService } from '../../app/approval-service.js';
import type { HomeService } from '../../app/home-service.js';
import type { Logger } from '../../app/ports.js';
import type { ReviewService } from '../../app/review-service.js';
import { actionDedupeKey, decodeValue } from '../blocks/action-ids.js';
import { HOME_ACTION } from '../blocks/home-view.js';
import type { Voice } from '../voice.js';
import { teamOf } from './team-of.js';

export function registerHomeTab(app: Listeners, { home, reviews, approvals }: { home: HomeService; reviews: ReviewService; approvals: ApprovalService }, voice: Voice, logger: Logger): void {
  // What a click did, in the clicker's language, as the Home itself is.
  const said = (body: BlockAction, teamId: string, reply: Phrase) => voice.say({ userId: body.user.id, teamId, channelId: '' }, reply);
  app.event('app_home_opened', async ({ event, body, context }) => {
    if (event.tab !== 'home') return;
    home.opened(teamOf(body, context), event.user);
  });
  app.action<BlockAction>(new RegExp(`^${HOME_ACTION.link}`), async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction>(new RegExp(`^${HOME_ACTION.page}`), async ({ ack, body, action, context }) => {
    await ack();
    const [section, page] = decodeValue((action as { value?: string }).value);
    if (!HOME_SECTIONS.includes(section as HomeSectionId) || !/^\d{1,4}$/.test(page ?? '')) return;
    home.turnPage(teamOf(body, context), body.user.id, section as HomeSectionId, Number(page));
  });
  app.action<BlockAction>(new RegExp(`^${HOME_ACTION.vote}:`), async ({ ack, body, action, context }) => {
    const teamId = teamOf(body, context);
    await ack();
    const element = action as { action_id: string; action_ts?: string; value?: string };
    const vote = element.action_id.split(':')[1] === 'reject' ? 'reject' : 'approve';
    const [planId = '', version = ''] = decodeValue(element.value);
    const viewId = (body.container as { view_id?: string } | undefined)?.view_id;
    try {
      const reply = await approvals.vote({ planId, version: Number(version), userId: body.user.id, vote, dedupeKey: actionDedupeKey(viewId, element) });
      if (reply) home.notify(teamId, body.user.id, await said(body, teamId, reply));
    } catch (error) {
      logger.error('could not count a vote from the Home tab', { planId, error: String(error) });
      home.notify(teamId, body.user.id, await said(body, teamId, phrase('home.failed.vote')));
    }
  });
  app.action<BlockAction>(new RegExp(`^${HOME_ACTION.review}`), async ({ ack, body, action, context }) => {
    const teamId = teamOf(body, context);
    await ack();
    const planId = (action as { value?: string }).value ?? '';
    const viewId = (body.container as { view_id?: string } | undefined)?.view_id;
    try {
      const reply = await reviews.start(planId, body.user.id, teamId, actionDedupeKey(viewId, action as { action_id: string; action_ts?: string }));
      if (reply) home.notify(teamId, body.user.id, await said(body, teamId, reply));
    } catch (error) {
      logger.error('could not start a review from the Home tab', { planId, error: String(error) });
      home.notify(teamId, body.user.id, await said(body, teamId, phrase('home.failed.review', { planId })));
    }
  });
}
