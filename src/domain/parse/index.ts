/** Parsers for what people type in a Slack thread; each returns `Parsed<T>` and never throws. */
export { parseMoney, moneyExamples, currencyName } from './parse-money.js';
export { parseRate, readRate, type TypedRate } from './parse-rate.js';
export { parseQuantity, type QuantityOptions } from './parse-quantity.js';
export { parseDate, readDate } from './parse-date.js';
export { parseGoals, type GoalContext } from './parse-goals.js';
export { parseText, type TextOptions } from './parse-text.js';
export { matchChoice, matchChoices, type Choice } from './match-choice.js';
export { parseYesNo } from './parse-yes-no.js';
export { parseNonMedia, parseChannelCosts, splitItems, nonMediaKindOf, type ChannelCostAnswer } from './parse-costs.js';
export { ok, fail, joinNotes } from './parsed-result.js';
export { readInput, quoteInput, tidy, MAX_SHORT_INPUT } from './read-input.js';
export { readNumber, toNumber, toScaledInteger, type TypedNumber } from './read-number.js';
