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
import type { Translator } from '../../render/i18n/translator.js';
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
  /** The translator of the person whose Home it is (their Slack locale). */
  t: Translator;
}

const TITLE_MAX = 150;

/** The blocks of `model`'s Home view. */
export function homeViewBlocks(model: HomeModel, view: HomeViewContext): Block[] {
  const { t } = view;
  const blocks: Block[] = [header(t.plain({ key: 'home.header' })), context(t.t('home.intro'))];
  if (model.notice) blocks.push(section(`:information_source: ${model.notice}`));
  model.sections.forEach((part, index) => {
    if (index > 0) blocks.push(divider());
    blocks.push(...sectionBlocks(part, view));
  });
  return blocks;
}

function sectionBlocks(part: HomeSection, view: HomeViewContext): Block[] {
  const count = part.total > 0 ? ` (${part.total})` : '';
  const { t } = view;
  const blocks: Block[] = [section(`*${t.text(part.title)}*${count}`)];
  if (part.items.length === 0) {
    blocks.push(context(t.text(part.empty)));
    return blocks;
  }
  for (const item of part.items) {
    blocks.push(itemBlock(item, view));
    if (item.action === 'open-draft') blocks.push(voteButtons(item, t));
  }
  if (part.hint) blocks.push(context(t.text(part.hint)));
  if (part.pages > 1) {
    const buttons: Block[] = [];
    if (part.page > 0) buttons.push(button(t.plain({ key: 'home.button.newer' }), `${HOME_ACTION.page}:${part.id}:prev`, encodeValue(part.id, String(part.page - 1))));
    if (part.page < part.pages - 1) buttons.push(button(t.plain({ key: 'home.button.older' }), `${HOME_ACTION.page}:${part.id}:next`, encodeValue(part.id, String(part.page + 1))));
    blocks.push(actions(encodeValue('home-pages', part.id), buttons));
    blocks.push(context(t.t('home.page', { page: String(part.page + 1), pages: String(part.pages), total: String(part.total) })));
  }
  return blocks;
}

function itemBlock(item: HomeItem, view: HomeViewContext): Block {
  const { plan } = item;
  const title = escapeMrkdwn(truncate(plan.title, TITLE_MAX));
  const detail = item.detail.map((part) => view.t.text(part)).join(' · ');
  const block = section(`*${title}* · <#${plan.channelId}> · \`${plan.id}\`\n${detail}`);
  const accessory = accessoryFor(item, view.linkFor(item), view.t);
  return accessory ? { ...block, accessory } : block;
}

/** The draft's own Approve and Request changes buttons, counted like its reactions. */
function voteButtons(item: HomeItem, t: Translator): Block {
  const value = encodeValue(item.plan.id, String(item.plan.version ?? 1));
  return actions(encodeValue('home-vote', item.plan.id), [
    button(t.plain({ key: 'home.button.approve' }), `${HOME_ACTION.vote}:approve:${item.plan.id}`, value, 'primary'),
    button(t.plain({ key: 'home.button.request_changes' }), `${HOME_ACTION.vote}:reject:${item.plan.id}`, value),
  ]);
}

function accessoryFor(item: HomeItem, link: string | undefined, t: Translator): Block | undefined {
  const linkButton = (label: string): Block | undefined =>
    link ? { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: `${HOME_ACTION.link}:${item.plan.id}`, url: truncate(link, 3000) } : undefined;
  switch (item.action) {
    case 'continue':
      return linkButton(t.plain({ key: 'home.button.continue' }));
    case 'open-draft':
      return linkButton(t.plain({ key: 'home.button.open_draft' }));
    case 'open-thread':
      return linkButton(t.plain({ key: 'home.button.open_thread' }));
    case 'start-review':
      return button(t.plain({ key: 'home.button.start_review' }), `${HOME_ACTION.review}:${item.plan.id}`, item.plan.id, 'primary');
    case 'none':
      return undefined;
  }
}
