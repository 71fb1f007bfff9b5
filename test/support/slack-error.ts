import type { WebAPIPlatformError } from '@slack/web-api';
import { expect } from 'vitest';

/** The error a Web API call rejected with; fails the test when it succeeded. */
export async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the call should have failed').toBeDefined();
  return error as WebAPIPlatformError;
}
