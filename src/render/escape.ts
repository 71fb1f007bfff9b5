/**
 * Slack mrkdwn escaping. Slack treats `&`, `<` and `>` as control characters:
 * unescaped, `<!channel>`, `<@U…>` or `<https://x|label>` in something a person typed
 * would ping people or spoof links when the bot repeats it. Quotes are not special in
 * mrkdwn, so they are never turned into HTML entities.
 */

/** Escapes text a person wrote so Slack shows it exactly as typed. */
export function escapeMrkdwn(text: string): string {
  // `&` goes first so the entities produced for `<` and `>` are not escaped again.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const INCOMING_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** Undoes Slack's escaping of incoming message text, once, to store what was typed. */
export function unescapeSlackText(text: string): string {
  // One pass, so a typed `&lt;` (arriving as `&amp;lt;`) stays `&lt;` and not `<`.
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => INCOMING_ENTITIES[entity] ?? entity);
}

/** Text the bot built itself that may carry markup (mentions, dates); passed through unescaped. */
export class Mrkdwn {
  constructor(readonly text: string) {}

  /** The markup, so a stray string conversion still shows what was meant. */
  toString(): string {
    return this.text;
  }
}

/** Marks bot-built markup as safe to pass through the renderer unescaped. */
export function mrkdwn(text: string): Mrkdwn {
  return new Mrkdwn(text);
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** A mention of a Slack user id (`<@U123>`); anything that is not an id is shown as text. */
export function mention(userId: string): Mrkdwn {
  return mrkdwn(USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId));
}
