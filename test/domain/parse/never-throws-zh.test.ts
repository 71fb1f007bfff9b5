/**
 * Chinese input is where the new matching does the most work (containment over every
 * name, numeral grammar, date grammar), so every parser gets long, hostile Chinese:
 * it returns a Parsed and never throws. How the time grows with the length is
 * measured by `bench/cjk-parsing.ts`, not asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../src/domain/conversation/interpret-reply.js';
import { resolveTarget } from '../../../src/domain/conversation/flow-target.js';
import { matchChoice, matchChoices, parseDate, parseGoals, parseMoney, parseQuantity, parseRate, parseYesNo, type Choice, type EnglishParsed } from '../../support/english-parsers.js';
import type { Parsed } from '../../../src/domain/plan/plan.js';
import { ZH, zhScript } from '../../support/zh-words.js';
import { en, zh } from '../../support/words.js';

const NOW = new Date('2026-11-10T03:00:00Z');
const channels: Choice[] = zhScript.catalogue.map((c) => ({ id: c.id, label: c.name, names: ZH.choices.channels?.[c.id] ?? [] }));
const allNames = Object.values(ZH.choices).flatMap((byChoice) => Object.values(byChoice).flat());

const PARSERS: Record<string, (text: string) => EnglishParsed<unknown>> = {
  parseMoney: (t) => parseMoney(t, 'CNY'),
  parseRate,
  parseQuantity: (t) => parseQuantity(t, { integer: true }),
  parseDate: (t) => parseDate(t, NOW, 'Asia/Shanghai'),
  parseGoals: (t) => parseGoals(t, { now: NOW, timeZone: 'Asia/Shanghai', currency: 'CNY', metricNames: ZH.metrics }),
  matchChoice: (t) => matchChoice(t, channels),
  matchChoices: (t) => matchChoices(t, channels, { allowNone: true, noneWords: ZH.none }),
  parseYesNo: (t) => parseYesNo(t, ZH.yesNo),
};

/** The characters the Chinese grammar reacts to, full-width forms, and a few that are nothing to it. */
const GRAMMAR = [...'零〇一二两三四五六七八九十百千万亿点年月日号周星期礼拜天后前之以截止至到从提升降低元块人民币美￥¥％%、，,；;：:（）()。！？ 第个项次半底初中旬本这下上明今去0123456789０１２３４５６７８９.-→>不没非无是否好的茶'];
const grammarText = (maxLength: number) => fc.string({ unit: fc.constantFrom(...GRAMMAR), maxLength });
const namesText = fc.array(fc.constantFrom(...allNames, '、', '和', '，', ' ', '不', '的'), { maxLength: 120 }).map((parts) => parts.join(''));
const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 300 });

/** Long inputs built to make a naive matcher or a backtracking regex work hard. */
const ADVERSARIAL = [
  '万'.repeat(99),
  '十'.repeat(99),
  '一'.repeat(98) + '万',
  '一万'.repeat(49) + '五',
  '百分之' + '百'.repeat(90),
  '1'.repeat(95) + '年1月1日',
  '3月'.repeat(48) + '底前',
  '下'.repeat(97) + '周五',
  '品牌、'.repeat(330),
  '品牌'.repeat(499),
  '不'.repeat(999),
  allNames.join('').slice(0, 1000),
  allNames.join('、').slice(0, 1000),
  '抖音'.repeat(250) + '广告',
  '认知度 ' + '10% 到 '.repeat(40) + '40% 截止 2027年3月31日',
  ('认知度 10% 到 40% 3月底前\n').repeat(10),
  ('销售额' + '0'.repeat(280) + '到1\n').repeat(12),
  '截止'.repeat(140),
  '第'.repeat(999),
  '是'.repeat(99),
  '修改'.repeat(500),
];

function expectParsed(result: EnglishParsed<unknown>): void {
  if (result.ok) expect(result).toHaveProperty('value');
  else expect(result.error).toMatch(/`[^`]+`/);
}

describe('every parser on long, hostile Chinese input', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} returns a Parsed on adversarial Chinese`, () => {
      for (const text of ADVERSARIAL) expectParsed(parse(text));
    });

    it(`${name} returns a Parsed on generated Chinese`, () => {
      fc.assert(
        fc.property(fc.oneof(grammarText(120), grammarText(1200), namesText, cjk), (text) => {
          expectParsed(parse(text));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('the thread words and change targets never throw either', () => {
    fc.assert(
      fc.property(fc.oneof(grammarText(200), namesText, cjk, fc.constantFrom(...ADVERSARIAL)), (text) => {
        const input = interpretReply(text, ZH.thread);
        expect(input.type).toBeTypeOf('string');
        const resolved = resolveTarget(zhScript, {}, text);
        if (!resolved.ok) {
          expect(en(resolved.error).length).toBeGreaterThan(0);
          expect(zh(resolved.error).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads every generated Chinese money amount exactly', () => {
    const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('', '万', '亿'), fc.constantFrom('', '元', '块'), (n, unit, mark) => {
        // n written the long way: 千百十 with 零 for gaps, e.g. 1005 -> 一千零五.
        const places = String(n).padStart(4, '0').split('').map(Number);
        let text = '';
        let gap = false;
        places.forEach((d, i) => {
          const unitChar = ['千', '百', '十', ''][i] ?? '';
          if (d === 0) {
            gap = text !== '';
            return;
          }
          if (gap) text += '零';
          gap = false;
          text += `${digits[d]}${unitChar}`;
        });
        const scale = unit === '万' ? 10_000 : unit === '亿' ? 100_000_000 : 1;
        expect(parseMoney(`${text}${unit}${mark}`, 'CNY', { allowZero: true })).toEqual({ ok: true, value: n * scale * 100 });
      }),
      { numRuns: 1000 },
    );
  });
});
