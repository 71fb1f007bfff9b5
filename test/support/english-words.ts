/**
 * English left in a Chinese rendering: the words of Latin letters in `text` once what
 * may stay is taken out — the words of what the user typed (`typed`), Slack markup (mentions,
 * channel links, emoji codes), ids and codes in backticks, and an explicit allow-list
 * of terms a Chinese marketer writes in Latin letters (KPI, CPM, CRM, GMV…) and
 * currency codes. Anything else is a word the catalogue should have given.
 */

/** Terms written in Latin letters in Chinese marketing, and the currency codes. */
export const LATIN_TERMS = new Set([
  'KPI', 'CPM', 'CRM', 'GMV', 'ROAS', 'ROI', 'NPS', 'CAC', 'CPA', 'MQL', 'SQL', 'KOL', 'KOC', 'PR', 'IMC', 'SEO', 'SEM', 'APP', 'App', 'PDF', 'PNG', 'CSV',
  'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'SGD',
]);

const WORD = /[A-Za-z][A-Za-z'-]*/g;

/**
 * The English words in `text`, in order (each once). A word of what the user typed may
 * stay (typed text is shown shortened, so it is matched word by word, in any case).
 */
export function englishWords(text: string, typed: readonly string[] = []): string[] {
  const own = new Set(typed.flatMap((name) => [...name.matchAll(WORD)].map((match) => match[0].toLowerCase())));
  const rest = text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<https?:[^>]*>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/&(?:lt|gt|amp);/g, ' ')
    // B2B and B2C are written so in Chinese too.
    .replace(/\bB2[BC]\b/g, ' ');
  const found = new Set<string>();
  for (const match of rest.matchAll(WORD)) {
    const word = match[0];
    if (LATIN_TERMS.has(word) || own.has(word.toLowerCase())) continue;
    found.add(word);
  }
  return [...found];
}
