import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../src/playground/playground.js';
import { PlaygroundError } from '../../src/playground/playground-error.js';
import { replayScript, scriptLines } from '../../src/playground/replay-script.js';

const START = new Date('2026-11-23T09:00:00Z');
let playground: Playground | undefined;
let lines: string[] = [];
const out = (line: string) => lines.push(line);

afterEach(async () => {
  await playground?.close();
  playground = undefined;
  lines = [];
});

describe('the playground replaying examples/spring-launch.imc', () => {
  it('plans the campaign through the real bot and prints a readable transcript, then cleans up', async () => {
    playground = await startPlayground({ now: START, out });
    const { dataDir } = playground;
    expect(lines.join('\n')).toContain(`Data lives in ${dataDir}; removed when you quit (use --keep to keep it)`);
    expect(existsSync(dataDir)).toBe(true);

    await replayScript(playground, await readFile('examples/spring-launch.imc', 'utf8'), out);
    const transcript = lines.join('\n');

    // The kickoff and the first question, with numbered buttons.
    expect(transcript).toContain('alice> /imc plan Spring launch');
    expect(transcript).toContain('(only you can see this)');
    expect(transcript).toMatch(/#1 imc-bot\n {2}:clipboard: @alice started an IMC plan for Spring launch \(plan `P-00001`\)/);
    expect(transcript).toMatch(/#2 imc-bot in thread #1\n.*Brand {2}\(Problem · part 1 of 8\)/);
    expect(transcript).toContain('[1] Status  [2] Help  [3] Cancel plan');
    // Numbers clicked buttons and picked menu options, and each answered question shows its answer.
    const clicks = ['(alice picked "Brand", "Communication")', '(alice clicked "Done")'];
    const answered = ['Problems: Brand, Communication', 'Motivation: Transformational (emotional)', 'Goals: Conversion: 1 % → 2 % by 31 Mar 2027 (analytics)'];
    for (const line of [...clicks, ...answered.map((answer) => `:white_check_mark: ${answer}`)]) expect(transcript).toContain(line);
    // The contact plan is proposed from the journey and the channels, and accepted with one word.
    expect(transcript).toContain('Contact plan: 4 touchpoints across 2 stages\n      Journey: Evaluation of alternatives → Purchase decision · B2C (consumers)');
    expect(transcript).toContain('`4` Website (owned, landing page) · launch · call to action · KPI: Conversion (analytics)');
    expect(transcript).toContain(':white_check_mark: Contact plan: 4 touchpoints across 2 stages');
    // The posted strategy summary and budget sketch, in the channel.
    expect(transcript).toContain(
      'Achieve purchase intention (conversion 1 % → 2 %) among urban office workers aged 25-35 who buy premium tea online (from evaluation to purchase) by promising “A calm afternoon in a cup” — grounded in the insight that office workers want a calm moment in the afternoon, not more caffeine — carried by “Cold brew that tastes like a mountain morning” as a brand message with a call to action through Website and WeChat official account and mini program (owned), Search ads (paid) and Reviews and word of mouth (earned).',
    );
    expect(transcript).toContain('• Insight: Office workers want a calm moment in the afternoon, not more caffeine (Interviews — 12 of 15 we interviewed said so)');
    expect(transcript).toMatch(/#\d+ imc-bot\n {2}Draft: Spring launch \(v1\)/);
    expect(transcript).toContain('Cold brew that tastes like a mountain morning.');
    expect(transcript).toMatch(/#\d+ imc-bot\n {2}Budget sketch: Spring launch \(v1\)/);
    expect(transcript).toContain('= 100,000 visits');
    expect(transcript).toContain('• Search ads (Paid): 100,000 visits × ¥2 = ¥200,000');
    // The need is shown before the money available is asked, and the money closes: ¥200,000 + ¥30,000 + ¥20,000.
    expect(transcript).toContain('The plan needs ¥250,000: ¥200,000 of working media for 100,000 visits, ¥30,000 of non-media and a ¥20,000 reserve.');
    expect(transcript).toContain('Total needed: ¥250,000');
    expect(transcript).toContain('The ¥200,000 on the buying channels buys 100,000 visits, about 1,000 orders and ¥1,000,000 of revenue.');
    expect(transcript).toContain('Suggested: 1% (the baseline of goal 1 (Conversion)');
    // Mentions are names and no Slack escaping leaks through.
    expect(transcript).not.toMatch(/<@U0|&lt;|&gt;|&amp;/);
    expect(transcript).toContain('Clock: Thu, 15 Apr 2027, 10:00 (UTC)');
    // Two approvals, the review reminder on the review date, the review, and the next plan's suggestions.
    expect(transcript).toContain('@alice your plan Spring launch (v1) is approved by @bob, @carol.');
    expect(transcript).toMatch(/Approved: Spring launch \(v1\)/);
    expect(transcript).toMatch(/:calendar: Time to review Spring launch \(plan `P-00001`\)/);
    expect(transcript).toContain('[1] Start the review');
    expect(transcript).toContain('Post-campaign review of Spring launch');
    // (¥1,700,000 × 40 % − ¥190,000) / ¥190,000 = 258 %, on contribution.
    expect(transcript).toContain('Return on spend: 258 % (2.58× the spend back on top of it), on contribution');
    expect(transcript).toContain('Review done and posted to the channel.');
    expect(transcript).toMatch(/Suggested: 1\.7% \(.*review of "Spring launch" \(P-00001\), 15 Apr 2027\)/);
    // The review's row for Search ads gives its own rates, shown beside its row in the next plan.
    expect(transcript).toContain('• `2` Search ads (Evaluation of alternatives): Clicks: 60,000 · spend ¥120,000 · 60,000 visits · 1,100 orders · ¥2 per visit · 1.8 % conversion');
    expect(transcript).toMatch(/`\d` Search ads \(paid, search ad\) · .* · last campaign: ¥2 per visit, 1\.8 % conversion/);

    // ¥160,000 of working media ÷ 100,000 visits.
    expect(transcript).toMatch(/Suggested: ¥1\.60 \(the actual figure/);
    expect(transcript).toContain('Suggested: 40% (as in the plan "Spring launch" (P-00001))');

    // The budget chart: Slack's chart as text bars, and the PNG written to the data directory.
    expect(transcript).toContain('[chart] Allocation of ¥250,000 by channel');
    const png = `${dataDir}/files/budget-P-00001-v1.png`;
    expect(transcript).toContain(`saved to ${png}`);
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');

    // The Home tab: the reviewed plan's key figures, and the second plan in progress.
    lines = [];
    await playground.run(':home');
    const home = lines.join('\n');
    expect(home).toContain('imc-bot Home tab of alice');
    expect(home).toContain('Your plans in progress');
    expect(home).toMatch(/\[1\] Continue/);
    expect(home).toContain('Last reviews');
    expect(home).toMatch(/Spent ¥[\d,]+ of ¥250,000/);
    lines = [];
    await playground.run(':home 1');
    expect(lines.join('\n')).toMatch(/clicked "Continue": in Slack it opens https:\/\/fake-workspace\.slack\.com\/archives\/C0PLANNING\/p\d+/);
    await expect(playground.run(':home 99')).rejects.toThrow(/Your Home tab has no \[99\]/);

    await playground.close();
    playground = undefined;
    expect(existsSync(dataDir)).toBe(false);
    expect(lines.at(-1)).toBe(`Removed ${dataDir}.`);
  });

  it('keeps the data directory with keep, and says so', async () => {
    playground = await startPlayground({ now: START, out, keep: true });
    const { dataDir } = playground;
    expect(lines.join('\n')).toContain(`Data lives in ${dataDir}; kept when you quit`);
    await playground.run('/imc plan Kept');
    await playground.close();
    playground = undefined;
    try {
      expect(existsSync(dataDir)).toBe(true);
      expect(await readFile(`${dataDir}/bot.log`, 'utf8')).toContain('imc-bot started');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the playground replaying examples/double-11.imc, a full-funnel plan', () => {
  it('proposes the journey and the contact plan, takes a changed row, posts without off-stage warnings, reviews per row and carries the rates on', async () => {
    playground = await startPlayground({ now: START, out });
    await replayScript(playground, await readFile('examples/double-11.imc', 'utf8'), out);
    const transcript = lines.join('\n');
    // The journey runs from the search through the purchase to the repeat order, with a touchpoint at every stage.
    expect(transcript).toContain('Contact plan: 9 touchpoints across 3 stages\n      Journey: Information search → Purchase decision → Post-purchase · B2C (consumers)');
    expect(transcript).toContain('`8` SMS and push notifications (owned, message) · 7 days after first order · KPI: Repeat purchase rate (CRM)');
    // `change row 7` and its change.
    expect(transcript).toContain('Changing row 7 of the contact plan: KOL live commerce (Douyin, Taobao Live) at purchase decision.');
    expect(transcript).toContain(':information_source: Row 7 is changed. Reply `accept` when the contact plan is right.');
    expect(transcript).toContain(
      '`7` KOL live commerce (paid, KOL live broadcast) · peak · “Taste the mountain-morning gift live with the host, coupon at checkout” · offer: coupon worth ¥30 · KPI: GMV (platform)',
    );
    // The draft: the brief, the incentive plan, the contact plan, and no warning at all.
    const draft = transcript.slice(transcript.indexOf('Draft: Double 11 cold brew (v1)'), transcript.indexOf('Budget sketch: Double 11 cold brew (v1)'));
    expect(draft).toContain('The brief\n  Achieve purchase intention (orders 2,000 → 12,000) among tea drinkers aged 22-35');
    expect(draft).toContain('(from search to repeat purchase) by promising “A calm cup to give and to keep” — grounded in the insight that on Double 11 they buy what a live host they trust has just tasted on camera');
    expect(draft).toContain('The incentive\n  • Coupon, costing ¥30 per redemption\n  • Who qualifies: orders over ¥199\n  • When: 1–11 Nov\n  • Expected redemptions: 8,000');
    expect(draft).toContain('Contact plan: 9 touchpoints across 3 stages');
    expect(draft).toContain(':white_check_mark: Checks: the plan passes every IMC rule.');
    expect(draft).not.toMatch(/does not reach|off-stage/);
    // The review asks for the rows' actuals and reports them with their rates.
    expect(transcript).toContain('• `7` KOL live commerce (Douyin, Taobao Live) (Purchase decision): GMV: ¥1,350,000 · spend ¥220,000 · 80,000 visits · 5,200 orders · ¥2.75 per visit · 6.5 % conversion');
    // The next plan in the channel shows each channel's last rates beside its proposed row.
    expect(transcript).toContain('`1` Official online store (owned, store page) · 7 days after first order · offer: loyalty points · KPI: Repeat purchase rate (CRM) · last campaign: ¥2 per visit, 4.6 % conversion');
    expect(transcript).toMatch(/KOL live commerce .* · :warning: does not reach this stage · last campaign: ¥2\.75 per visit, 6\.5 % conversion/);
  });
});

describe('examples/spring-launch.imc, the typical plan', () => {
  it('takes at most 35 answers from /imc plan to the posted draft, defaults and accepted proposals included', async () => {
    const script = await readFile('examples/spring-launch.imc', 'utf8');
    const plan = script.slice(script.indexOf('/imc plan Spring launch'), script.indexOf(':react'));
    const answers = plan.split('\n').filter((line) => line.startsWith(':answer ') || (!line.startsWith('#') && !line.startsWith(':') && !line.startsWith('/') && line.trim() !== ''));
    expect(answers.length).toBeLessThanOrEqual(35);
    expect(answers.length).toBe(32);
    // No question went unanswered by the script (the playground would have typed its example, an answer too).
    playground = await startPlayground({ now: START, out });
    await replayScript(playground, script.slice(0, script.indexOf(':react')), out);
    expect(lines.join('\n')).not.toContain('types its example');
    expect(lines.join('\n')).toContain('Draft: Spring launch (v1)');
  });

  it('shows progress by part of the conversation, which never jumps: 1 of 8 up to 8 of 8, one part at a time', async () => {
    playground = await startPlayground({ now: START, out });
    const script = await readFile('examples/spring-launch.imc', 'utf8');
    await replayScript(playground, script.slice(0, script.indexOf(':react')), out);
    const parts = [...lines.join('\n').matchAll(/\(([A-Z][a-z]+) · part (\d) of (\d)\)/g)].map((m) => ({ label: m[1], number: Number(m[2]), total: Number(m[3]) }));
    expect(parts.length).toBeGreaterThanOrEqual(29);
    expect(new Set(parts.map((p) => p.total))).toEqual(new Set([8]));
    for (const [i, part] of parts.entries()) {
      const previous = parts[i - 1];
      if (previous) expect(part.number - previous.number, `${previous.label} -> ${part.label}`).toBeGreaterThanOrEqual(0);
      if (previous) expect(part.number - previous.number, `${previous.label} -> ${part.label}`).toBeLessThanOrEqual(1);
    }
    expect(parts.map((p) => p.label).filter((label, i, all) => all.indexOf(label) === i)).toEqual([
      'Problem', 'Audience', 'Insight', 'Objective', 'Message', 'Contacts', 'Budget', 'Schedule',
    ]);
  });
});

describe('the playground with --socket-mode', () => {
  it('runs the same campaign over Socket Mode, with the same transcript as over HTTP', async () => {
    const replay = async (socketMode: boolean): Promise<string[]> => {
      const out: string[] = [];
      playground = await startPlayground({ now: START, out: (line) => out.push(line), socketMode });
      const { dataDir } = playground;
      await replayScript(playground, await readFile('examples/spring-launch.imc', 'utf8'), (line) => out.push(line));
      await playground.close();
      playground = undefined;
      // Message links carry the ts of whatever the link look-up found first, which need not be the same message each run;
      // files the bot shared are saved in each run's own data directory.
      return out
        .filter((line) => !line.startsWith('Data lives in') && !line.startsWith('Removed '))
        .map((line) => line.replace(/\/p\d{16}\b/g, '/p…').split(dataDir).join('<data dir>'));
    };
    const overHttp = await replay(false);
    const overSocket = await replay(true);
    expect(overSocket.join('\n')).toContain('(alice clicked "Done")');
    expect(overSocket).toEqual(overHttp);
  }, 60_000);
});

describe('lines the playground refuses', () => {
  it('says clearly when a number has nothing to click', async () => {
    playground = await startPlayground({ now: START, out });
    await expect(playground.run('5')).rejects.toThrow(/nothing to click yet.*\/imc plan Spring launch/);
    await playground.run('/imc plan Spring launch');
    await expect(playground.run('42')).rejects.toThrow('#2 has no [42]: its numbers are [1] to [3]. Type one of those, or :say 42 to send it as a reply.');
    await expect(playground.run('1,2')).rejects.toThrow(PlaygroundError);
    await expect(playground.run(':react last-draft white_check_mark as bob')).rejects.toThrow(/No draft has been posted yet/);
    await expect(playground.run(':react 99 x')).rejects.toThrow(/no message #99/);
    await expect(playground.run(':as mallory')).rejects.toThrow(/nobody called "mallory".*alice, bob, carol/);
    await expect(playground.run('/giphy cats')).rejects.toThrow(/only answers \/imc/);
    await expect(playground.run(':clock 2026-01-01 10:00')).rejects.toThrow(/never goes back/);
    // A refused line changes nothing: the conversation goes on.
    await playground.run('Moonleaf Tea');
    expect(lines.join('\n')).toContain(':white_check_mark: Brand: Moonleaf Tea');
  });

  it('answers a question the script does not name with its example, and says so', async () => {
    playground = await startPlayground({ now: START, out });
    // No line for `brand`: as if it had been added to plan.yml after the script was written.
    await replayScript(playground, '/imc plan Spring launch\n:answer problems 2,6\n:answer key_problem 6\n', out);
    const transcript = lines.join('\n');
    expect(transcript).toContain('(the script does not answer "brand": alice types its example)');
    expect(transcript).toContain(':white_check_mark: Brand: Moonleaf Tea');
    expect(transcript).toContain(':white_check_mark: Problems: Brand, Communication');
    expect(transcript).toContain(':white_check_mark: Key problem: Communication');
  });

  it('refuses an :answer for a question that is not there or already behind', async () => {
    playground = await startPlayground({ now: START, out });
    await expect(playground.run(':answer brand Moonleaf Tea')).rejects.toThrow(/no plan thread/);
    await playground.run('/imc plan Spring launch');
    await expect(playground.run(':answer tagline Calm in a cup')).rejects.toThrow(/There is no question "tagline" in this conversation; the bot is asking "brand"\. The ids are: campaign, brand, problems/);
    await expect(playground.run(':answer campaign Other name')).rejects.toThrow(/"campaign" comes before the question the bot is asking now \("brand"\)/);
    // Nothing was typed for the refused lines.
    await playground.run(':answer brand Moonleaf Tea');
    expect(lines.join('\n')).not.toContain('Calm in a cup');
    expect(lines.join('\n')).toContain(':white_check_mark: Brand: Moonleaf Tea');
  });

  it('names the script line that failed', async () => {
    playground = await startPlayground({ now: START, out });
    const script = '# a comment\n/imc plan Spring launch\n\n17\nnever reached\n';
    await expect(replayScript(playground, script, out, 'bad.imc')).rejects.toThrow(/^Line 4 of bad\.imc \(17\) failed: #2 has no \[17\]/);
    expect(lines).toContain('alice> 17');
    expect(lines).not.toContain('alice> never reached');
  });

  it('tells where to reply when no plan thread exists, and sends typed text unchanged', async () => {
    playground = await startPlayground({ now: START, out });
    await expect(playground.run('hello')).rejects.toThrow(/no plan thread.*:top/);
    await playground.run(':as bob');
    expect(playground.user).toBe('bob');
    await playground.run(':top <!channel> 5 < 6 & "quotes"');
    await playground.run(':help');
    expect(lines.join('\n')).toContain(':react last-draft white_check_mark as carol');
    await playground.run(':quit');
    expect(playground.quitting).toBe(true);
  });

  it('speaks Chinese when started in zh-CN (IMC_LANGUAGE): its own help, and the questions of a plan', async () => {
    playground = await startPlayground({ now: START, out, language: 'zh-CN' });
    await playground.run(':help');
    const help = lines.join('\n');
    expect(help).toContain('这个终端就是 #campaign-planning 频道');
    expect(help).toContain(':react last-draft white_check_mark as carol');
    expect(help).not.toContain('move time forward');
    await playground.run('/imc plan 月叶春茶上新');
    expect(lines.join('\n')).toContain('这次活动是为哪个品牌（或产品线）做的？');
    await playground.run('月叶茶');
    expect(lines.join('\n')).toContain('企业眼下面临哪些类型的问题？');
  });
});

/**
 * The bot's replies that re-ask a question (":warning: <why>" in the plan's thread), and
 * the questions the replay had to answer with their own example because the script's
 * answer was not taken: both mean an answer typed in Chinese was refused.
 */
function refusals(transcript: string): string[] {
  const reasks = [...transcript.matchAll(/imc-bot in thread #\d+\n {6}(:warning: .*)/g)].map((m) => m[1] ?? '');
  const examples = [...transcript.matchAll(/\(the script does not answer "[^"]+".*\)/g)].map((m) => m[0]);
  return [...reasks, ...examples];
}

async function replay(source: string): Promise<string> {
  playground = await startPlayground({ now: START, out, language: 'zh-CN' });
  await replayScript(playground, source, out, 'examples/spring-launch.zh.imc');
  return lines.join('\n');
}

describe('examples/spring-launch.zh.imc, the spring plan in Chinese', () => {
  it('ends in an approved, reviewed plan with zero re-asks, every answer typed in Chinese', async () => {
    const source = await readFile('examples/spring-launch.zh.imc', 'utf8');
    // Every answer the script gives is typed, in Chinese (or figures and dates only): no button numbers.
    const answers = scriptLines(source)
      .map((line) => /^:answer \S+ (.*)$/.exec(line.text)?.[1])
      .filter((answer): answer is string => answer !== undefined);
    expect(answers.length).toBeGreaterThan(40);
    for (const answer of answers) expect(answer, answer).not.toMatch(/^[\d,]+$|[A-Za-z]{2,}/);

    const transcript = await replay(source);
    expect(refusals(transcript)).toEqual([]);
    // The channel's language is set, the plan is asked in Chinese, posted, and the money closes.
    expect(transcript).toContain('/imc config language zh-CN');
    expect(transcript).toContain('预算草案：春季冷萃上市（第 1 版）');
    // The need before the money available, in Chinese figures: ¥20万 of media + ¥3万 non-media + ¥2万 reserve.
    expect(transcript).toContain('方案需要 ¥25万');
    // Two approvals in Chinese, the plan approved, the review reminder, the review posted.
    expect(transcript).toContain('你的方案 春季冷萃上市 （第 1 版）已由 @bob、@carol 审批通过');
    expect(transcript).toContain('已通过：春季冷萃上市（第 1 版）');
    expect(transcript).toContain('复盘：春季冷萃上市');
    expect(transcript).toContain('复盘完成，已发到频道');
  });

  it('would notice a Chinese answer the bot refuses (the detector can fail)', async () => {
    const source = (await readFile('examples/spring-launch.zh.imc', 'utf8')).replace(':answer budget_available ２５万元', ':answer budget_available 很多钱');
    const cut = source.slice(0, source.indexOf(':answer end_date'));
    const transcript = await replay(cut);
    const refused = refusals(transcript);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatch(/^:warning: .*很多钱/);
  });
});

describe('the playground Edit form', () => {
  it('opens the newest draft in a modal as a form it fills and sends, with errors beside the inputs', async () => {
    playground = await startPlayground({ now: START, out });
    const script = await readFile('examples/spring-launch.imc', 'utf8');
    const planOnly = script.slice(0, script.indexOf('# Approval by reaction'));
    await replayScript(playground, planOnly, out);
    lines = [];
    await playground.run(':edit budget');
    let shown = lines.join('\n');
    expect(shown).toContain('(alice clicked "Edit plan"');
    expect(shown).toContain('── Edit plan (a modal) ──');
    expect(shown).toContain('menu (part): 7. Budget');
    const available = /\[(\d+)\] Budget available \(optional\): 250000/.exec(shown)?.[1];
    expect(available).toBeDefined();
    // a figure the rules refuse comes back beside its input, and nothing is posted
    lines = [];
    await playground.run(`:set ${available} 1000`);
    await playground.run(':submit');
    shown = lines.join('\n');
    expect(shown).toContain('the bot refused the form: nothing was saved');
    expect(shown).toMatch(/Budget available \(optional\): 1000 \(changed\)\n {6}! .*¥1,000/);
    expect(shown).not.toContain('Draft: Spring launch (v2)');
    // a good one posts version 2 and closes the form
    lines = [];
    await playground.run(`:set ${available} 300000`);
    await playground.run(':submit');
    shown = lines.join('\n');
    expect(shown).toContain('Version 2 is posted to the channel as a draft');
    expect(shown).toMatch(/Draft: Spring launch \(v2\)/);
    await expect(playground.run(':submit')).rejects.toThrow(/No Edit form is open for you/);
    // the contact plan's rows, and a part that does not exist
    lines = [];
    await playground.run(':edit contacts');
    await playground.run(':edit row 1');
    expect(lines.join('\n')).toMatch(/Row 1\*?: change what it says/);
    expect(lines.join('\n')).toMatch(/\[\d+\] Timing \(optional\): /);
    await expect(playground.run(':edit pricing')).rejects.toThrow(/The form has no part "pricing"/);
    await playground.run(':cancel');
    expect(lines.at(-1)).toBe('The form is closed; nothing was sent.');
  });
});
