// SIGKILL an ollm command while the fake proxy holds one of its requests: the crash points of
// the kill matrices. The fake settles `held` once the request is held (for an 'after' hold, once
// its effect is applied), so nothing here waits on the clock.
import { spawn, type ChildProcess } from 'node:child_process';
import { OLLM } from './cli.ts';
import type { World } from './fixture.ts';
import type { Hold } from './litellm-server.ts';

/** Run `args`, wait until the proxy holds the chosen request, then SIGKILL the CLI. False if it finished first. */
export async function killDuring(world: World, args: string[], hold: Hold, env = world.env(), onStdout?: (text: string) => void): Promise<boolean> {
  // A kill needs a process, and what it left must be in the keychain the world reads.
  if (!world.sharesKeychain) throw new Error('killDuring needs the real keychain: openWorld({ realKeychain: true }) (or spawned)');
  const { held } = world.server.hold(hold);
  // A command that finishes before the hold may print what it made (--reveal): hand it over.
  const child = spawn(process.execPath, [OLLM, ...args], { env, stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'ignore'] });
  let stdout = '';
  child.stdout?.on('data', (chunk) => { stdout += chunk; });
  if (onStdout) child.on('close', () => onStdout(stdout));
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  const reached = await Promise.race([held.then(() => true), closed.then(() => false)]);
  if (!reached) {
    world.server.cancelHolds(); // not reached: it must not catch a later command's request
    return false;
  }
  child.kill('SIGKILL');
  await closed;
  return true;
}

/**
 * Every remote step of a rotation, before and after the proxy applies it, for both methods: where
 * a kill matrix SIGKILLs ollm. `enterprise`: the proxy has /key/regenerate (the regenerate method).
 */
export const ROTATION_KILL_POINTS: ReadonlyArray<{ name: string; enterprise: boolean; hold: Hold }> = (['before', 'after'] as const).flatMap((when) => [
  { name: `re-create: renaming the old key (${when})`, enterprise: false, hold: { method: 'POST', path: '/key/update', when } },
  { name: `re-create: creating the new key (${when})`, enterprise: false, hold: { method: 'POST', path: '/key/generate', when } },
  { name: `re-create: deleting the old key (${when})`, enterprise: false, hold: { method: 'POST', path: '/key/delete', when } },
  { name: `regenerate: swapping the secret (${when})`, enterprise: true, hold: { method: 'POST', path: '/key/regenerate', when } },
]);

/**
 * Start ollm and wait until `reached` settles (the proxy holds its request, or applied it). An ollm
 * that ends first never gets there: fail with what it said, instead of waiting for the file's
 * timeout. Returns the still-running process and a promise of its end.
 */
export async function startUntil(reached: Promise<unknown>, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; closed: Promise<void> }> {
  const child = spawn(process.execPath, [OLLM, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const first = await Promise.race([reached.then(() => 'reached'), closed.then(() => 'ended')]);
  if (first !== 'reached') throw new Error(`ollm ${args.join(' ')} ended before the request it was to be killed at: ${stderr.trim()}`);
  return { child, closed };
}
