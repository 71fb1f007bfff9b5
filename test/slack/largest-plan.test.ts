import { afterEach, describe, expect, it } from 'vitest';
import { checkBlockLimits } from '../../src/render/block-limits.js';
import { findBlockKitProblem } from '../../src/local-slack/block-kit-limits.js';
import { ALICE, CHANNEL, startHarness, type Harness } from '../support/bot-harness.js';
import { completePlan, say, startPlan, TYPED_ANSWERS } from '../support/plan-conversation.js';

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

const ALL_CHANNELS = [
  'owned-website', 'owned-official-store', 'owned-packaging', 'owned-wechat', 'owned-weibo', 'owned-douyin', 'owned-xiaohongshu',
  'owned-bilibili', 'owned-instagram', 'owned-linkedin', 'owned-youtube', 'owned-email-crm', 'owned-community', 'owned-employees',
  'owned-point-of-sale', 'paid-search-ads', 'paid-social-ads', 'paid-short-video-ads', 'paid-dsp', 'paid-online-video',
  'paid-ecommerce-ads', 'paid-tv', 'paid-radio', 'paid-print', 'paid-outdoor', 'paid-cinema', 'paid-sponsorship', 'paid-kol',
  'earned-press', 'earned-kol-reposts', 'earned-reviews', 'earned-fan-shares', 'earned-community',
];

const METRICS = ['awareness', 'recognition', 'trust', 'reputation', 'loyalty', 'new customers', 'activation', 'retention', 'conversion', 'sharing'];

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
      concept: longText(200, 'Concept'),
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
