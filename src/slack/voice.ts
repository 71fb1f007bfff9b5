/**
 * How the listeners speak to the person in front of them: a reply, a note or a
 * warning in that person's language (their Slack locale, else the channel's), with
 * the look-up of the locale bounded wherever an acknowledgement waits for it.
 */
import type { Language } from '../domain/message/language.js';
import type { Phrase } from '../domain/message/phrase.js';
import type { QuestionScript } from '../domain/conversation/script.js';
import type { ReviewScript } from '../domain/review/review-script.js';
import type { ReplyIntent } from '../app/message-intent.js';
import type { OutgoingMessage } from '../app/ports.js';
import type { Renderer } from '../render/renderer.js';
import type { Translator, Translators } from '../render/i18n/translator.js';
import { presentReply } from './present/present-reply.js';
import type { ReaderLanguages } from './reader-languages.js';

/** Someone the bot answers, and where. */
export interface Person {
  userId: string;
  teamId: string;
  /** The channel they wrote in (its language is the fallback); empty when unknown. */
  channelId: string;
}

/** How long a reply that goes out with an acknowledgement waits for a locale look-up: Slack's 3 seconds must hold. */
export const ACK_LOOKUP_MS = 1_000;

export interface VoiceOptions {
  translators: Translators;
  languages: ReaderLanguages;
  script: QuestionScript;
  reviewScript: ReviewScript;
  renderer: Renderer;
}

export class Voice {
  constructor(private readonly options: VoiceOptions) {}

  /** The person's language: their Slack locale when the bot speaks it, else their channel's (the default one while the store cannot say). */
  async languageOf(person: Person, waitMs?: number): Promise<Language> {
    const channel = await this.options.languages.channelOrDefault(person.teamId, person.channelId);
    return this.options.languages.person(person.userId, channel, waitMs);
  }

  /** The language of a channel's posts. */
  channelLanguage(teamId: string, channelId: string): Promise<Language> {
    return this.options.languages.channel(teamId, channelId);
  }

  /** The words of `language`, for a surface drawn here (a modal). */
  translator(language: Language): Translator {
    return this.options.translators.for(language);
  }

  /** A phrase as mrkdwn in `language`. */
  text(language: Language, phrase: Phrase): string {
    return this.options.translators.for(language).text(phrase);
  }

  /** A command's or a click's reply as a message in `language`. */
  reply(language: Language, intent: ReplyIntent): OutgoingMessage {
    const { translators, script, reviewScript, renderer } = this.options;
    return presentReply(intent, { t: translators.for(language), script, reviewScript, renderer });
  }

  /** A phrase for `person`, as mrkdwn in their language. */
  async say(person: Person, phrase: Phrase, waitMs?: number): Promise<string> {
    return this.text(await this.languageOf(person, waitMs), phrase);
  }
}
