import type { IncomingMessage } from 'node:http';

/**
 * A request's whole body, or undefined once it grows past `limitBytes`: the rest is drained (not buffered) so the
 * connection can still carry the refusal.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      req.resume();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
