/**
 * Chinese labels of the choices, for rendering pages in Chinese in tests: the first
 * Chinese name of each choice in locales/zh-CN/input.yml (the presenter is given the
 * reader's labels; this stands in for them). A choice without a Chinese name keeps
 * the script's English label, so a test would see it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Labels } from '../../src/domain/plan/plan.js';
import { projectRoot } from '../../src/project-root.js';
import { SAMPLE_LABELS } from '../fixtures/plans.js';

interface InputYaml {
  vocabularies: Record<string, { choices: Record<string, string[]> }>;
  metrics: Record<string, string[]>;
}

const input = parse(readFileSync(join(projectRoot(), 'locales/zh-CN/input.yml'), 'utf8')) as InputYaml;
const VOCABULARY_NAMES: Record<string, keyof Labels> = { message: 'messageType' };

function firstNames(choices: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).flatMap(([id, names]) => (names[0] ? [[id, names[0]]] : [])));
}

const chinese: Partial<Record<keyof Labels, Record<string, string>>> = {
  metric: firstNames(input.metrics),
  media: { owned: '自有媒体', paid: '付费媒体', earned: '赢得媒体' },
};
for (const [name, vocabulary] of Object.entries(input.vocabularies)) {
  const key = VOCABULARY_NAMES[name] ?? (name as keyof Labels);
  if (key in SAMPLE_LABELS) chinese[key] = firstNames(vocabulary.choices);
}

/** The labels a Chinese reader is given: Chinese where input.yml names a choice, the script's English otherwise. */
export const ZH_LABELS: Labels = Object.fromEntries(
  Object.entries(SAMPLE_LABELS).map(([vocabulary, labels]) => [vocabulary, { ...labels, ...(chinese[vocabulary as keyof Labels] ?? {}) }]),
) as Labels;

/** The Chinese name of each channel of the catalogue (input.yml's first). */
export const ZH_CHANNEL_NAMES: Record<string, string> = firstNames(input.vocabularies.channel?.choices ?? {});

/** Every text a person typed into a plan (string leaves that are not ids, codes or dates), for `englishWords`. */
export function typedTexts(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z0-9-]+$/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(typedTexts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(typedTexts);
  return [];
}
