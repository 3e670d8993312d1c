// Faults a test puts on a target file: made read-only, or damaged so it no longer parses. Shared
// by the model-based tests (test/model/), which toggle them between commands.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * Root ignores file modes, so as root the file is made immutable (where the file system has the
 * attribute); otherwise a 0444 mode does it. Unlocking undoes both: `chattr -i` succeeds for
 * anyone on a file that is not immutable, so its success says nothing about the mode. Returns the
 * new state.
 */
export function setLocked(file: string, locked: boolean): boolean {
  if (locked) {
    if (spawnSync('chattr', ['+i', file]).status !== 0) chmodSync(file, 0o444);
  } else {
    spawnSync('chattr', ['-i', file]);
    chmodSync(file, 0o600);
  }
  return locked;
}

/** Text that breaks JSON, JSONC and TOML alike, on its own lines at the end (so removing it restores the file). */
export const DAMAGE = '\n[[[ }{ damaged by the test\n';

/** Append DAMAGE to the file; returns the damaged text. */
export function damage(file: string): string {
  const text = readFileSync(file, 'utf8') + DAMAGE;
  writeFileSync(file, text);
  return text;
}

/** Take DAMAGE off the end again (only if the file still ends with it). */
export function repair(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (text.endsWith(DAMAGE)) writeFileSync(file, text.slice(0, -DAMAGE.length));
}
