/**
 * The message catalogue: every word the bot says, per language
 * (`locales/<language>/messages.yml`), checked at start-up against English. A key
 * English has and another language lacks (or the other way round), a placeholder one
 * language uses and another does not, or a plural form a language needs and does not
 * give stops the bot with the file and the key named, before anyone can meet a
 * half-translated message. Pure: the loader (src/app/load-locales.ts) reads the files.
 */
import { ScriptError } from '../../domain/conversation/script.js';
import { LANGUAGES, REFERENCE_LANGUAGE, type Language } from '../../domain/message/language.js';

/** One language's messages: nested keys, string leaves, as i18next reads them. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The checked catalogue of every language the bot speaks. */
export interface MessageCatalogue {
  messages: Record<Language, MessageTree>;
}

/** One parsed messages.yml and where it came from (for error messages). */
export interface CatalogueFile {
  language: string;
  path: string;
  raw: unknown;
}

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*-?\s*([A-Za-z_][\w]*)\s*(?:,[^}]*)?\}\}/g;
const KEY = /^[a-z][A-Za-z0-9_-]*$/;
/** Slack reads `<`, `>` and `&` as markup: a message writes them as entities. */
const RAW_MARKUP = /[<>]|&(?!(?:lt|gt|amp);)/;

/** `againstEnglish: false` when the build already compared these very files (keys, plurals, placeholders) with this code (app/build-checked.ts). */
export interface CatalogueChecks {
  againstEnglish?: boolean;
}

/**
 * Checks every language's files against English; throws ScriptError naming the file and key.
 * A language may split its words over several files (`messages.yml`, `messages.findings.yml`,
 * …): a key lives in exactly one of them, and a key the other language lacks is reported in
 * the file of the same name there.
 */
export function validateCatalogue(files: readonly CatalogueFile[], checks: CatalogueChecks = {}): MessageCatalogue {
  const byLanguage = new Map<string, LanguageWords>();
  for (const file of files) {
    const tree = readTree(file);
    const words: LanguageWords = byLanguage.get(file.language) ?? { paths: [], flat: new Map(), source: new Map(), tree: {} };
    words.paths.push(file.path);
    for (const [key, text] of flatten(tree, file.path)) {
      const earlier = words.source.get(key);
      if (earlier !== undefined) throw new ScriptError(`${file.path}: messages.${key}: also in ${earlier} (a key lives in one file)`);
      words.flat.set(key, text);
      words.source.set(key, file.path);
    }
    mergeTree(words.tree, tree);
    byLanguage.set(file.language, words);
  }
  for (const language of LANGUAGES) {
    if (!byLanguage.has(language)) throw new ScriptError(`the message catalogue has no ${language} file (locales/${language}/messages.yml)`);
  }
  const extra = [...byLanguage.keys()].find((language) => !(LANGUAGES as readonly string[]).includes(language));
  if (extra) throw new ScriptError(`${byLanguage.get(extra)?.paths[0]}: the bot does not speak "${extra}" (it speaks ${LANGUAGES.join(', ')})`);
  const reference = byLanguage.get(REFERENCE_LANGUAGE);
  if (!reference) throw new ScriptError(`the message catalogue has no ${REFERENCE_LANGUAGE} file`);
  if (checks.againstEnglish !== false) {
    const referenceKeys = groupPlurals(reference, REFERENCE_LANGUAGE);
    for (const language of LANGUAGES) {
      if (language === REFERENCE_LANGUAGE) continue;
      const other = byLanguage.get(language);
      if (!other) continue;
      compare(referenceKeys, reference, groupPlurals(other, language), other);
    }
  }
  const messages = Object.fromEntries([...byLanguage].map(([language, words]) => [language, words.tree])) as Record<Language, MessageTree>;
  return { messages };
}

/** One language's words from all its files: flat keys, the file each key came from, and the merged tree. */
interface LanguageWords {
  paths: string[];
  flat: Map<string, string>;
  source: Map<string, string>;
  tree: MessageTree;
}

function mergeTree(into: MessageTree, from: MessageTree): void {
  for (const [key, value] of Object.entries(from)) {
    const there = into[key];
    if (typeof value === 'object' && typeof there === 'object') mergeTree(there, value);
    else into[key] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

/** The file of `words` a key belongs in: where it is, else the file named like `referencePath`, else the first. */
function fileFor(words: LanguageWords, key: string, referencePath?: string): string {
  for (const name of [key, ...PLURAL_FORMS.map((form) => `${key}_${form}`)]) {
    const found = words.source.get(name);
    if (found !== undefined) return found;
  }
  const name = referencePath?.split(/[\\/]/).pop();
  return words.paths.find((path) => path.split(/[\\/]/).pop() === name) ?? words.paths[0] ?? '';
}

function readTree(file: CatalogueFile): MessageTree {
  const raw = file.raw as { language?: unknown; messages?: unknown } | null;
  if (typeof raw !== 'object' || raw === null) throw new ScriptError(`${file.path}: must hold \`language:\` and \`messages:\``);
  if (raw.language !== file.language) throw new ScriptError(`${file.path}: language: is "${String(raw.language)}", but the folder is "${file.language}"`);
  if (typeof raw.messages !== 'object' || raw.messages === null || Array.isArray(raw.messages)) {
    throw new ScriptError(`${file.path}: messages: must be a map of keys to messages`);
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'language' && key !== 'messages') throw new ScriptError(`${file.path}: ${key}: unknown top-level key (only language and messages)`);
  }
  return raw.messages as MessageTree;
}

/** `a.b.c` -> text, checking every key and leaf on the way. */
function flatten(tree: unknown, path: string, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (!KEY.test(key)) throw new ScriptError(`${path}: messages.${name}: a key is letters, digits, _ and - (and starts with a lower-case letter)`);
    if (typeof value === 'string') {
      if (value.trim() === '') throw new ScriptError(`${path}: messages.${name}: is empty`);
      if (value.includes('$t(')) throw new ScriptError(`${path}: messages.${name}: nesting with $t( is not used; give the words, or a placeholder`);
      if (RAW_MARKUP.test(value)) throw new ScriptError(`${path}: messages.${name}: write < > & as &lt; &gt; &amp; (Slack reads them as markup)`);
      flat.set(name, value);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, text] of flatten(value, path, name)) flat.set(inner, text);
    } else {
      throw new ScriptError(`${path}: messages.${name}: must be a message (text) or a group of messages, not ${Array.isArray(value) ? 'a list' : String(value)}`);
    }
  }
  return flat;
}

interface KeyInfo {
  /** Plural forms given (`one`, `other`), when the key is plural. */
  forms?: Set<string>;
  placeholders: Set<string>;
}

/** Keys with their plural forms folded together: `left_one` and `left_other` are the key `left`. */
function groupPlurals(words: LanguageWords, language: Language): Map<string, KeyInfo> {
  const keys = new Map<string, KeyInfo>();
  const path = (key: string) => fileFor(words, key);
  for (const [key, text] of words.flat) {
    const plural = PLURAL_SUFFIX.exec(key);
    const base = plural ? key.slice(0, plural.index) : key;
    const info = keys.get(base) ?? { placeholders: new Set<string>() };
    if (plural) {
      if (keys.has(base) && !info.forms) throw new ScriptError(`${path(key)}: messages.${key}: "${base}" is a message and a plural at once`);
      info.forms ??= new Set<string>();
      info.forms.add(plural[1] ?? '');
    } else if (info.forms) {
      throw new ScriptError(`${path(key)}: messages.${key}: "${key}" is a message and a plural at once`);
    }
    for (const [, name] of text.matchAll(PLACEHOLDER)) info.placeholders.add(name ?? '');
    keys.set(base, info);
  }
  const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  for (const [key, info] of keys) {
    if (!info.forms) continue;
    const missing = needed.filter((form) => !info.forms?.has(form));
    if (missing.length > 0) throw new ScriptError(`${fileFor(words, key)}: messages.${key}_${missing[0]}: missing (${language} needs the plural forms ${needed.join(', ')}; a key that is no plural must not end in _zero, _one, _two, _few, _many or _other)`);
    const unused = [...info.forms].filter((form) => !(needed as string[]).includes(form));
    if (unused.length > 0) throw new ScriptError(`${fileFor(words, key)}: messages.${key}_${unused[0]}: ${language} has no "${unused[0]}" plural form (only ${needed.join(', ')})`);
    // A plural's count may be left unsaid in one language ("只剩一个问题") and said in another.
    info.placeholders.delete('count');
  }
  return keys;
}

function compare(reference: Map<string, KeyInfo>, referenceWords: LanguageWords, other: Map<string, KeyInfo>, otherWords: LanguageWords): void {
  const referencePath = (key: string) => fileFor(referenceWords, key);
  const otherPath = (key: string) => {
    const ref = referencePath(key);
    return fileFor(otherWords, key, ref);
  };
  for (const [key, info] of reference) {
    const theirs = other.get(key);
    if (!theirs) throw new ScriptError(`${otherPath(key)}: messages.${key}: missing (${referencePath(key)} has it)`);
    if (Boolean(info.forms) !== Boolean(theirs.forms)) {
      throw new ScriptError(`${otherPath(key)}: messages.${key}: ${info.forms ? 'must be a plural (_other …)' : 'must not be a plural'}, as in ${referencePath(key)}`);
    }
    const ours = [...info.placeholders].sort();
    const given = [...theirs.placeholders].sort();
    if (ours.join(',') !== given.join(',')) {
      const show = (names: string[]) => (names.length > 0 ? names.map((n) => `{{${n}}}`).join(', ') : 'none');
      throw new ScriptError(`${otherPath(key)}: messages.${key}: placeholders ${show(given)} differ from ${referencePath(key)} (${show(ours)})`);
    }
  }
  for (const key of other.keys()) {
    if (!reference.has(key)) throw new ScriptError(`${otherPath(key)}: messages.${key}: unknown key (${fileFor(referenceWords, key, otherPath(key))} does not have it)`);
  }
}

/** Every key of a language's catalogue, plural forms folded (`left_one`, `left_other` -> `left`). */
export function catalogueKeys(tree: MessageTree): string[] {
  return [...new Set([...flatten(tree, '').keys()].map((key) => key.replace(PLURAL_SUFFIX, '')))];
}
