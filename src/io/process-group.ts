// A helper's process group: what lets ollm end a helper together with everything it started.
// Killing the helper alone leaves its children running, still holding the pipes ollm reads, so a
// `sh -c 'sleep 6; echo done'` overstayed its deadline by the whole sleep. A helper spawned with
// `detached: OWN_GROUP` leads a group of its own, which one kill of `-pid` ends whole.
//
// Its own group also takes it out of the terminal's foreground group, so Ctrl-C no longer reaches
// it: while a group is running, ollm's own end (exit, SIGINT, SIGTERM, SIGHUP) kills it first, so
// a helper never outlives ollm by accident. Only a SIGKILL of ollm leaves it behind; then its next
// write to the pipes nobody reads any more ends it (SIGPIPE), or it runs on to its own end.
import type { ChildProcess } from 'node:child_process';

/** Windows has no process groups to signal (no negative pids): there the helper alone is killed. */
export const OWN_GROUP = process.platform !== 'win32';

const running = new Set<ChildProcess>();
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** SIGKILL the helper's whole group (on Windows the helper itself). Never throws: it may be gone already. */
export function killGroup(child: ChildProcess): void {
  try {
    if (OWN_GROUP && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch { /* the group is gone already */ }
}

/** Kill this helper's group if ollm ends while it runs; returns the release for when it is done. */
export function killWithUs(child: ChildProcess): () => void {
  if (running.size === 0) listen();
  running.add(child);
  return () => {
    if (!running.delete(child)) return;
    if (running.size === 0) unlisten();
  };
}

function killAll(): void {
  for (const child of running) killGroup(child);
  running.clear();
}

function onExit(): void {
  killAll();
}

/**
 * Our listener replaces the default action (die) of these signals, so once the groups are killed
 * the signal is raised again: ollm ends as it would have. If someone else listens (`ollm exec`
 * forwarding signals), the signal is theirs to act on.
 */
function onSignal(signal: NodeJS.Signals): void {
  killAll();
  unlisten();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function listen(): void {
  process.on('exit', onExit);
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
}

function unlisten(): void {
  process.off('exit', onExit);
  for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
}
