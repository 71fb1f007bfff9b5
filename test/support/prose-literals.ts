/**
 * Finds words written in TypeScript instead of the message catalogue: string and
 * template literals that read as prose (two or more words of letters, e.g. "Must fix
 * before posting"), as opposed to codes, ids, keys, paths and patterns. Used by the
 * catalogue test to keep user-visible words in `locales/`.
 *
 * Not counted, because no user reads them in Slack: log lines (`logger.info(…)`),
 * errors thrown at start-up or in a programming mistake (`new …Error(…)`), zod's own
 * messages (`.regex(…, 'expected …')`), module paths, and JSDoc/comments.
 */
import ts from 'typescript';

/** One literal that reads as prose, where it is. */
export interface ProseLiteral {
  file: string;
  line: number;
  text: string;
}

const PROSE = /[A-Za-z]{2,}[,.:;!?']?\s+[A-Za-z]{2,}/;
const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error', 'trace', 'fatal', 'log']);

/** Prose literals in one file's source. */
export function proseLiterals(file: string, source: string): ProseLiteral[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ProseLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (isExempt(node)) return;
    const text = literalText(node);
    if (text !== undefined && PROSE.test(text)) {
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.length > 80 ? `${text.slice(0, 77)}...` : text });
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' x ');
  return undefined;
}

/** Places whose strings no Slack user reads. */
function isExempt(node: ts.Node): boolean {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return true;
  // new SomethingError(…): start-up refusals and programming errors, for the operator.
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /Error$/.test(node.expression.text)) return true;
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const target = callee.expression.getText();
      if (LOG_METHODS.has(method) && /logger|log|console/i.test(target)) return true;
      // zod refinements' messages are for the store's and config's own errors.
      if (['regex', 'refine', 'superRefine', 'describe'].includes(method)) return true;
    }
    if (ts.isIdentifier(callee) && ['require', 'fail', 'assertNever'].includes(callee.text)) return true;
  }
  return false;
}
