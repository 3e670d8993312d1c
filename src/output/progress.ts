// Progress for long operations: a spinner or a bar on stderr when a person is watching, nothing
// at all on a pipe, under --json or under --quiet (scripts and logs get no control characters).
import type { ChalkInstance } from 'chalk';
import { inlineText } from './terminal-text.ts';

export interface Progress {
  /** Replace the text after the spinner (or the bar's count). */
  update(text: string): void;
  /** Advance a bar by one step (ignored by a spinner). */
  tick(): void;
  /** Erase the line; call before printing the result. */
  stop(): void;
}

export interface ProgressTarget {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SILENT: Progress = { update() {}, tick() {}, stop() {} };

export interface ProgressOptions {
  enabled: boolean;
  color: ChalkInstance;
  /** A bar of this many steps instead of a spinner. */
  total?: number;
  intervalMs?: number;
}

export function startProgress(stream: ProgressTarget, label: string, options: ProgressOptions): Progress {
  if (!options.enabled || !stream.isTTY) return SILENT;
  // The text may name things from outside (an alias, a model): one line, no controls of its own.
  let text = inlineText(label);
  let frame = 0;
  let done = 0;
  const render = () => {
    const line = options.total === undefined
      ? `${options.color.cyan(FRAMES[frame++ % FRAMES.length])} ${text}`
      : `${bar(done, options.total)} ${done}/${options.total} ${text}`;
    stream.write(`\r\u001b[K${line}`);
  };
  render();
  const timer = options.total === undefined ? setInterval(render, options.intervalMs ?? 80) : undefined;
  timer?.unref();
  let stopped = false;
  // Work still settling after stop() (a rejected Promise.all's siblings) must not draw again.
  return {
    update(next) { if (!stopped) { text = inlineText(next); render(); } },
    tick() { if (!stopped) { done = Math.min(done + 1, options.total ?? done + 1); render(); } },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      stream.write('\r\u001b[K');
    },
  };
}

function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
