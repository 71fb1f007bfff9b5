import { afterEach, describe, expect, it } from 'vitest';
import { loadScript } from '../../src/app/load-script.js';
import { applicableQuestions } from '../../src/domain/plan/assemble-draft.js';
import { checkBlockLimits } from '../../src/render/block-limits.js';
import { findBlockKitProblem } from '../../src/local-slack/block-kit-limits.js';
import { ALICE, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, elementsOf, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Text of exactly `length` characters, of words and markup-looking bits people might type. */
function longText(length: number, seed: string): string {
  const words = `${seed} <!here> & <@U0BOB> *bold* _it_ ~x~ \`code\` 中文营销 emoji:tada: `;
  let text = '';
  while (text.length < length) text += words;
  return text.slice(0, length).trim();
}

/** Every channel of the catalogue: the largest channel list, hence the largest contact plan. */
const ALL_CHANNELS = loadScript().catalogue.map((channel) => channel.id);

const METRICS = ['awareness', 'aided awareness', 'trust', 'reputation', 'loyalty', 'new customers', 'activation', 'retention', 'conversion', 'repeat rate'];

describe('the largest plan the prompts allow', () => {
  it('posts every message within Block Kit limits', async () => {
    h = await startHarness();
    const goals = METRICS.map((metric, i) =>
      ['trust', 'reputation'].includes(metric) ? `${metric} 3.${i} -> 4.${i} by 2027-03-31` : ['new customers', 'sharing'].includes(metric) ? `${metric} 1,000 -> 25,000 by 2027-03-31` : `${metric} ${i + 1}% -> ${i + 30}% by 2027-03-31`,
    ).join('\n');
    const answers = {
      ...TYPED_ANSWERS,
      campaign: longText(80, 'Campaign'),
      brand: longText(80, 'Brand'),
      problems: 'market, brand, product, service, price, communication, channel, sales, logistics',
      problem_statement: longText(400, 'Problem'),
      audience_description: longText(400, 'Audience'),
      research: 'macro, market, competition, consumer-insight',
      secondary_objectives: 'category-demand, brand-awareness, brand-attitude',
      goals,
      insight: longText(400, 'Insight'),
      concept: longText(200, 'Concept'),
      proposition: longText(300, 'Promise'),
      message_type: 'both',
      incentive_offer: `${longText(280, 'Offer')} ¥30 coupon`,
      incentive_terms: longText(200, 'Terms'),
      incentive_redemptions: '999,999',
      channels: ALL_CHANNELS.join(', '),
      budget_available: '¥999,999,999.99',
      customer_value: '¥1,234.56',
    };
    const planId = await startPlan(h, ALICE, CHANNEL, answers.campaign);
    await completePlan(h, planId, answers);
    await say(h, planId, 'status');
    await say(h, planId, 'help');
    const shown = await h.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: `show ${planId}` });
    const record = await h.record(planId);
    expect(record.status).toBe('draft');
    expect(record.versions[0]?.plan.channels).toHaveLength(ALL_CHANNELS.length);
    expect(record.versions[0]?.plan.goals).toHaveLength(10);
    // Every stage of the journey and every channel gets its row, and the posted draft shows the whole table.
    const plan = record.versions[0]!.plan;
    expect(plan.journey).toEqual(['evaluation', 'purchase-decision', 'post-purchase']);
    expect(new Set(plan.contactPlan.map((row) => row.channelId)).size).toBe(ALL_CHANNELS.length);
    const draft = h.fake.callsTo('chat.postMessage').find((call) => String(call.args.text ?? '').startsWith('Draft: IMC plan'));
    const draftText = JSON.stringify(draft?.args.blocks);
    expect(draftText).toContain(`\`${plan.contactPlan.length}\` *`);
    expect(draftText).toContain('*The brief*');
    expect(draftText).toContain('*The incentive*');

    // The Edit form of the largest plan: every part, and the last row of its contact plan, within a modal's limits
    // (the fake refuses a view past them, which the check of refused calls below would show).
    const draftTs = record.versions[0]?.messageTs as string;
    const edit = elementsOf(h.fake.messages(CHANNEL).find((m) => m.ts === draftTs)).find((e) => e.text?.text === 'Edit plan');
    await h.driver.blockAction({ userId: ALICE, channelId: CHANNEL, messageTs: draftTs, actionId: edit?.action_id as string, value: edit?.value as string });
    await h.settle();
    const viewId = h.fake.openModal(ALICE)?.id as string;
    const views = [h.fake.view(viewId)?.view];
    for (const part of ['Audience', 'Insight', 'Objective', 'Message', 'Contacts', 'Budget', 'Schedule']) {
      await h.driver.viewAction({ userId: ALICE, viewId, actionId: 'imc_edit_section', selectedOption: part });
      await h.settle();
      views.push(h.fake.view(viewId)?.view);
    }
    await h.driver.viewAction({ userId: ALICE, viewId, actionId: 'imc_edit_section', selectedOption: 'Contacts' });
    await h.settle();
    const lastRow = plan.contactPlan.at(-1)?.id as string;
    await h.driver.viewAction({ userId: ALICE, viewId, actionId: 'imc_edit_row', selectedOption: lastRow });
    await h.settle();
    views.push(h.fake.view(viewId)?.view);
    expect(h.fake.view(viewId)?.updates).toBe(9);
    expect(JSON.parse(String(h.fake.view(viewId)?.view.private_metadata))).toMatchObject({ s: 'Contacts', r: lastRow });
    for (const shown of views) {
      expect(findBlockKitProblem(shown?.blocks, 'modal')).toBeUndefined();
      expect((shown?.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    }
    const budgetInputs = (views[6]?.blocks as { type: string }[]).filter((block) => block.type === 'input').length;
    // one input per budget question that applies to this plan
    expect(budgetInputs).toBe(applicableQuestions(loadScript(), record.flow.answers).filter((q) => q.section === 'Budget').length);
    expect(budgetInputs).toBeGreaterThan(5);

    const refused = h.fake.calls.filter((call) => call.response && (call.response.body as { ok?: boolean }).ok === false);
    expect(refused.map((c) => `${c.method}: ${JSON.stringify(c.response?.body)}`)).toEqual([]);
    const posted = [...h.fake.callsTo('chat.postMessage'), ...h.fake.callsTo('chat.update')];
    expect(posted.length).toBeGreaterThan(30);
    for (const call of posted) {
      const message = { text: String(call.args.text ?? ''), blocks: (call.args.blocks as unknown[]) ?? [] };
      expect(checkBlockLimits(message), `${call.method} ${message.text.slice(0, 80)}`).toEqual([]);
      expect(findBlockKitProblem(message.blocks, 'message')).toBeUndefined();
    }
    const ack = JSON.parse(shown.body) as { text: string; blocks: unknown[] };
    expect(checkBlockLimits(ack)).toEqual([]);
  });
});
