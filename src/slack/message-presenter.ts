/**
 * The `MessagePresenter` port: an intent drawn for its reader, in the reader's
 * language (the channel's for its posts, a person's own for what is theirs), from the
 * record as it is when the message goes out.
 */
import type { QuestionScript } from '../domain/conversation/script.js';
import type { Language } from '../domain/message/language.js';
import type { ReviewScript } from '../domain/review/review-script.js';
import type { MessageIntent } from '../app/message-intent.js';
import type { PlanRecord } from '../app/plan-record.js';
import type { MessagePresenter, OutgoingMessage, Reader } from '../app/ports.js';
import type { Renderer } from '../render/renderer.js';
import type { Translators } from '../render/i18n/translator.js';
import type { ReaderLanguages } from './reader-languages.js';
import { presentIntent } from './present/present-intent.js';

export interface PresenterOptions {
  translators: Translators;
  languages: ReaderLanguages;
  script: QuestionScript;
  reviewScript: ReviewScript;
  renderer: Renderer;
}

/** The language `reader` reads messages about `record` in. */
export async function languageFor(languages: ReaderLanguages, record: Pick<PlanRecord, 'teamId' | 'channelId'>, reader: Reader): Promise<Language> {
  const channel = await languages.channel(record.teamId, record.channelId);
  return 'userId' in reader ? languages.person(reader.userId, channel) : channel;
}

export function createMessagePresenter(options: PresenterOptions): MessagePresenter {
  return {
    async present(record: PlanRecord, intent: MessageIntent, reader: Reader): Promise<OutgoingMessage | undefined> {
      const t = options.translators.for(await languageFor(options.languages, record, reader));
      return presentIntent(intent, { t, record, script: options.script, reviewScript: options.reviewScript, renderer: options.renderer });
    },
  };
}
