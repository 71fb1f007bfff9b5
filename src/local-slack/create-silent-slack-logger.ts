import { LogLevel, type Logger } from '@slack/web-api';

/** A Slack SDK logger that prints nothing: Bolt and WebClient log expected failures loudly in tests. */
export function createSilentSlackLogger(): Logger {
  let level = LogLevel.ERROR;
  const ignore = (): void => undefined;
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: ignore,
  };
}
