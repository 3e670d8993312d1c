// The commands the doctor suggests, spelled once: real ollm flags, shell-safe paths, and the
// LiteLLM calls for what ollm has no command for (unblock, a new budget or expiry).
import { shellWord } from '../output/shell-quote.ts';

export class Fixes {
  /** `--alias <name>` when the alias is not the one a bare command would pick. */
  private readonly aliasFlag: string;

  constructor(readonly alias: string, implicitAlias: string, private readonly proxyBase: string) {
    this.aliasFlag = alias === implicitAlias ? '' : ` --alias ${alias}`;
  }

  /** `ollm <command> [--alias a] [flags…]` */
  ollm(command: string, ...flags: string[]): string {
    return [`ollm ${command}${this.aliasFlag}`, ...flags].join(' ');
  }

  /** A POST to the proxy with the master key from the environment (the hash identifies the key; no secret is in it). */
  proxyCall(path: 'key/update' | 'key/unblock', body: string): string {
    return `curl -sS -X POST ${shellWord(`${this.proxyBase}/${path}`)} -H "Authorization: Bearer $LITELLM_MASTER_KEY" -H 'Content-Type: application/json' -d '${body}'`;
  }
}

/** `chmod 600 a b && chmod 700 c` for the files and directories that are too open. */
export function chmodFix(entries: Array<{ path: string; want: number }>): string {
  const byMode = new Map<number, string[]>();
  for (const entry of entries) byMode.set(entry.want, [...(byMode.get(entry.want) ?? []), shellWord(entry.path)]);
  return [...byMode].map(([mode, paths]) => `chmod ${mode.toString(8)} ${paths.join(' ')}`).join(' && ');
}
