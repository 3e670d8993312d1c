// The flags every command accepts: one list for the parser (parse/parse-line.ts) and for the
// help screens (top-help.ts, command-help.ts).
import type { Options } from '../parse/options.ts';

export const globalOptions = {
  json: { type: 'boolean', alias: 'j', default: false, describe: 'Print one JSON document on stdout (errors too)' },
  'proxy-url': { type: 'string', describe: 'LiteLLM proxy URL [env LITELLM_PROXY_URL, default http://localhost:4000]' },
  'master-key-stdin': { type: 'boolean', default: false, describe: 'Read the master key from the first line of stdin' },
  timeout: { type: 'number', default: 30, describe: 'Seconds to wait for the proxy' },
  'allow-insecure-http': { type: 'boolean', default: false, describe: 'Allow sending the master key over plain http to a non-local host' },
  color: { type: 'boolean', describe: 'Colour output (--no-color to disable; NO_COLOR is honoured)' },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only errors and the data a command exists to print (no progress, warnings or summaries)' },
  debug: { type: 'boolean', default: false, describe: 'Log requests (never secrets) and show stacks of unexpected errors' },
} as const satisfies Record<string, Options>;

/** The line under `ollm <command>` in help. */
export const TAGLINE = 'Give each AI assistant (OpenClaw, Claude Code, Codex, pi, OpenCode) its own LiteLLM virtual key, kept in the OS keychain.';

/** Examples at the end of `ollm --help`. */
export const TOP_EXAMPLES: Array<[string, string]> = [
  ['LITELLM_MASTER_KEY=sk-master ollm key create --budget 50 --monthly', 'a $50/month key for OpenClaw, kept in the keychain'],
  ['ollm key info', 'spend, budget and next reset of that key'],
];
