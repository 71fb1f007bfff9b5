import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/local-slack/sign-request.js';

// The worked example from Slack's "Verifying requests from Slack" guide.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('signSlackRequest', () => {
  it("reproduces the signature in Slack's documentation", () => {
    expect(signSlackRequest(SECRET, BODY, TIMESTAMP)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it("passes Bolt's own verification, and fails it when the body or secret differ", () => {
    const body = JSON.stringify({ type: 'event_callback', text: 'ünïcödé & <tags>' });
    const nowSeconds = 1_732_300_000;
    const headers = signSlackRequest('s3cret', body, nowSeconds);
    const check = (secret: string, sentBody: string) =>
      isValidSlackRequest({
        signingSecret: secret,
        body: sentBody,
        headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': nowSeconds },
        nowMilliseconds: nowSeconds * 1000,
      });
    expect(check('s3cret', body)).toBe(true);
    expect(check('s3cret', `${body} `)).toBe(false);
    expect(check('other', body)).toBe(false);
  });
});
