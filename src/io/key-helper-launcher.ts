// The command an assistant runs for its key (OpenClaw's exec secret provider, and later any
// assistant's "command for the key"). Such a program is often started with a bare environment
// (no PATH), and OpenClaw runs only an absolute path that is no symlink, owned by the user, not
// group/world-writable. So ollm writes a tiny launcher of its own, with the absolute path of node
// in its shebang and ollm's own entry file inside, instead of pointing at an npm shim or relying
// on a PATH lookup. The assistant passes the arguments (`openclaw resolve`, `key get …`).
import { ownEntryFile } from './own-entry.ts';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from './atomic-write.ts';

/** The launcher's text: run the installed ollm with the arguments the assistant passes. `writtenFor` says which, for people reading the file. */
export function launcherScript(writtenFor: string): string {
  const ollmEntry = ownEntryFile();
  const node = process.execPath;
  return [
    `#!${node}`,
    `// Written by ollm for ${writtenFor}; rewritten by \`ollm key create\`.`,
    `import(${JSON.stringify(pathToFileURL(ollmEntry).href)});`,
    '',
  ].join('\n');
}

/** Write (or refresh) a launcher at `path`, mode 0700 (its directory 0700 too); returns its path. */
export async function writeKeyHelperLauncher(path: string, writtenFor: string): Promise<string> {
  await writeFileAtomic(path, launcherScript(writtenFor), { mode: 0o700, dirMode: 0o700 });
  return path;
}

/**
 * The same pieces as a command line, for an assistant that runs a program with arguments and no
 * shell (Codex's `auth.command` + `auth.args`): absolute node, ollm's own entry, `key get --reveal`
 * for this alias on this proxy (the flag, so the assistant's environment cannot point it elsewhere).
 */
export function keyGetCommand(alias: string, proxyBase: string): { command: string; args: string[] } {
  return { command: process.execPath, args: [ownEntryFile(), 'key', 'get', '--reveal', '--alias', alias, '--proxy-url', proxyBase] };
}
