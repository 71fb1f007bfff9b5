/** The real question script with the Chinese input words of locales/zh-CN, for tests of Chinese answers. */
import { loadInputLocales } from '../../src/app/load-locales.js';
import { loadScript } from '../../src/app/load-script.js';
import type { InputWords } from '../../src/domain/locale/input-words.js';

/** prompts/ with locales/ as the bot loads them at start-up. */
export const zhScript = loadInputLocales(loadScript());

if (zhScript.words === undefined) throw new Error('locales/ holds no input words');
/** The Chinese words the parsers are given. */
export const ZH: InputWords = zhScript.words;
