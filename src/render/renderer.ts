/**
 * Handlebars rendering of Slack mrkdwn messages from `templates/`, in the reader's language.
 * Every string in a view model is escaped before the template sees it, so a template
 * cannot forget to; only `Mrkdwn` values (markup the bot built) pass through as is.
 * A template's own words come from the catalogue: `{{t "pages.summary.brief"}}`, or with
 * values `{{t "pages.summary.goal" metric=metric target=target}}`, through the translator
 * given to this one render (never a shared language). The values are the view model's,
 * already escaped; the words are the catalogue's, which holds no raw markup (checked at
 * start-up), so neither can forge a mention or a link.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import { CodedError } from '../errors.js';
import { projectRoot } from '../project-root.js';
import { Mrkdwn, escapeMrkdwn } from './escape.js';
import type { Translator } from './i18n/translator.js';
import { markupWords } from './view-text.js';
import type { Param } from '../domain/message/phrase.js';

/** Renders a named template with a view model to Slack mrkdwn. */
export interface Renderer {
  /**
   * `name` is the template file name without `.hbs`, e.g. `strategy-summary`; `t` is the
   * reader's translator, needed by any template that says words of its own (`{{t "…"}}`).
   */
  render(name: string, viewModel: object, t?: Translator): string;
}

export type RenderErrorCode = 'template_not_found' | 'template_invalid' | 'template_failed' | 'view_model_invalid';

/** A rendering failure with a stable code; `cause` keeps the Handlebars or fs error. */
export class RenderError extends CodedError<RenderErrorCode> {
  constructor(message: string, code: RenderErrorCode, options?: { cause?: unknown }) {
    super(message, code, options);
  }
}

/** The project's `templates/` folder, found from this file so the working directory does not matter. */
export const DEFAULT_TEMPLATE_DIR = join(projectRoot(), 'templates');

/** A renderer that can be told to load its templates now rather than at the first render. */
export interface TemplateRenderer extends Renderer {
  /** Loads Handlebars and the templates if not done yet (the bot calls it once it is healthy). */
  warm(): void;
}

const require = createRequire(import.meta.url);

/**
 * Creates a renderer over `dir`. Every `*.hbs` there is read and parsed once, here,
 * so a template that does not compile stops the bot at start-up (a RenderError naming
 * the file and line) rather than the first plan that needs it. Each template is also
 * available to the others as a partial (`{{> findings findings}}`).
 *
 * `checkedAtBuild`: the build parsed these very templates already (app/build-checked.ts),
 * so Handlebars (~20 ms to load) and the templates are loaded at `warm()` or the first
 * render instead, off the way to healthy.
 */
export function createRenderer(dir: string = DEFAULT_TEMPLATE_DIR, options: { checkedAtBuild?: boolean } = {}): TemplateRenderer {
  let loaded = options.checkedAtBuild ? undefined : compileAll(dir, true);
  const templates = () => (loaded ??= compileAll(dir, false));

  function template(name: string): Handlebars.TemplateDelegate {
    const found = templates().get(name);
    if (!found) {
      const known = [...templates().keys()].join(', ');
      throw new RenderError(`Template "${name}.hbs" not found in ${dir} (known: ${known})`, 'template_not_found');
    }
    return found;
  }

  return {
    warm() {
      templates();
    },
    render(name, viewModel, t) {
      const compiled = template(name);
      const safe = escapeViewModel(viewModel, `view model for "${name}"`);
      try {
        return tidy(compiled(safe, { data: { translator: t } }));
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new RenderError(`Template "${name}" failed: ${detail}`, 'template_failed', { cause });
      }
    },
  };
}

const COMPILE_OPTIONS: CompileOptions = { noEscape: true, strict: true };

/** Compiles every template in `dir` in an isolated Handlebars and registers each as a partial; `parse`: find a syntax error now. */
function compileAll(dir: string, parse: boolean): Map<string, Handlebars.TemplateDelegate> {
  const handlebars = (require('handlebars') as typeof Handlebars).create();
  makeBlockHelpersStrict(handlebars);
  registerTranslate(handlebars);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of listTemplates(dir)) {
    const name = file.slice(0, -'.hbs'.length);
    const source = readFileSync(join(dir, file), 'utf8');
    try {
      // compile() defers parsing to the first call; parse() finds a syntax error now.
      if (parse) handlebars.parse(source);
    } catch (cause) {
      throw new RenderError(`${join(dir, file)} does not compile: ${parseProblem(cause)}. Fix the template and start again.`, 'template_invalid', { cause });
    }
    const compiled = handlebars.compile(source, COMPILE_OPTIONS);
    templates.set(name, compiled);
    // A compiled partial keeps strict mode; a source-string partial would not.
    handlebars.registerPartial(name, compiled);
  }
  return templates;
}

/** "Parse error on line 4 (got 'EOF')": the line and the token, without Handlebars' ASCII-art pointer. */
function parseProblem(cause: unknown): string {
  const lines = (cause instanceof Error ? cause.message : String(cause)).split('\n');
  const where = (lines[0] ?? '').replace(/:$/, '');
  const got = /got '([^']+)'$/.exec(lines.at(-1) ?? '')?.[1];
  return got && lines.length > 1 ? `${where} (unexpected ${got === 'EOF' ? 'end of file: a block is not closed' : `'${got}'`})` : where;
}

const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

/**
 * Handlebars' strict mode checks `{{field}}` but not the argument of `#if` or `#each`,
 * where a missing field would silently read as false: these wrappers make it throw too.
 * View models say "absent" with `null` or `false`, never by leaving a key out.
 */
function makeBlockHelpersStrict(handlebars: typeof Handlebars): void {
  for (const name of BLOCK_HELPERS) {
    const builtin = handlebars.helpers[name] as (...args: unknown[]) => unknown;
    handlebars.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions & { loc?: { start?: { line?: number } } };
      if (args.length !== 2 || args[0] === undefined) {
        const line = options.loc?.start?.line;
        throw new Error(`#${name} needs a field that is present${line ? ` (line ${line})` : ''}`);
      }
      return builtin.apply(this, args);
    });
  }
}

/**
 * `{{t "key" name=value}}`: the catalogue's words for the key in the language of this
 * render. A value (already escaped by `escapeViewModel`) is passed as markup so it is not
 * escaped twice; a number is a number (`count` picks the plural form).
 */
function registerTranslate(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('t', function (...args: unknown[]) {
    const options = args[args.length - 1] as Handlebars.HelperOptions & { data?: { translator?: Translator }; loc?: { start?: { line?: number } } };
    const key = args[0];
    const line = options.loc?.start?.line;
    if (args.length !== 2 || typeof key !== 'string') throw new Error(`{{t}} takes one key in quotes${line ? ` (line ${line})` : ''}`);
    const translator = options.data?.translator;
    if (!translator) throw new Error(`{{t "${key}"}} needs the reader's translator: render(name, view, t)`);
    if (!translator.has(key)) throw new Error(`{{t "${key}"}}: the catalogue has no such key${line ? ` (line ${line})` : ''}`);
    const params: Record<string, Param> = {};
    for (const [name, value] of Object.entries(options.hash as Record<string, unknown>)) {
      if (value === undefined) throw new Error(`"${name}" not defined in the view model (the ${name}= of {{t "${key}"}}${line ? `, line ${line}` : ''})`);
      params[name] = typeof value === 'number' ? value : { mrkdwn: String(value ?? '') };
    }
    return markupWords(translator, key, params);
  });
}

function listTemplates(dir: string): string[] {
  try {
    return readdirSync(dir).filter((file) => file.endsWith('.hbs'));
  } catch (cause) {
    throw new RenderError(`The template folder ${dir} cannot be read`, 'template_not_found', { cause });
  }
}

/**
 * Deep-copies a view model, escaping every string leaf for mrkdwn.
 * Line breaks inside values become spaces: layout (and the section-break marker
 * line) belongs to templates, and a value must not be able to forge either.
 */
export function escapeViewModel(value: unknown, where = 'view model'): unknown {
  if (typeof value === 'string') return escapeMrkdwn(value.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '));
  if (value instanceof Mrkdwn) return value.text;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => escapeViewModel(item, where));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeViewModel(item, where)]));
  }
  // Dates, functions, class instances: formatting belongs in the view model, not the template.
  throw new RenderError(`The ${where} holds a ${describe(value)}; pass a pre-formatted string`, 'view_model_invalid');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}

/** Trims trailing spaces and collapses runs of blank lines left by block tags. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
