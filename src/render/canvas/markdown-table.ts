/**
 * Tables in canvas markdown, for any rows: a header line, the alignment line and
 * one line per row, every cell escaped so that what people typed (a `|`, a `*`, a
 * line break, `<!channel>`) shows as text and never breaks the table or the markup.
 */

/** One column: its heading and alignment. */
export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

/** A markdown table of `rows`, each with one cell per column (missing cells are blank). */
export function markdownTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${columns.map((_column, index) => escapeCell(cells[index] ?? '')).join(' | ')} |`;
  const rule = `| ${columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [line(columns.map((column) => column.header)), rule, ...rows.map(line)].join('\n');
}

/** Escapes text for canvas markdown outside a table (headings, paragraphs, list items). */
export function escapeCanvasText(text: string): string {
  return text
    .replace(/\r?\n+/g, ' ')
    .replace(/[\\`*_~[\]<>#|!]/g, (char) => `\\${char}`)
    .trim();
}

function escapeCell(text: string): string {
  return escapeCanvasText(text);
}
