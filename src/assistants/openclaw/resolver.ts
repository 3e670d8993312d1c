// OpenClaw's exec secret provider for the keychain style: the launcher it runs (the shared key-helper
// launcher, in OpenClaw's state directory), the arguments, and the variables it passes through.
import { join } from 'node:path';
import { writeKeyHelperLauncher } from '../../io/key-helper-launcher.ts';

export const RESOLVER_ARGS = ['openclaw', 'resolve'];
/** What the resolver needs to reach the keychain (and ollm's own files) from OpenClaw's bare environment. */
export const RESOLVER_PASS_ENV = ['HOME', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'];

export function resolverPath(stateDir: string): string {
  return join(stateDir, 'openclaw-resolver');
}

/** Write (or refresh) the launcher; returns its path. */
export function writeResolverLauncher(stateDir: string): Promise<string> {
  return writeKeyHelperLauncher(resolverPath(stateDir), 'OpenClaw\'s exec secret provider (`ollm openclaw resolve`)');
}
