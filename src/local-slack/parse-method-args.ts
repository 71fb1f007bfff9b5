import { SlackMethodError } from './slack-method-error.js';
import type { MethodArgs } from './fake-slack-methods.js';

// Fields Slack accepts as JSON text inside a form (and, leniently, inside a JSON body too).
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files', 'changes', 'document_content'];

/** Parse a Web API request body the way Slack does: form-encoded or JSON, objects given as JSON strings. */
export function parseMethodArgs(raw: string, contentType: string | undefined): MethodArgs {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const args = type === 'application/json' ? parseJsonBody(raw) : Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    const value = args[field];
    // Unparseable JSON stays a string so the method can answer `invalid_blocks_format` like Slack.
    if (typeof value === 'string') args[field] = tryParseJson(value) ?? value;
  }
  return args;
}

function parseJsonBody(raw: string): MethodArgs {
  const parsed = tryParseJson(raw === '' ? '{}' : raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackMethodError('invalid_json');
  return parsed as MethodArgs;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
