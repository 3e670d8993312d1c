// The command an assistant runs for its key (OpenClaw's exec secret provider, and later any
// assistant's "command for the key"). Such a program is often started with a bare environment
// (no PATH), and OpenClaw runs only an absolute path that is no symlink, owned by the user, not
// group/world-writable. So ollm writes a tiny launcher of its own, with the absolute path of node
// in its shebang and ollm's own entry file inside, instead of pointing at an npm shim or relying
// on a PATH lookup. The assistant passes the arguments (`openclaw resolve`, `key get …`).
// What it runs is the key helper (dist/key-helper.cjs, src/key-helper/main.ts): a small
// CommonJS file that reads the one entry and hands anything else to the full CLI.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ownEntryFile } from './own-entry.ts';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * The installed key helper: dist/key-helper.cjs beside the running ollm's entry (bin/ollm or
 * dist/cli.js); the entry itself otherwise (run from source), which answers the same arguments alike.
 */
export function keyHelperEntry(ollmEntry = ownEntryFile()): string {
  const dir = dirname(ollmEntry);
  const name = basename(ollmEntry);
  const helper = name === 'ollm' ? join(dir, '..', 'dist', 'key-helper.cjs') : name === 'cli.js' ? join(dir, 'key-helper.cjs') : null;
  return helper && existsSync(helper) ? helper : ollmEntry;
}

/** The launcher's text: run the installed ollm with the arguments the assistant passes. `writtenFor` says which, for people reading the file. */
export function launcherScript(writtenFor: string, entry = keyHelperEntry()): string {
  const node = process.execPath;
  // require() where the launcher is CommonJS (the usual case: no package.json says otherwise
  // around it), as the helper is: the ES module loader costs more than the helper's own work.
  const load = entry.endsWith('.cjs')
    ? `typeof require === 'function' ? require(${JSON.stringify(entry)}) : import(${JSON.stringify(pathToFileURL(entry).href)});`
    : `import(${JSON.stringify(pathToFileURL(entry).href)});`;
  return [
    `#!${node}`,
    `// Written by ollm for ${writtenFor}; rewritten by \`ollm key create\`.`,
    load,
    '',
  ].join('\n');
}

/** Write (or refresh) a launcher at `path`, mode 0700 (its directory 0700 too); returns its path. `entry`: what it runs, for the bench. */
export async function writeKeyHelperLauncher(path: string, writtenFor: string, entry?: string): Promise<string> {
  await writeFileAtomic(path, launcherScript(writtenFor, entry), { mode: 0o700, dirMode: 0o700 });
  return path;
}

/**
 * The same pieces as a command line, for an assistant that runs a program with arguments and no
 * shell (Codex's `auth.command` + `auth.args`): absolute node, the key helper, `key get --reveal`
 * for this alias on this proxy (the flag, so the assistant's environment cannot point it elsewhere).
 */
export function keyGetCommand(alias: string, proxyBase: string): { command: string; args: string[] } {
  return { command: process.execPath, args: [keyHelperEntry(), 'key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase] };
}
