// Runs a real program under test (an assistant, or ollm around one) the way every harness in
// test/support does: stdin closed (it must never wait on a TTY), output collected, and after the
// deadline its whole process group killed (detached: it is a group of its own), so nothing it
// spawned outlives the test.
import { spawn } from 'node:child_process';

export interface DeadlineRunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The deadline passed and the group was killed. */
  timedOut: boolean;
}

/** `argv` with exactly `env`, in `cwd`; killed (with all it started) after `timeoutMs`, 120 s unless told. */
export function runWithDeadline(argv: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<DeadlineRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
