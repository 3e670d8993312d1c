// The key helper: the entry every assistant's "command for the key" runs (OpenClaw's exec
// provider, Claude Code's apiKeyHelper, Codex's auth command, a shell profile's lookup), and what
// bin/ollm runs for `key get` and `openclaw resolve`; built as its own small CommonJS file
// (dist/key-helper.cjs, see bin/build.mjs). It answers the one line it
// was written for when the key is simply there — reads one entry, prints it — and loads nothing
// else: no command registry, no parser, no context, no HTTP client. Everything else (a missing
// key, a locked or absent keychain, a key in the plain-text store, which is announced, any other
// line) is handed to the full CLI with the same arguments and stdin, so messages and exit codes
// are the CLI's own. A failed read is then tried once more by the CLI; reads change nothing.
import { readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { access } from 'node:fs/promises';
import { resolvePaths } from '../config/paths.ts';
import { resolveProxyUrl } from '../config/proxy-url.ts';
import { DEFAULT_ALIAS, validateAlias } from '../keys/alias.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';
import { accountForSecretRefId } from '../assistants/openclaw/secret-ref.ts';
import { printsExactly } from '../output/terminal-text.ts';
import { helperLine } from './helper-argv.ts';
import { HeldSecrets } from './held-secret.ts';

/** As `ollm openclaw resolve` (commands/openclaw-resolve.ts): larger requests are the CLI's to refuse. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_IDS = 256;

/**
 * The printed key, or null when the CLI should answer. Alias and proxy as the CLI finds them
 * (keys/alias.ts, Ctx.proxy): the flags, else LITELLM_PROXY_URL and the defaults; a value that
 * would come from ollm's config file is the CLI's to read (its validator is not loaded here).
 */
async function keyGet(line: { alias?: string; proxyUrl?: string; quiet: boolean }, secrets: HeldSecrets): Promise<string | null> {
  const needsConfig = line.alias === undefined || (line.proxyUrl === undefined && !process.env.LITELLM_PROXY_URL);
  if (needsConfig && await access(resolvePaths(process.env).configFile).then(() => true, () => false)) return null;
  const alias = line.alias === undefined ? DEFAULT_ALIAS : validateAlias(line.alias);
  const account = keyAccount(alias, resolveProxyUrl(line.proxyUrl, process.env, undefined).base);
  const held = await secrets.find(KEY_SERVICE, account);
  if (!held || (held.fromPlainTextFile && !line.quiet) || !printsExactly(held.secret)) return null;
  return `${held.secret}\n`;
}

/** OpenClaw's exec protocol v1 answer when every id is a plain one and held in the keychain, else null. */
async function resolve(request: string, secrets: HeldSecrets): Promise<string | null> {
  const data = JSON.parse(request) as { protocolVersion?: unknown; ids?: unknown } | null;
  if (!data || data.protocolVersion !== 1 || !Array.isArray(data.ids) || !data.ids.every((id) => typeof id === 'string')) return null;
  const ids = new Set(data.ids as string[]);
  if (ids.size > MAX_IDS) return null;
  const values: Record<string, string> = {};
  for (const id of ids) {
    const account = accountForSecretRefId(id, []);
    const held = account ? await secrets.find(KEY_SERVICE, account) : null;
    if (!held || held.fromPlainTextFile) return null;
    values[id] = held.secret;
  }
  return `${JSON.stringify({ protocolVersion: 1, values })}\n`;
}

/**
 * stdin up to one byte past the limit (the CLI refuses more, and gets what was read back). Read
 * synchronously: OpenClaw's request is a few hundred bytes on a blocking pipe, and a stream costs
 * more to set up than the read. A non-blocking stdin (EAGAIN) is read on as a stream.
 */
async function readStdin(): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  const buffer = Buffer.alloc(64 * 1024);
  try {
    for (let n; (n = readSync(0, buffer, 0, buffer.length, null)) > 0;) {
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      size += n;
      if (size > MAX_REQUEST_BYTES) return chunks;
    }
    return chunks;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EOF') return chunks; // Windows: the end of a pipe
    if (code !== 'EAGAIN') throw error;
  }
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) break;
  }
  return chunks;
}

/** The full CLI: dist/cli-process.js beside this bundle, or src/cli-process.ts when run from source. */
async function runFullCli(argv: string[], stdin?: Readable): Promise<number> {
  const bundled = typeof __filename === 'string' && __filename.endsWith('.cjs');
  const url = bundled ? pathToFileURL(join(dirname(__filename), 'cli-process.js')).href : new URL('../cli-process.ts', import.meta.url).href;
  const { runProcess } = await import(url) as typeof import('../cli-process.ts');
  return runProcess(argv, stdin);
}

async function main(argv: string[]): Promise<number> {
  const line = helperLine(argv);
  if (!line) return runFullCli(argv);
  const secrets = new HeldSecrets(process.env);
  if (line.kind === 'key-get') {
    const out = await keyGet(line, secrets).catch(() => null);
    if (out === null) return runFullCli(argv);
    process.stdout.write(out);
    return 0;
  }
  const chunks = await readStdin();
  const request = Buffer.concat(chunks);
  const out = request.length > MAX_REQUEST_BYTES ? null : await resolve(request.toString('utf8'), secrets).catch(() => null);
  // A request past the limit is already over it in `chunks`: the CLI refuses it as it would.
  if (out === null) return runFullCli(argv, Readable.from(chunks));
  process.stdout.write(out);
  return 0;
}

// A reader that went away is not the helper's error (as in cli-process.ts).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
