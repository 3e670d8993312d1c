// Claude Code's `apiKeyHelper`: a shell command that Claude Code runs with /bin/sh and whose
// stdout is the key. ollm writes its key-helper launcher (absolute node + ollm's own entry, never
// a PATH lookup) and a command that runs it with node named by its absolute path too, so a path
// with a space (which a #! line cannot hold) still works. Every word is single-quoted for /bin/sh:
// an alias, proxy URL or path with quotes, `$`, backticks or spaces stays one literal word.
import { join } from 'node:path';
import { writeKeyHelperLauncher } from '../../io/key-helper-launcher.ts';
import { quotePosix } from '../../output/shell-quote.ts';

/** ollm's launcher for Claude Code, in ollm's own state folder. */
export function helperLauncherPath(stateDir: string): string {
  return join(stateDir, 'claude-code-key-helper');
}

export function writeHelperLauncher(stateDir: string): Promise<string> {
  return writeKeyHelperLauncher(helperLauncherPath(stateDir), 'Claude Code\'s apiKeyHelper (`ollm key get --reveal`)');
}

/** The argv the helper runs: node, the launcher, `key get --reveal` for this alias on this proxy. */
export function helperArgv(launcher: string, alias: string, proxyBase: string, node = process.execPath): string[] {
  return [node, launcher, 'key', 'get', '--reveal', '--quiet', '--alias', alias, '--proxy-url', proxyBase];
}

/** The `apiKeyHelper` text: that argv as one /bin/sh command line. */
export function helperCommand(launcher: string, alias: string, proxyBase: string, node = process.execPath): string {
  return helperArgv(launcher, alias, proxyBase, node).map(quotePosix).join(' ');
}

/** Whether an `apiKeyHelper` value is one ollm wrote (its launcher), whoever's alias it names. */
export function isOllmHelper(value: unknown, stateDir: string): boolean {
  return typeof value === 'string' && value.includes(quotePosix(helperLauncherPath(stateDir)));
}
