/**
 * Reads the text after `/imc` into a subcommand. Pure; unknown input becomes
 * `help` with a note, so nobody is met with silence.
 */

export type ImcCommand =
  | { kind: 'plan'; campaign?: string }
  | { kind: 'help'; unknown?: string }
  | { kind: 'list' }
  | { kind: 'show'; planId?: string }
  | { kind: 'cancel'; planId?: string }
  | { kind: 'budget'; args: string[] }
  | { kind: 'review'; planId?: string }
  | { kind: 'remind'; planId?: string; when?: string }
  | { kind: 'config'; args: string[] };

const PLAN_ID_ARG = /^[A-Za-z0-9-]{1,40}$/;

/** Splits on white space, keeping "quoted strings" together. */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** The plan id argument as typed, tolerating backticks and a leading `#`. */
function planIdArg(raw: string | undefined): string | undefined {
  const cleaned = raw?.replace(/^[`#]+|[`]+$/g, '').trim();
  return cleaned && PLAN_ID_ARG.test(cleaned) ? cleaned.toUpperCase() : undefined;
}

/** Parses the text of an `/imc` slash command. */
export function parseImcCommand(text: string): ImcCommand {
  const trimmed = text.trim().slice(0, 500);
  if (trimmed === '') return { kind: 'help' };
  const [head = '', ...rest] = words(trimmed);
  const restText = trimmed.slice(trimmed.toLowerCase().indexOf(head.toLowerCase()) + head.length).trim();
  switch (head.toLowerCase()) {
    case 'plan':
    case 'new':
    case 'start':
      return restText ? { kind: 'plan', campaign: restText.replace(/^"(.*)"$/, '$1') } : { kind: 'plan' };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'list':
    case 'ls':
      return { kind: 'list' };
    case 'show':
    case 'view':
      return { kind: 'show', planId: planIdArg(rest[0]) };
    case 'cancel':
      return { kind: 'cancel', planId: planIdArg(rest[0]) };
    case 'budget':
      return { kind: 'budget', args: rest };
    case 'review':
      return { kind: 'review', planId: planIdArg(rest[0]) };
    case 'remind':
      return { kind: 'remind', planId: planIdArg(rest[0]), when: rest.slice(1).join(' ') || undefined };
    case 'config':
      return { kind: 'config', args: rest };
    default:
      return { kind: 'help', unknown: head };
  }
}
