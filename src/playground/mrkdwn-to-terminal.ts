/**
 * Slack mrkdwn as a person would read it in the Slack client, but in a terminal:
 * mentions become names, links show their label, `*bold*` is bold (or plain), and
 * Slack's `&lt;` `&gt;` `&amp;` are undone for display only.
 */
import type { TerminalStyle } from './terminal-style.js';

/** Finds display names for the ids inside mentions. */
export interface NameLookup {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/** Options for {@link mrkdwnToTerminal}. */
export interface MrkdwnOptions {
  style: TerminalStyle;
  names: NameLookup;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** Renders one mrkdwn string for the terminal. */
export function mrkdwnToTerminal(text: string, options: MrkdwnOptions): string {
  const linked = text.replace(/<([^<>\n]+)>/g, (_whole, inner: string) => angleBracket(inner, options.names));
  // As in Slack, emphasis needs text hugging its markers: `2 * 3 * 4` is not bold.
  const bold = linked.replace(/(^|[^\w*])\*(\S(?:[^*\n]*?\S)?)\*(?=[^\w*]|$)/g, (_whole, before: string, inner: string) => before + options.style.bold(inner));
  const italic = bold.replace(/(^|[^\w_])_(\S(?:[^_\n]*?\S)?)_(?=[^\w_]|$)/g, (_whole, before: string, inner: string) => before + options.style.italic(inner));
  // One pass, so `&amp;lt;` (a typed "&lt;") shows as "&lt;" and not "<".
  return italic.replace(/&(?:lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** `<@U1>`, `<@U1|name>`, `<#C1|name>`, `<!here>`, `<url|label>` and `<url>` as Slack shows them. */
function angleBracket(inner: string, names: NameLookup): string {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) return `@${names.user(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${names.channel(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('!')) return `@${label ?? target.slice(1).replace(/^subteam\^/, '')}`;
  return label && label !== target ? `${label} (${target})` : target;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
