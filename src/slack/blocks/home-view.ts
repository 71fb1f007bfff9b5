/**
 * The App Home as Block Kit: one part per section of the Home model, each plan a
 * section block with its action as the accessory (a link to the thread or the
 * draft, or "Start review"), a draft waiting for the person's approval with its
 * Approve and Request changes buttons, and "Newer"/"Older" buttons where a section
 * has more than one page. Stays far below the Home tab's 100 blocks: at most
 * 4 + 4 × (2 × page size + 4) blocks.
 */
import type { HomeItem, HomeModel, HomeSection } from '../../app/home-model.js';
import { escapeMrkdwn } from '../../render/escape.js';
import { actions, button, context, divider, header, section, truncate, type Block } from './block-kit.js';
import { encodeValue } from './action-ids.js';

/** Action ids of the Home's buttons. */
export const HOME_ACTION = {
  /** A link button (Continue, Open the draft, Open thread): Slack still sends the click, which is only acknowledged. */
  link: 'imc_home_link',
  /** Start the review of an approved plan: value `plan`. */
  review: 'imc_home_review',
  /** Another page of a section: value `section|page`. */
  page: 'imc_home_page',
  /** Approve or Request changes on a draft waiting for the person: action id `imc_home_vote:approve|reject:plan`, value `plan|version`. */
  vote: 'imc_home_vote',
} as const;

/** What the view needs besides the model. */
export interface HomeViewContext {
  /** The link an item's button opens (its thread, or its draft), when known. */
  linkFor(item: HomeItem): string | undefined;
}

const TITLE_MAX = 150;

/** The blocks of `model`'s Home view. */
export function homeViewBlocks(model: HomeModel, view: HomeViewContext): Block[] {
  const blocks: Block[] = [header('IMC Planner'), context('Your plans across channels, newest first. Type `/imc help` in a channel for every command.')];
  if (model.notice) blocks.push(section(`:information_source: ${model.notice}`));
  model.sections.forEach((part, index) => {
    if (index > 0) blocks.push(divider());
    blocks.push(...sectionBlocks(part, view));
  });
  return blocks;
}

function sectionBlocks(part: HomeSection, view: HomeViewContext): Block[] {
  const count = part.total > 0 ? ` (${part.total})` : '';
  const blocks: Block[] = [section(`*${part.title}*${count}`)];
  if (part.items.length === 0) {
    blocks.push(context(part.empty));
    return blocks;
  }
  for (const item of part.items) {
    blocks.push(itemBlock(item, view));
    if (item.action === 'open-draft') blocks.push(voteButtons(item));
  }
  if (part.hint) blocks.push(context(part.hint));
  if (part.pages > 1) {
    const buttons: Block[] = [];
    if (part.page > 0) buttons.push(button('← Newer', `${HOME_ACTION.page}:${part.id}:prev`, encodeValue(part.id, String(part.page - 1))));
    if (part.page < part.pages - 1) buttons.push(button('Older →', `${HOME_ACTION.page}:${part.id}:next`, encodeValue(part.id, String(part.page + 1))));
    blocks.push(actions(encodeValue('home-pages', part.id), buttons));
    blocks.push(context(`Page ${part.page + 1} of ${part.pages} · ${part.total} plans`));
  }
  return blocks;
}

function itemBlock(item: HomeItem, view: HomeViewContext): Block {
  const { plan } = item;
  const title = escapeMrkdwn(truncate(plan.title, TITLE_MAX));
  const block = section(`*${title}* · <#${plan.channelId}> · \`${plan.id}\`\n${item.detail}`);
  const accessory = accessoryFor(item, view.linkFor(item));
  return accessory ? { ...block, accessory } : block;
}

/** The draft's own Approve and Request changes buttons, counted like its reactions. */
function voteButtons(item: HomeItem): Block {
  const value = encodeValue(item.plan.id, String(item.plan.version ?? 1));
  return actions(encodeValue('home-vote', item.plan.id), [
    button('Approve', `${HOME_ACTION.vote}:approve:${item.plan.id}`, value, 'primary'),
    button('Request changes', `${HOME_ACTION.vote}:reject:${item.plan.id}`, value),
  ]);
}

function accessoryFor(item: HomeItem, link: string | undefined): Block | undefined {
  const linkButton = (label: string): Block | undefined =>
    link ? { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: `${HOME_ACTION.link}:${item.plan.id}`, url: truncate(link, 3000) } : undefined;
  switch (item.action) {
    case 'continue':
      return linkButton('Continue');
    case 'open-draft':
      return linkButton('Open the draft');
    case 'open-thread':
      return linkButton('Open thread');
    case 'start-review':
      return button('Start review', `${HOME_ACTION.review}:${item.plan.id}`, item.plan.id, 'primary');
    case 'none':
      return undefined;
  }
}
