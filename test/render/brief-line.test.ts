import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/app/load-script.js';
import { PlanSchema, type Plan } from '../../src/domain/plan/plan.js';
import { briefLine } from '../../src/render/brief-line.js';
import { asClause, shortenPhrase } from '../../src/render/shorten.js';
import { SAMPLE_LABELS, sampleDraft, sampleDraftWithOfferValue } from '../fixtures/plans.js';

const script = loadScript();
const maxOf = (id: string): number => {
  const max = script.questions.find((q) => q.id === id)?.max;
  if (max === undefined) throw new Error(`${id} has no length limit`);
  return max;
};

/** Punctuation artefacts a cut can leave: "vendors., at", ",,", "word …", "…,", "and 3 more". */
const ARTEFACTS = /[.,;:!?]\s*[,;:]|[.,;:!?]…|…\s*[.,;:!?]|\s…|\band \d+ more\b|\(\s*\)|“\s*”/u;

function plan(change: Partial<Plan> = {}): Plan {
  const base = PlanSchema.parse(sampleDraftWithOfferValue());
  return { ...base, ...change };
}

/** A long answer of exactly `length` characters, ending mid-word, full of clauses, brackets and stops. */
function longAnswer(length: number, seed: string): string {
  const words = `${seed} managers at mid-sized vendors, at the moment of renewal; who read trade press (and blogs) — and attend shows. They `;
  let text = '';
  while (text.length < length) text += words;
  return text.slice(0, length);
}

describe('the brief line', () => {
  it('reads as one sentence with every part of the strategy', () => {
    expect(briefLine(plan(), SAMPLE_LABELS)).toBe(
      'Achieve purchase intention (conversion 2.5 % → 3.5 %) among office workers aged 25–35 in Shanghai and Shenzhen who buy coffee daily and switch… (from evaluation to purchase) by promising “A smooth cold brew ready the moment you are” — grounded in the insight that switchers want a coffee that feels like a treat without slowing them down — carried by “Spring in every sip: smooth oat-milk cold brew that keeps pace with your day” as a brand message and incentive (coupon worth ¥10) through 3 owned, 3 paid and 2 earned channels, led by WeChat official account and mini program, Search ads and Reviews and word of mouth.',
    );
  });

  it('names up to four channels with their media, and counts a longer list instead of "and N more"', () => {
    const few = plan({ channels: plan().channels.filter((c) => ['owned-wechat', 'paid-search-ads', 'earned-reviews'].includes(c.id)) });
    expect(briefLine(few, SAMPLE_LABELS)).toMatch(/through WeChat official account and mini program \(owned\), Search ads \(paid\) and Reviews and word of mouth \(earned\)\.$/);
    const all = plan({ channels: script.catalogue });
    expect(briefLine(all, SAMPLE_LABELS)).toMatch(/through 23 owned, 16 paid and 6 earned channels, led by Website, Search ads and Press coverage\.$/);
  });

  it('stays short and clean with the longest answers the prompts allow', () => {
    const longest = plan({
      audience: { ...plan().audience, description: longAnswer(maxOf('audience_description'), 'Procurement') },
      concept: longAnswer(maxOf('concept'), 'Concept'),
      message: {
        ...plan().message!,
        proposition: longAnswer(maxOf('proposition'), 'Promise'),
        insight: longAnswer(maxOf('insight'), 'Insight'),
      },
      channels: script.catalogue,
    });
    const line = briefLine(longest, SAMPLE_LABELS);
    expect(line.length).toBeLessThanOrEqual(700);
    expect(line).not.toMatch(ARTEFACTS);
    expect(line).toMatch(/^Achieve .+ among procurement managers .+ by promising “.+” — grounded in the insight that .+ — carried by “.+” as .+ through .+\.$/);
  });

  it('tightens every free-text part when the whole would run past 700 characters, and leaves a line that fits as it is', () => {
    // Unbroken answers (no sentence or clause to stop at) with the four longest channel names: each part takes its full share.
    const unbroken = (seed: string) => `${seed} ${'considered purchase moments across regional distributor networks '.repeat(8)}`.trim();
    const longest = (media: string, n: number) =>
      script.catalogue.filter((c) => c.media === media).sort((a, b) => b.name.replace(/\s*\([^)]*\)/g, '').length - a.name.replace(/\s*\([^)]*\)/g, '').length).slice(0, n);
    const longestNames = [...longest('owned', 1), ...longest('paid', 2), ...longest('earned', 1)];
    const crowded = plan({
      goals: [{ ...plan().goals[0]!, baseline: 123_456_789, target: 987_654_321, unit: 'count', metric: 'conversion' }],
      audience: { ...plan().audience, description: unbroken('Procurement') },
      concept: unbroken('Concept'),
      message: { ...plan().message!, proposition: unbroken('Promise'), insight: unbroken('Insight') },
      channels: longestNames,
      incentive: { ...plan().incentive!, mechanic: 'loyalty-points', value: 12_345_678_900 },
    });
    const line = briefLine(crowded, SAMPLE_LABELS);
    expect(line.length).toBeLessThanOrEqual(700);
    expect(line).not.toMatch(ARTEFACTS);
    expect(line).toMatch(/^Achieve .+ among procurement .+ by promising “Promise .+” — grounded in the insight that .+ — carried by “Concept .+” as .+ through .+\.$/);
    // The sample plan fits: nothing of it is cut further.
    expect(briefLine(plan(), SAMPLE_LABELS)).toContain('who buy coffee daily and switch… (from evaluation to purchase)');
  });

  it('never leaves punctuation artefacts, whatever the answers hold', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    // Answers free of artefacts themselves: whatever the brief shows comes from how it joins and cuts them.
    const glue = fc.constantFrom(' ', ', ', '. ', '; ', ' — ', ': ', ' (', ') ', '! ', '?', '.');
    const answer = fc.array(fc.tuple(word, glue), { minLength: 1, maxLength: 80 }).map((parts) => parts.map(([w, g]) => `${w}${g}`).join(''));
    fc.assert(
      fc.property(answer, answer, answer, answer, (description, concept, proposition, insight) => {
        const line = briefLine(
          plan({ audience: { ...plan().audience, description }, concept, message: { ...plan().message!, proposition, insight } }),
          SAMPLE_LABELS,
        );
        expect(line).not.toMatch(ARTEFACTS);
        expect(line.endsWith('.')).toBe(true);
        expect(line.length).toBeLessThanOrEqual(700);
      }),
      { numRuns: 300 },
    );
  });

  it('reads for a plan stored before message plans, on its concept', () => {
    const { message: _m, incentive: _i, ...old } = plan();
    expect(briefLine({ ...old, journey: [] } as Plan, SAMPLE_LABELS)).toMatch(
      /^Achieve purchase intention .+ \(at evaluation\) by promising “Spring in every sip: smooth oat-milk cold brew that keeps pace with your day”, carried by a brand message and incentive through/,
    );
  });
});

describe('shortenPhrase', () => {
  it('keeps what fits, as typed, without its closing stop', () => {
    expect(shortenPhrase('Office workers in Shanghai.', 90)).toBe('Office workers in Shanghai');
  });

  it('prefers the first sentence, then whole clauses, then whole words, ending on a word that carries meaning', () => {
    expect(shortenPhrase('Busy parents in Shenzhen. They buy snacks online every week and compare prices on three apps.', 40)).toBe('Busy parents in Shenzhen');
    expect(shortenPhrase('Office workers aged 25-35, who buy premium tea online, and who read Xiaohongshu before buying anything', 60)).toBe(
      'Office workers aged 25-35, who buy premium tea online…',
    );
    expect(shortenPhrase('Procurement managers who evaluate vendors at the moment of renewal with the CFO', 50)).toBe('Procurement managers who evaluate vendors…');
  });

  it('cuts text without spaces by characters, and never leaves a bracket open', () => {
    expect(shortenPhrase('办公室白领，年龄25到35岁，住在一线城市，喜欢在办公桌前喝瓶装茶，关注健康和口感', 20)).toBe('办公室白领，年龄25到35岁…');
    expect(shortenPhrase('Office workers (aged 25 to 35 and living in tier-one cities across China)', 30)).toBe('Office workers…');
  });
});

describe('asClause', () => {
  it('lower-cases an ordinary opening word and keeps names and acronyms', () => {
    expect(asClause('Office workers in Shanghai')).toBe('office workers in Shanghai');
    expect(asClause('Moonleaf fans in Shanghai')).toBe('Moonleaf fans in Shanghai');
    expect(asClause('IT managers')).toBe('IT managers');
  });
});
