// Runs the whole suite: starts one private Secret Service for the keychain tests, then Node's
// test runner over every test file. In CI a missing Secret Service is a failure, not a skip.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { secretServiceUnavailableReason, startSecretService, type SecretService } from './support/secret-service.ts';

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
let secretService: SecretService | undefined;
const reason = secretServiceUnavailableReason();
if (reason) {
  if (process.env.CI) {
    console.error(`keychain tests cannot run: ${reason}`);
    process.exit(1);
  }
  env.OLLM_TEST_KEYCHAIN_UNAVAILABLE = reason;
  console.error(`note: keychain tests will be reported as skipped: ${reason}`);
} else {
  secretService = await startSecretService();
  env.OLLM_TEST_DBUS_SESSION_BUS_ADDRESS = secretService.env.DBUS_SESSION_BUS_ADDRESS;
}

// A test (or test file) that hangs fails after 15 minutes with its name, instead of stalling CI.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=900000', ...files], {
  cwd: root, env, stdio: 'inherit',
});
const code: number = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
secretService?.stop();
process.exit(code);
