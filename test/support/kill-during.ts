// SIGKILL an ollm command while the fake proxy holds one of its requests: the crash points of
// the kill matrices (key-rotate.test.ts has the original, for rotation).
import { spawn } from 'node:child_process';
import { OLLM } from './cli.ts';
import type { World } from './fixture.ts';
import type { Hold } from './litellm-server.ts';

/** Run `args`, wait until the proxy holds the chosen request, then SIGKILL the CLI. False if it finished first. */
export async function killDuring(world: World, args: string[], hold: Hold, env = world.env(), onStdout?: (text: string) => void): Promise<boolean> {
  world.server.hold(hold);
  // A command that finishes before the hold may print what it made (--reveal): hand it over.
  const child = spawn(process.execPath, [OLLM, ...args], { env, stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'ignore'] });
  let stdout = '';
  child.stdout?.on('data', (chunk) => { stdout += chunk; });
  if (onStdout) child.on('close', () => onStdout(stdout));
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  let done = false;
  void closed.then(() => { done = true; });
  const seen = () => world.server.requests.filter((r) => r.path === hold.path && (!hold.method || r.method === hold.method)).length;
  const before = seen();
  const deadline = Date.now() + 20_000;
  while (seen() === before && !done) {
    if (Date.now() > deadline) throw new Error(`ollm ${args.join(' ')} never reached ${hold.method} ${hold.path}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  if (done) return false;
  await new Promise((r) => setTimeout(r, 50)); // 'after' holds apply their effect first
  child.kill('SIGKILL');
  await closed;
  return true;
}
