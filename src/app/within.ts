/**
 * Waits for `promise` at most `ms`: resolves with its value, or with `undefined` when
 * it takes longer (it is left to finish on its own). A rejection is passed on. For Slack
 * calls made before an acknowledgement, which must go out inside Slack's 3 seconds.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
