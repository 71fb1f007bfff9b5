/**
 * Which language each reader gets. A channel's posts follow the channel's language
 * (`/imc config language`, else `IMC_LANGUAGE`); a person's own messages (ephemeral
 * replies, the questions of their plan's thread, notes) follow their Slack locale,
 * asked with `users.info` (`include_locale`) and remembered for a few hours, at most
 * a few thousand people. A locale the bot does not speak, or a look-up that fails or
 * is slow, falls back to the channel's language: a reply is never held up by it.
 */
import { languageOf, type Language } from '../domain/message/language.js';
import type { Logger } from '../app/ports.js';
import { within } from '../app/within.js';

export interface ReaderLanguagesOptions {
  /** A person's Slack locale (`zh-CN`, `en-US`), or undefined when Slack does not tell it. */
  lookupLocale(userId: string): Promise<string | undefined>;
  /** The language a channel chose, if any (it may come from a store that answers later). */
  channelLanguage(teamId: string, channelId: string): Language | undefined | Promise<Language | undefined>;
  /** The language of channels that chose none (`IMC_LANGUAGE`). */
  defaultLanguage: Language;
  logger: Logger;
  /** How many people's languages are remembered (default 5,000). */
  capacity?: number;
  /** How long a looked-up language is kept (default 6 hours); a failed look-up is tried again after `retryAfterMs` (default 5 minutes). */
  ttlMs?: number;
  retryAfterMs?: number;
  now?: () => number;
}

interface Known {
  /** Undefined: Slack gave no locale the bot speaks (or the look-up failed). */
  language: Language | undefined;
  until: number;
}

export class ReaderLanguages {
  private readonly known = new Map<string, Known>();
  private readonly asking = new Map<string, Promise<Language | undefined>>();
  private readonly now: () => number;

  constructor(private readonly options: ReaderLanguagesOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** The language of a channel's posts. */
  async channel(teamId: string, channelId: string): Promise<Language> {
    return (await this.options.channelLanguage(teamId, channelId)) ?? this.options.defaultLanguage;
  }

  /**
   * The channel's language as the fallback of a reply to one person, or the default
   * language when the store cannot say (the database is down): the person is still told
   * what happened, for example that their answer was not saved.
   */
  async channelOrDefault(teamId: string, channelId: string): Promise<Language> {
    try {
      return await this.channel(teamId, channelId);
    } catch (error) {
      this.options.logger.warn("could not read the channel's language; answering in the default one", { code: (error as { code?: string }).code, error: String(error) });
      return this.options.defaultLanguage;
    }
  }

  /**
   * A person's language, or `fallback` when their locale is not one the bot speaks. With
   * `waitMs`, a look-up that takes longer gives `fallback` now and is remembered for next time.
   */
  async person(userId: string, fallback: Language, waitMs?: number): Promise<Language> {
    const cached = this.known.get(userId);
    if (cached && cached.until > this.now()) {
      // Most recently used last: the oldest are forgotten first.
      this.known.delete(userId);
      this.known.set(userId, cached);
      return cached.language ?? fallback;
    }
    const lookup = this.lookUp(userId);
    const language = waitMs === undefined ? await lookup : await within(lookup, waitMs);
    return language ?? fallback;
  }

  /** A person's language when it is already known (no look-up), for code that cannot wait. */
  cached(userId: string): Language | undefined {
    const cached = this.known.get(userId);
    return cached && cached.until > this.now() ? cached.language : undefined;
  }

  private lookUp(userId: string): Promise<Language | undefined> {
    const running = this.asking.get(userId);
    if (running) return running;
    const lookup = this.options
      .lookupLocale(userId)
      .then(
        (locale) => {
          const language = languageOf(locale);
          this.remember(userId, language, this.options.ttlMs ?? 6 * 3_600_000);
          return language;
        },
        (error: unknown) => {
          this.options.logger.warn("could not look up a person's Slack locale; using the channel's language", { error: String((error as { code?: string }).code ?? error) });
          this.remember(userId, undefined, this.options.retryAfterMs ?? 300_000);
          return undefined;
        },
      )
      .finally(() => this.asking.delete(userId));
    this.asking.set(userId, lookup);
    return lookup;
  }

  private remember(userId: string, language: Language | undefined, forMs: number): void {
    this.known.delete(userId);
    this.known.set(userId, { language, until: this.now() + forMs });
    const capacity = this.options.capacity ?? 5_000;
    while (this.known.size > capacity) this.known.delete(this.known.keys().next().value as string);
  }
}
