// The flags every command accepts, as yargs options: one list for the parser (cli.ts) and for the
// top-level help that is rendered without loading yargs (top-help.ts).
import type { Options } from 'yargs';

export const globalOptions = {
  json: { type: 'boolean', alias: 'j', default: false, describe: 'Print one JSON document on stdout (errors too)', global: true },
  'proxy-url': { type: 'string', describe: 'LiteLLM proxy URL [env LITELLM_PROXY_URL, default http://localhost:4000]', global: true },
  'master-key-stdin': { type: 'boolean', default: false, describe: 'Read the master key from the first line of stdin', global: true },
  timeout: { type: 'number', default: 30, describe: 'Seconds to wait for the proxy', global: true },
  'allow-insecure-http': { type: 'boolean', default: false, describe: 'Allow sending the master key over plain http to a non-local host', global: true },
  color: { type: 'boolean', describe: 'Colour output (--no-color to disable; NO_COLOR is honoured)', global: true },
  quiet: { type: 'boolean', alias: 'q', default: false, describe: 'Print only errors and the data a command exists to print (no progress, warnings or summaries)', global: true },
  debug: { type: 'boolean', default: false, describe: 'Log requests (never secrets) and show stacks of unexpected errors', global: true },
} as const satisfies Record<string, Options>;

/** The line under `ollm <command>` in help. */
export const TAGLINE = 'Give OpenClaw its own LiteLLM virtual key, kept in the OS keychain.';

/** Examples at the end of `ollm --help`. */
export const TOP_EXAMPLES: Array<[string, string]> = [
  ['LITELLM_MASTER_KEY=sk-master ollm key create --budget 50 --monthly', 'a $50/month key for OpenClaw, kept in the keychain'],
  ['ollm key info', 'spend, budget and next reset of that key'],
];
