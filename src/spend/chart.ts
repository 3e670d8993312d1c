// The daily spend as a horizontal bar chart, one line per day: eighth-block bars for a terminal,
// plain `#` bars for a pipe or a log file (nothing there a script or a pager could choke on).
import type { ChalkInstance } from 'chalk';
import { formatMoneyColumn } from '../output/format.ts';
import type { DaySpend } from './days.ts';

export interface ChartOptions {
  /** `YYYY-MM-DD` of today, marked because it is not over yet. */
  today: string;
  /** Unicode block bars (a terminal) or ASCII `#` bars. */
  unicode: boolean;
  color: ChalkInstance;
  /** Cells for the longest bar. */
  width: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Left-aligned blocks of 1/8 … 7/8 of a cell. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

export function renderDailyChart(days: DaySpend[], options: ChartOptions): string {
  const { color, width } = options;
  const max = Math.max(0, ...days.map((d) => d.spend));
  const amounts = formatMoneyColumn(days.map((d) => d.spend));
  return days.map((day, i) => {
    const weekday = WEEKDAYS[new Date(`${day.date}T00:00:00Z`).getUTCDay()];
    const label = `${day.date.slice(5)} ${weekday}`;
    const bar = max > 0 ? drawBar(day.spend / max, width, options.unicode) : '';
    const painted = bar ? color.cyan(bar) : '';
    const amount = amounts[i]!;
    const isToday = day.date === options.today;
    const line = `${isToday ? color.bold(label) : label}  ${painted}${' '.repeat(width - bar.length)}  ${day.spend === 0 ? color.dim(amount) : amount}`;
    return isToday ? `${line}  ${color.dim('today, so far')}` : line;
  }).join('\n');
}

/** A bar of `fraction` × `width` cells; any spend above zero shows at least a sliver. */
export function drawBar(fraction: number, width: number, unicode: boolean): string {
  if (!(fraction > 0)) return '';
  const cells = Math.min(1, fraction) * width;
  if (!unicode) return '#'.repeat(Math.max(1, Math.round(cells)));
  let full = Math.floor(cells);
  let eighths = Math.round((cells - full) * 8);
  if (eighths === 8) { full += 1; eighths = 0; }
  if (full === 0 && eighths === 0) eighths = 1;
  return '█'.repeat(full) + EIGHTHS[eighths];
}
