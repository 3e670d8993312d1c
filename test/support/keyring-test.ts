// `test` for files whose tests use the file's own Secret Service (test/support/cli.ts
// keychainEnv): node:test's `test`, except that a test under which that gnome-keyring-daemon
// crashed runs once more on a restarted one, and says so in its diagnostics. gnome-keyring 42
// (Debian 12) dies now and then when a client disconnects in the middle of a request (seen twice
// in hundreds of runs; docs/testing.md). A test that fails while the daemon runs fails as always.
import { test as nodeTest, type TestContext } from 'node:test';
import { reviveKeyringIfCrashed } from './cli.ts';

type Body = (t: TestContext) => unknown;

export function guarded(name: string, body: Body): (t: TestContext) => Promise<unknown> {
  return async (t) => {
    // A crash between tests (in a hook, or late in the last test) is mended before this one.
    const earlier = reviveKeyringIfCrashed(`before "${name}"`);
    if (earlier !== null) t.diagnostic(`this file's gnome-keyring-daemon had crashed before this test; it was restarted`);
    try {
      return await body(t);
    } catch (error) {
      const lastWords = reviveKeyringIfCrashed(name);
      if (lastWords === null) throw error;
      t.diagnostic(`this file's gnome-keyring-daemon crashed during this test (${lastWords.replace(/\s+/g, ' ') || 'it said nothing'}); `
        + `it was restarted with the same entries and the test ran again. The first attempt failed: ${(String(error).split('\n')[0] ?? '').slice(0, 300)}`);
      return await body(t);
    }
  };
}

/** node:test's `test(name, options?, body)`, with the crash guard around the body. */
export const test = ((name: string, ...rest: unknown[]) => {
  const at = rest.findIndex((part) => typeof part === 'function');
  if (at >= 0) rest[at] = guarded(name, rest[at] as Body);
  return (nodeTest as (...args: unknown[]) => unknown)(name, ...rest);
}) as typeof nodeTest;
