/**
 * The budget chart as SVG: horizontal bars for the allocation by channel and the
 * paid spend by phase, each with its label and amount. Laid out for monospaced
 * fonts (DejaVu Sans Mono: 0.602 em a character; Chinese from UnifontEX: 1 em), so
 * widths are exact without measuring text. Pure: a string in, a string out.
 */
import type { BudgetChartModel, ChartBarKind, ChartPanel } from './budget-chart-model.js';

/** The font the SVG asks for; `chart-font.ts` supplies it to the rasteriser. */
export const CHART_FONT_FAMILY = 'DejaVu Sans Mono';
/** What draws the characters DejaVu does not have (Chinese). */
const FALLBACK_FAMILY = 'UnifontExMono';
/** Advance of one narrow character, in em (DejaVu Sans Mono: 1233/2048). */
const NARROW_EM = 0.602;

const WIDTH = 880;
const MARGIN = 28;
const LABEL_SIZE = 16;
const TITLE_SIZE = 24;
const PANEL_TITLE_SIZE = 18;
const ROW = 34;
const BAR = 22;
const GAP = 14;
const MAX_LABEL_COLUMNS = 30;
const TEXT = '#1f2933';
const MUTED = '#52606d';

const COLOURS: Record<ChartBarKind, string> = {
  owned: '#3b6fb6',
  paid: '#e07b39',
  earned: '#3a9a5b',
  reserve: '#9aa5b1',
  phase: '#e07b39',
  other: '#8e6bbf',
};
/** The kinds the legend names, in its order (the model gives their names, in the reader's language). */
const LEGEND: readonly ChartBarKind[] = ['owned', 'paid', 'earned', 'other', 'reserve'];

/** The SVG document of the chart, with its pixel size. */
export function budgetChartSvg(model: BudgetChartModel): { svg: string; width: number; height: number } {
  const parts: string[] = [];
  let y = MARGIN + TITLE_SIZE;
  parts.push(text(MARGIN, y, model.title, TITLE_SIZE, TEXT, fitColumns(WIDTH - 2 * MARGIN, TITLE_SIZE), true));
  y += 26;
  const kinds = new Set(model.panels.flatMap((panel) => panel.bars.map((bar) => bar.kind)));
  let x = MARGIN;
  for (const entry of LEGEND.filter((kind) => kinds.has(kind)).map((kind) => ({ kind, label: model.legend[kind] ?? kind }))) {
    parts.push(`<rect x="${x}" y="${y - 12}" width="14" height="14" rx="2" fill="${COLOURS[entry.kind]}"/>`);
    parts.push(text(x + 20, y, entry.label, LABEL_SIZE, MUTED));
    x += 20 + columns(entry.label) * LABEL_SIZE * NARROW_EM + 24;
  }
  y += 20;
  for (const panel of model.panels) y = drawPanel(parts, panel, y);
  const height = y + MARGIN - 10;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="'${CHART_FONT_FAMILY}', '${FALLBACK_FAMILY}'">` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`;
  return { svg, width: WIDTH, height };
}

function drawPanel(parts: string[], panel: ChartPanel, top: number): number {
  let y = top + 22;
  parts.push(text(MARGIN, y, panel.title, PANEL_TITLE_SIZE, TEXT, fitColumns(WIDTH - 2 * MARGIN, PANEL_TITLE_SIZE), true));
  y += 16;
  const labelColumns = Math.min(MAX_LABEL_COLUMNS, Math.max(...panel.bars.map((bar) => columns(bar.label))));
  const valueColumns = Math.max(...panel.bars.map((bar) => columns(bar.display)));
  // A wide character counts as two columns: 1.2 em reserved for its 1 em.
  const char = LABEL_SIZE * NARROW_EM;
  const barLeft = MARGIN + labelColumns * char + GAP;
  const barSpace = Math.max(80, WIDTH - MARGIN - valueColumns * char - GAP - barLeft);
  const largest = Math.max(1, ...panel.bars.map((bar) => bar.value));
  for (const bar of panel.bars) {
    const length = bar.value > 0 ? Math.max(2, Math.round((bar.value / largest) * barSpace)) : 0;
    const baseline = y + BAR / 2 + LABEL_SIZE / 2 - 2;
    parts.push(text(MARGIN, baseline, bar.label, LABEL_SIZE, TEXT, labelColumns));
    parts.push(`<rect x="${round(barLeft)}" y="${y}" width="${length}" height="${BAR}" rx="3" fill="${COLOURS[bar.kind]}"/>`);
    parts.push(text(barLeft + length + GAP / 2, baseline, bar.display, LABEL_SIZE, MUTED));
    y += ROW;
  }
  return y + 6;
}

function text(x: number, y: number, content: string, size: number, fill: string, maxColumns?: number, bold = false): string {
  const shown = maxColumns === undefined ? content : clip(content, maxColumns);
  return `<text x="${round(x)}" y="${round(y)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${fill}">${escapeXml(shown)}</text>`;
}

function fitColumns(width: number, size: number): number {
  return Math.floor(width / (size * NARROW_EM));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Columns a monospaced font needs for `text`: wide (CJK, full-width) characters take two. */
export function columns(text: string): number {
  let count = 0;
  for (const char of text) count += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return count;
}

/** Cuts `text` to `max` columns, ending with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (columns(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const width = isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
    if (used + width > max - 1) break;
    out += char;
    used += width;
  }
  return `${out}…`;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
