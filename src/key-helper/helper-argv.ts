// The command lines the key helper answers itself: what ollm's launchers write for the assistants
// (key-helper-launcher.ts, claude-code/helper-command.ts, profile-kind.ts) and `ollm key get
// --reveal` typed with fewer of those flags, nothing else. Any other line — another flag, `--alias=x`, a value that looks like a flag, a word twice —
// is left to the full CLI, whose parser gives the usual answer or message.

export type HelperLine =
  | { kind: 'key-get'; alias?: string; proxyUrl?: string; quiet: boolean }
  | { kind: 'openclaw-resolve' };

export function helperLine(argv: readonly string[]): HelperLine | null {
  if (argv.length === 2 && argv[0] === 'openclaw' && argv[1] === 'resolve') return { kind: 'openclaw-resolve' };
  if (argv[0] !== 'key' || argv[1] !== 'get') return null;
  let reveal = false;
  let quiet = false;
  const values: { alias?: string; proxyUrl?: string } = {};
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--reveal' && !reveal) reveal = true;
    else if (word === '--quiet' && !quiet) quiet = true;
    else if ((word === '--alias' || word === '--proxy-url') && i + 1 < argv.length) {
      const name = word === '--alias' ? 'alias' : 'proxyUrl';
      const value = argv[++i]!;
      if (values[name] !== undefined || value.startsWith('-')) return null;
      values[name] = value;
    } else return null;
  }
  if (!reveal) return null;
  return { kind: 'key-get', ...values, quiet };
}
