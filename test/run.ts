// Runs the whole suite: Node's test runner over every test file. Each file that uses the OS
// keychain starts its own private Secret Service (test/support/cli.ts keychainEnv); this runner
// only checks that one can be started, and stops any a killed file left behind.
// In CI a missing Secret Service is a failure, not a skip.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { secretServiceUnavailableReason } from './support/secret-service.ts';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2);

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'support' ? [] : findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = findTests(join(root, 'test'))
  .map((file) => relative(root, file))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();

const env: NodeJS.ProcessEnv = { ...process.env };
// Set by hand, it shows what a machine without a Secret Service runs (and skips).
const reason = process.env.OLLM_TEST_KEYCHAIN_UNAVAILABLE || secretServiceUnavailableReason();
if (reason) {
  if (process.env.CI) {
    console.error(`keychain tests cannot run: ${reason}`);
    process.exit(1);
  }
  env.OLLM_TEST_KEYCHAIN_UNAVAILABLE = reason;
  console.error(`note: keychain tests will be reported as skipped: ${reason}`);
}
const daemons = mkdtempSync(join(tmpdir(), 'ollm-test-daemons-'));
env.OLLM_TEST_DAEMONS_DIR = daemons;

// A test that hangs fails after 15 minutes with its name, instead of stalling CI; a test file
// that stays alive after its last test fails within seconds, naming what keeps it alive.
const guard = ['--import', join(root, 'test/support/exit-guard.ts')];
// Node's own reporter as it would choose it (spec on a terminal, else TAP, whose closing lines CI
// reads), plus one that collects the skip reasons for the last line.
const skipsDir = mkdtempSync(join(tmpdir(), 'ollm-skips-'));
const skipsFile = join(skipsDir, 'summary');
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'test/support/skip-summary-reporter.mjs')}`, `--test-reporter-destination=${skipsFile}`,
];
const child = spawn(process.execPath, ['--import', 'tsx', ...guard, '--test', ...reporters, '--test-concurrency=2', '--test-timeout=900000', ...files], {
  cwd: root, env, stdio: 'inherit',
});
const code: number = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
reportKeyringCrashes(daemons);
stopLeftDaemons(daemons);
try {
  console.log(readFileSync(skipsFile, 'utf8').trim());
} catch {
  console.log('skipped: unknown (the skip summary was not written)');
}
rmSync(skipsDir, { recursive: true, force: true });
process.exit(code);

/** The gnome-keyring crashes the files met and mended (test/support/keyring-test.ts), one line each. */
function reportKeyringCrashes(dir: string): void {
  const crashes = readdirSync(dir).filter((name) => name.startsWith('crash-'));
  if (crashes.length === 0) return;
  console.log(`gnome-keyring-daemon crashed ${crashes.length} time(s); each file restarted its own and ran the test it hit again:`);
  for (const name of crashes) console.log(`  ${readFileSync(join(dir, name), 'utf8').trim()}`);
}

/** Stop the keyrings and buses of files that could not stop their own (killed by a timeout). */
function stopLeftDaemons(dir: string): void {
  for (const name of readdirSync(dir).filter((file) => !file.startsWith('crash-'))) {
    for (const pid of readFileSync(join(dir, name), 'utf8').trim().split(' ').map(Number)) {
      try { process.kill(pid, 'SIGCONT'); process.kill(pid); } catch { /* already gone */ }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
