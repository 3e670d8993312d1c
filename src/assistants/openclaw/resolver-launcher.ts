// The command OpenClaw runs to resolve the keychain style's SecretRef. OpenClaw only runs an
// absolute path that is no symlink, owned by the user, not group/world-writable, and gives it
// only the variables named in passEnv (no PATH). So ollm writes a tiny launcher of its own,
// with the absolute path of node in its shebang, instead of pointing at an npm shim.
import { ownEntryFile } from '../../io/own-entry.ts';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../io/atomic-write.ts';

export const RESOLVER_ARGS = ['openclaw', 'resolve'];
/** What the resolver needs to reach the keychain (and ollm's own files) from OpenClaw's bare environment. */
export const RESOLVER_PASS_ENV = ['HOME', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'];

export function resolverPath(stateDir: string): string {
  return join(stateDir, 'openclaw-resolver');
}

/** The launcher's text: run the installed ollm with the arguments OpenClaw passes. */
export async function launcherScript(): Promise<string> {
  const ollmEntry = ownEntryFile();
  const node = process.execPath;
  return [
    `#!${node}`,
    '// Written by ollm for OpenClaw\'s exec secret provider (`ollm openclaw resolve`); rewritten by `ollm key create`.',
    `import(${JSON.stringify(pathToFileURL(ollmEntry).href)});`,
    '',
  ].join('\n');
}

/** Write (or refresh) the launcher, mode 0700; returns its path. */
export async function writeResolverLauncher(stateDir: string): Promise<string> {
  const path = resolverPath(stateDir);
  await writeFileAtomic(path, await launcherScript(), { mode: 0o700, dirMode: 0o700 });
  return path;
}
