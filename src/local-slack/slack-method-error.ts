/** An `ok: false` answer from a fake Web API method, carrying Slack's error code. */
export class SlackMethodError extends Error {
  /** Creates the error; `messages` become `response_metadata.messages` as Slack sends them. */
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
  ) {
    super(error);
    this.name = 'SlackMethodError';
  }

  /** The JSON body Slack would send for this error. */
  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { ok: false, error: this.error };
    if (this.messages.length > 0) body.response_metadata = { messages: this.messages };
    return body;
  }
}
