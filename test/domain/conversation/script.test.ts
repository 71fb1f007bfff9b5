import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { validateScript, ScriptError, QUESTION_KINDS } from '../../../src/domain/conversation/script.js';
import { applicableQuestions } from '../../../src/domain/plan/assemble-draft.js';
import { resolveTarget } from '../../../src/domain/conversation/flow-target.js';
import { validateCatalogue } from '../../../src/domain/channels/channel-catalogue.js';
import { STAGES, MEDIA_TYPES, QUESTION_MAP, labelOf } from '../../../src/domain/plan/plan.js';
import { en } from '../../support/words.js';

const rawScript = (): { questions: Record<string, unknown>[] } => parse(readFileSync('prompts/plan.yml', 'utf8'));
const rawCatalogue = (): { channels: Record<string, unknown>[] } => parse(readFileSync('prompts/channels.yml', 'utf8'));
const catalogue = validateCatalogue(rawCatalogue());


/** Runs validateScript on the real script after `edit`, returning the error message. */
function brokenBy(edit: (questions: Record<string, unknown>[]) => void): string {
  const raw = rawScript();
  edit(raw.questions);
  try {
    validateScript(raw, catalogue);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).code).toBe('SCRIPT_INVALID');
    return (error as Error).message;
  }
  throw new Error('the broken script was accepted');
}

const byId = (questions: Record<string, unknown>[], id: string): Record<string, unknown> => {
  const found = questions.find((q) => q.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('the real question script', () => {
  const script = validateScript(rawScript(), catalogue);

  it('asks a question for every field of the question ↔ plan map, with the kind the map reads', () => {
    for (const row of QUESTION_MAP) {
      expect(script.questions.find((q) => q.id === row.question)?.kind, `${row.question} -> ${row.path}`).toBe(row.kind);
    }
    expect(script.questions.map((q) => q.id).slice(0, 2)).toEqual(['campaign', 'brand']);
  });

  it('gives every question text, help, a label and an example', () => {
    for (const question of script.questions) {
      expect(question.text.length, question.id).toBeGreaterThan(10);
      expect(question.help, question.id).toMatch(/example/i);
      expect(question.example, question.id).toBeTruthy();
    }
  });

  it('offers the whole channel catalogue, grouped by media, on the channels question', () => {
    const channels = script.questions.find((q) => q.id === 'channels');
    expect(channels?.choices).toHaveLength(catalogue.length);
    expect(new Set(channels?.choices?.map((c) => c.group))).toEqual(new Set(MEDIA_TYPES));
  });

  it('asks funnel inputs for sales objectives, reach inputs only with paid media, retention inputs after a purchase', () => {
    const when = (id: string) => script.questions.find((q) => q.id === id)?.when;
    const funnel = { question: 'primary_objective', in: ['purchase-intention', 'category-demand'] };
    const notRetention = { question: 'audience_stage', not_in: ['post-purchase'] };
    expect(when('target_revenue')).toEqual([funnel, notRetention, { question: 'goals', none_measure: ['revenue'] }]);
    expect(when('conversion_rate')).toEqual([funnel, notRetention]);
    expect(when('cpm')).toEqual([{ question: 'primary_objective', in: ['brand-awareness', 'brand-attitude'] }, notRetention, { question: 'channels', in_group: ['paid'] }]);
    expect(when('channel_cpv')).toEqual([funnel, notRetention, { question: 'channels', in_group: ['paid'], at_least: 2 }]);
    expect(when('retention_base')).toEqual({ question: 'audience_stage', in: ['post-purchase'] });
    expect(when('peak_start')).toEqual({ question: 'phasing', in: ['event-anchored'] });
    expect(when('call_to_action')).toEqual({ question: 'message_type', in: ['brand'] });
  });

  it('asks the money available last in the budget, after everything the need is worked out from', () => {
    const ids = script.questions.map((q) => q.id);
    for (const input of ['target_revenue', 'cost_per_visit', 'cpm', 'cost_per_contact', 'gross_margin', 'non_media']) {
      expect(ids.indexOf(input), input).toBeLessThan(ids.indexOf('budget_available'));
    }
  });

  it('lets a question be skipped only when the plan can do without its answer', () => {
    const optional = script.questions.filter((q) => q.optional);
    expect(optional.length).toBeGreaterThan(0);
    for (const question of optional) expect(QUESTION_MAP.find((row) => row.question === question.id)?.required, question.id).not.toBe(true);
    expect(optional.map((q) => q.id)).toEqual(expect.arrayContaining(['research', 'budget_available', 'insight', 'incentive_redemptions']));
  });
});

describe('the real channel catalogue', () => {
  it('loads under 100 channels with unique ids', () => {
    expect(catalogue.length).toBeGreaterThan(20);
    expect(catalogue.length).toBeLessThan(100);
    expect(new Set(catalogue.map((c) => c.id)).size).toBe(catalogue.length);
  });

  it('gives every channel valid buying stages', () => {
    for (const channel of catalogue) {
      expect(channel.stages.length, channel.id).toBeGreaterThan(0);
      for (const stage of channel.stages) expect(STAGES, channel.id).toContain(stage);
    }
  });

  it('reaches every buying stage with some channel, and covers Chinese and global platforms', () => {
    for (const stage of STAGES) expect(catalogue.some((c) => c.stages.includes(stage)), stage).toBe(true);
    const names = catalogue.map((c) => c.name).join(' ');
    for (const platform of ['WeChat', 'Weibo', 'Douyin', 'Xiaohongshu', 'Bilibili', 'Instagram', 'LinkedIn', 'YouTube']) {
      expect(names).toContain(platform);
    }
    expect(catalogue.filter((c) => c.region === 'china').length).toBeGreaterThan(0);
  });

  it('has owned, paid and earned channels', () => {
    for (const media of MEDIA_TYPES) expect(catalogue.some((c) => c.media === media), media).toBe(true);
  });
});

describe('validateCatalogue rejects a broken catalogue', () => {
  const broken = (edit: (channels: Record<string, unknown>[]) => void): string => {
    const raw = rawCatalogue();
    edit(raw.channels);
    expect(() => validateCatalogue(raw)).toThrow(ScriptError);
    try {
      validateCatalogue(raw);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };

  it('names a duplicated id', () => {
    expect(broken((c) => c.push({ ...c[0] }))).toMatch(/"owned-website" appears more than once/);
  });

  it('names a channel with an unknown stage', () => {
    expect(broken((c) => ((c[1] as { stages: string[] }).stages = ['awareness']))).toMatch(/"owned-official-store".*stages/);
  });

  it('names a channel with an unknown media type', () => {
    expect(broken((c) => ((c[2] as { media: string }).media = 'bought'))).toMatch(/"owned-packaging".*media/);
  });

  it('refuses 100 channels or more (a Slack menu holds 100)', () => {
    expect(broken((c) => {
      for (let i = 0; i < 80; i++) c.push({ ...c[0], id: `extra-${i}` });
    })).toMatch(/under 100/);
  });

  it('refuses something that is not a catalogue', () => {
    for (const raw of [null, 'channels', [], { channels: [] }, { channel: [{}] }]) {
      expect(() => validateCatalogue(raw)).toThrow(/`channels` list/);
    }
  });
});

describe('the vocabulary labels, read from the script (their one source)', () => {
  it('are the labels of the choices people click', () => {
    const { labels, questions } = validateScript(rawScript(), catalogue);
    const stage = questions.find((q) => q.id === 'audience_stage');
    for (const choice of stage?.choices ?? []) expect(labels.stage[choice.id]).toBe(choice.label);
    expect(labels.messageType.both).toBe('Brand message and incentive');
    expect(labels.metric.acquisition).toBe('New customers');
  });

  it('follow an edit of plan.yml, in the rules and the summary alike', () => {
    const raw = rawScript();
    // Both questions that offer the stages (where the audience is, and the journey) carry the one label.
    for (const id of ['audience_stage', 'journey']) {
      const evaluation = (byId(raw.questions, id).choices as { id: string; label: string }[]).find((c) => c.id === 'evaluation');
      if (evaluation) evaluation.label = 'Comparing brands';
    }
    expect(validateScript(raw, catalogue).labels.stage.evaluation).toBe('Comparing brands');
  });

  it('show an id that no question offers as the id itself', () => {
    const raw = rawScript();
    Object.assign(byId(raw.questions, 'research'), { choices: [{ id: 'market', label: 'Market' }], example: 'market' });
    const { labels } = validateScript(raw, catalogue);
    expect(labelOf(labels, 'research', 'macro')).toBe('macro');
    expect(labelOf(labels, 'research', 'market')).toBe('Market');
  });

  it('must agree where two questions offer the same id', () => {
    expect(brokenBy((q) => ((byId(q, 'key_problem').choices as { label: string }[])[1]!.label = 'Brand image'))).toMatch(
      /question "key_problem": choice "brand" is labelled "Brand image" here but "Brand" in "problems"; use one label/,
    );
  });
});

describe('validateScript rejects a broken script, naming the question', () => {
  it('an unknown kind', () => {
    expect(brokenBy((q) => (byId(q, 'concept').kind = 'essay'))).toMatch(/question "concept": unknown kind "essay"; use one of single/);
  });

  it('a duplicate id', () => {
    expect(brokenBy((q) => q.push({ ...byId(q, 'brand') }))).toMatch(/question "brand": the id is used by an earlier question/);
  });

  it('a choice question without choices', () => {
    expect(brokenBy((q) => delete byId(q, 'audience_stage').choices)).toMatch(/question "audience_stage": a single question needs `choices`/);
    expect(brokenBy((q) => (byId(q, 'problems').choices = []))).toMatch(/question "problems": a multi question needs `choices`/);
  });

  it('choices on a question that cannot have them', () => {
    expect(brokenBy((q) => (byId(q, 'concept').choices = [{ id: 'a', label: 'A' }]))).toMatch(/question "concept": a text question cannot have `choices`/);
  });

  it('a `when` referring to an unknown question', () => {
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'objective', in: ['brand-awareness'] }))).toMatch(
      /question "cpm": `when` refers to "objective", which is not an earlier question/,
    );
  });

  it('a `when` referring to a later question', () => {
    expect(brokenBy((q) => (byId(q, 'concept').when = { question: 'channels', in: ['paid-tv'] }))).toMatch(
      /question "concept": `when` refers to "channels", which is not an earlier question/,
    );
  });

  it('a `when` referring to the question itself', () => {
    expect(brokenBy((q) => (byId(q, 'concept').when = { question: 'concept', in: ['x'] }))).toMatch(/question "concept": `when` refers to the question itself/);
  });

  it('an unknown choice id in a `when`', () => {
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'primary_objective', in: ['awareness'] }))).toMatch(
      /question "cpm": `when` lists "awareness", not a choice of "primary_objective"/,
    );
  });

  it('a `when` on a free-text question', () => {
    expect(brokenBy((q) => (byId(q, 'concept').when = { question: 'brand', in: ['Moonleaf'] }))).toMatch(
      /question "concept": `when` refers to "brand", a text question/,
    );
  });

  it('a `when` condition with a group, a metric or a test that cannot be checked', () => {
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'channels', in_group: ['bought'] }))).toMatch(
      /question "cpm": `when` lists "bought", not a choice group of "channels" \(owned, paid, earned\)/,
    );
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'primary_objective', in_group: ['paid'] }))).toMatch(/`in_group` refers to "primary_objective", whose choices have no groups/);
    expect(brokenBy((q) => (byId(q, 'target_revenue').when = { question: 'goals', none_measure: ['profit'] }))).toMatch(/lists "profit", not a goal metric of "goals"/);
    expect(brokenBy((q) => (byId(q, 'target_revenue').when = { question: 'channels', none_measure: ['revenue'] }))).toMatch(/`none_measure` refers to "channels", a multi question/);
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'primary_objective', in: ['brand-awareness'], not_in: ['brand-attitude'] }))).toMatch(/exactly one of `in`, `not_in`/);
    expect(brokenBy((q) => (byId(q, 'cpm').when = { question: 'primary_objective', in: ['brand-awareness'], at_least: 2 }))).toMatch(/`at_least` goes with `in_group`/);
    expect(brokenBy((q) => (byId(q, 'cpm').when = []))).toMatch(/question "cpm": when/);
  });

  it('a `when` list checks every condition', () => {
    expect(brokenBy((q) => (byId(q, 'cpm').when = [{ question: 'primary_objective', in: ['brand-awareness'] }, { question: 'later', in: ['x'] }]))).toMatch(
      /question "cpm": `when` refers to "later", which is not an earlier question/,
    );
  });

  it('missing text, or blank text', () => {
    expect(brokenBy((q) => delete byId(q, 'goals').text)).toMatch(/question "goals": text/);
    expect(brokenBy((q) => (byId(q, 'goals').text = '   '))).toMatch(/question "goals": text: the question has no text/);
  });

  it('a choice id outside the plan vocabulary', () => {
    expect(brokenBy((q) => (byId(q, 'audience_stage').choices as { id: string }[]).push({ id: 'browsing', label: 'Browsing' } as never))).toMatch(
      /question "audience_stage": unknown choice id\(s\) "browsing"/,
    );
  });

  it('a duplicated choice', () => {
    expect(brokenBy((q) => (byId(q, 'involvement').choices as unknown[]).push({ id: 'low', label: 'Low again' }))).toMatch(
      /question "involvement": choice "low" appears twice/,
    );
  });

  it('a plan question given the wrong kind', () => {
    expect(brokenBy((q) => (byId(q, 'goals').kind = 'text'))).toMatch(/question "goals": must be of kind goals/);
  });

  it('a misspelt field', () => {
    expect(brokenBy((q) => (byId(q, 'research').optinal = true))).toMatch(/question "research":.*optinal/);
  });

  it('a question without an id', () => {
    expect(brokenBy((q) => delete q[3]?.id)).toMatch(/question #4 has no id/);
  });

  it('something that is not a script at all', () => {
    for (const raw of [undefined, 42, 'questions', { questions: [] }, { questions: 'campaign' }]) {
      expect(() => validateScript(raw, catalogue)).toThrow(/non-empty `questions` list/);
    }
  });

  it('a channels question when the catalogue is empty', () => {
    expect(() => validateScript(rawScript(), [])).toThrow(/question "channels": takes its choices from the channel catalogue, which is empty/);
  });

  it('a part of the conversation left and taken up again later', () => {
    expect(brokenBy((q) => (byId(q, 'start_date').section = 'Problem'))).toMatch(/question "start_date": section "Problem" was left earlier; keep each section's questions together/);
  });

  it('a part whose every question may be left out, which would make the progress jump', () => {
    // The Schedule part made only of optional-by-condition questions: none is always asked.
    expect(
      brokenBy((q) => {
        for (const id of ['start_date', 'end_date', 'review_date', 'phasing']) byId(q, id).when = { question: 'call_to_action', in: ['yes'] };
      }),
    ).toMatch(/section "Schedule" has no question that is always asked/);
  });

  it('a question marked `proposed` that the bot cannot propose, a proposed question asked only sometimes, and a `when` on a proposal', () => {
    expect(brokenBy((q) => (byId(q, 'research').proposed = true))).toMatch(/question "research": the bot cannot propose this answer, so it must be asked; only business_model, journey, tone/);
    expect(brokenBy((q) => (byId(q, 'journey').when = { question: 'primary_objective', in: ['brand-awareness'] }))).toMatch(/question "journey": a proposed question cannot also have `when`/);
    expect(brokenBy((q) => (byId(q, 'proposition').when = { question: 'journey', in: ['evaluation'] }))).toMatch(/question "proposition": `when` refers to "journey", which is proposed rather than asked/);
  });

  it('a kept script passes: the shipped plan.yml has its parts and proposals in order', () => {
    const { questions } = validateScript(rawScript(), catalogue);
    expect([...new Set(questions.map((q) => q.section))]).toEqual(['Problem', 'Audience', 'Insight', 'Objective', 'Message', 'Contacts', 'Budget', 'Schedule']);
    expect(questions.filter((q) => q.proposed).map((q) => q.id)).toEqual(['business_model', 'journey', 'tone']);
  });

  it('knows every kind it accepts', () => {
    expect(QUESTION_KINDS).toEqual(['single', 'multi', 'text', 'number', 'money', 'percentage', 'date', 'goals', 'yesno', 'costs', 'channel-costs', 'contact-plan', 'offer']);
  });
});

describe('conditions on earlier answers', () => {
  const raw = {
    questions: [
      { id: 'channels', label: 'Channels', kind: 'multi', choices_from: 'catalogue', text: 'Which channels?', help: 'For example: TV.' },
      { id: 'goals', label: 'Goals', kind: 'goals', text: 'Goals?', help: 'For example: revenue.' },
      { id: 'stage', label: 'Stage', kind: 'single', text: 'Stage?', help: 'For example: evaluation.', choices: [{ id: 'evaluation', label: 'Evaluation' }, { id: 'post-purchase', label: 'Post-purchase' }] },
      { id: 'cpm', label: 'CPM', kind: 'money', when: { question: 'channels', in_group: ['paid'] }, text: 'CPM?', help: 'For example: 40.' },
      { id: 'two_paid', label: 'Per channel', kind: 'text', when: { question: 'channels', in_group: ['paid'], at_least: 2 }, text: 'Each?', help: 'For example: x.' },
      { id: 'revenue', label: 'Revenue', kind: 'money', when: [{ question: 'goals', none_measure: ['revenue'] }, { question: 'stage', not_in: ['post-purchase'] }], text: 'Revenue?', help: 'For example: 1.' },
    ],
  };
  // No plan map: this script only tries the conditions.
  const script = validateScript(raw, catalogue, []);
  const ids = (answers: Record<string, { value?: unknown; skipped?: boolean }>) => applicableQuestions(script, answers as never).map((q) => q.id);
  const goal = (metric: string) => ({ metric, unit: 'money', baseline: 0, target: 1, direction: 'increase', deadline: '2027-01-01' });

  it('asks by the group of the chosen options, and by how many of them', () => {
    expect(ids({ channels: { value: ['owned-website'] } })).not.toContain('cpm');
    expect(ids({ channels: { value: ['owned-website', 'paid-tv'] } })).toContain('cpm');
    expect(ids({ channels: { value: ['owned-website', 'paid-tv'] } })).not.toContain('two_paid');
    expect(ids({ channels: { value: ['paid-search-ads', 'paid-tv'] } })).toContain('two_paid');
  });

  it('asks only when no goal measures the metric, and every condition of a list must hold', () => {
    expect(ids({ goals: { value: [goal('orders')] }, stage: { value: 'evaluation' } })).toContain('revenue');
    expect(ids({ goals: { value: [goal('revenue')] }, stage: { value: 'evaluation' } })).not.toContain('revenue');
    expect(ids({ goals: { value: [goal('orders')] }, stage: { value: 'post-purchase' } })).not.toContain('revenue');
    // An unanswered question is none of the values, so `not_in` holds.
    expect(ids({ goals: { skipped: true } })).toContain('revenue');
  });

  it('says which condition keeps a question from applying when someone asks to change it', () => {
    const answers = { channels: { value: ['owned-website'] }, goals: { value: [goal('revenue')] }, stage: { value: 'evaluation' } } as never;
    const refusal = (target: string) => {
      const resolved = resolveTarget(script, answers, target);
      return resolved.ok ? undefined : en(resolved.error);
    };
    expect(refusal('cpm')).toBe('"CPM" does not apply to this plan: it is only asked when Channels include a paid one.');
    expect(refusal('revenue')).toBe('"Revenue" does not apply to this plan: it is only asked when no goal measures revenue.');
    const twoPaid = { ...(answers as object), channels: { value: ['paid-tv'] } } as never;
    const perChannel = resolveTarget(script, twoPaid, 'per channel');
    expect(!perChannel.ok && en(perChannel.error)).toContain('only asked when Channels include at least 2 paid ones');
  });
});
