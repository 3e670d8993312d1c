// Ctx: everything a command handler touches from the outside world, each piece built lazily
// and at most once, so a command pays only for what it uses. It only wires: the services it
// builds on (HTTP, keychain, prompts, clock) are handed in (services.ts), the real ones by default,
// and so are the tables the composition assembles (settings, target kinds, assistants: `wiring`).
// Build one with src/composition/ctx.ts, which fills the wiring.
import { access } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import { UserError } from './errors.ts';
import { resolvePaths, type OllmPaths } from './config/paths.ts';
import { isLoopbackHost, resolveProxyUrl, type ProxyUrl } from './config/proxy-url.ts';
import type { LiteLLMClient } from './litellm/client.ts';
import { findMasterKey, type MasterKey } from './keys/master-key.ts';
import type { KeyVault } from './secrets/key-vault.ts';
import { MASTER_SERVICE } from './secrets/store.ts';
import { loginKind } from './keys/login-record.ts';
import type { OllmConfig } from './config/ollm-config.ts';
import { SETTINGS_SLOT } from './config/settings-slot.ts';
import type { TargetManifest } from './targets/manifest.ts';
import { RECORD_SCHEMA } from './targets/record.ts';
import { Wiring, type Slot } from './wiring.ts';
import { startProgress, type Progress } from './output/progress.ts';
import { terminalText } from './output/terminal-text.ts';
import { colorFor } from './output/color.ts';
import { defaultServices, type Prompts, type Services } from './services.ts';

/** Flags every command accepts. */
export interface GlobalArgs {
  json: boolean;
  proxyUrl?: string;
  timeout: number;
  debug: boolean;
  color?: boolean;
  masterKeyStdin: boolean;
  allowInsecureHttp: boolean;
  /** Nothing but errors and the data a command exists to print. */
  quiet: boolean;
}

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };
}

export type { MasterKey } from './keys/master-key.ts';


export class Ctx {
  readonly paths: OllmPaths;
  /** For what goes to stdout. */
  readonly color: ChalkInstance;
  /** For what goes to stderr (warnings, progress, prompts): coloured by stderr's own terminal. */
  readonly stderrColor: ChalkInstance;
  readonly now: () => Date;
  /** Wait (services.sleep): instant in tests. */
  readonly sleep: (ms: number) => Promise<void>;
  /** How to ask the person (or read a pipe): services.prompts. */
  readonly prompts: Prompts;
  private configPromise?: Promise<OllmConfig>;
  private proxyPromise?: Promise<ProxyUrl>;
  private clientPromise?: Promise<LiteLLMClient>;
  private vaultPromise?: Promise<KeyVault>;
  private masterPromise?: Promise<MasterKey | null>;
  private manifestPromise?: Promise<TargetManifest>;
  private progressShown = false;

  constructor(
    readonly args: GlobalArgs,
    readonly io: Io,
    readonly env: NodeJS.ProcessEnv,
    readonly services: Services = defaultServices(),
    /** The composition's tables (src/composition/ctx.ts fills it); read them with `wired`. */
    private readonly wiring: Wiring = new Wiring(),
  ) {
    this.paths = resolvePaths(env);
    this.now = services.now;
    this.sleep = services.sleep;
    this.prompts = services.prompts;
    this.color = colorFor(io.stdout, args.color, env);
    this.stderrColor = colorFor(io.stderr, args.color, env);
  }

  /** A line on stderr for people (never on stdout, which scripts parse). */
  warn(message: string): void {
    if (this.args.quiet) return;
    // A spinner may be on this line: start a clean one (the spinner redraws below on its next frame).
    const clear = this.progressShown && this.io.stderr.isTTY ? '\r\u001b[K' : '';
    this.io.stderr.write(`${clear}${terminalText(this.stderrColor.yellow(message))}\n`);
  }

  debug(line: string): void {
    if (this.args.debug) this.io.stderr.write(`${terminalText(this.stderrColor.dim(`debug: ${line}`))}\n`);
  }

  /** A spinner (or a bar of `total` steps) on a watched stderr; silent on a pipe, with --json or --quiet. */
  progress(label: string, total?: number): Progress {
    const enabled = !this.args.quiet && !this.args.json;
    this.progressShown ||= enabled && Boolean(this.io.stderr.isTTY);
    return startProgress(this.io.stderr, label, { enabled, color: this.stderrColor, total });
  }

  get isInteractive(): boolean {
    return Boolean(this.io.stdin.isTTY && this.io.stderr.isTTY);
  }

  /** A table the composition handed down (the target kinds, the assistants, …), loaded once. */
  wired<T>(slot: Slot<T>): Promise<T> {
    return this.wiring.get(slot);
  }

  config(): Promise<OllmConfig> {
    // Most machines have no config file: find that out without loading the validator (zod).
    this.configPromise ??= access(this.paths.configFile).then(
      async () => {
        const [m, settings] = await Promise.all([import('./config/ollm-config.ts'), this.wired(SETTINGS_SLOT)]);
        return m.readOllmConfig(this.paths.configFile, settings);
      },
      () => ({}),
    );
    return this.configPromise;
  }

  proxy(): Promise<ProxyUrl> {
    this.proxyPromise ??= (async () => {
      // The config file is read only when neither the flag nor the env var decides.
      const needsConfig = this.args.proxyUrl === undefined && !this.env.LITELLM_PROXY_URL;
      const configValue = needsConfig ? (await this.config()).proxyUrl : undefined;
      return resolveProxyUrl(this.args.proxyUrl, this.env, configValue);
    })();
    return this.proxyPromise;
  }

  /**
   * From now on talk to this proxy, as if --proxy-url had named it: setup learns the proxy from
   * its first question and then runs the services of `key create`, `doctor`, … in this one Ctx.
   * The client and the master key are per proxy, so they are looked up again.
   */
  useProxy(proxy: ProxyUrl): void {
    this.proxyPromise = Promise.resolve({ ...proxy, kind: 'flag' });
    this.clientPromise = undefined;
    this.masterPromise = undefined;
  }

  /** ollm's config file was written in this run (`config set`): read it again when next asked. */
  configChanged(): void {
    this.configPromise = undefined;
  }

  litellm(): Promise<LiteLLMClient> {
    this.clientPromise ??= (async () => {
      const [{ LiteLLMClient }, proxy] = await Promise.all([import('./litellm/client.ts'), this.proxy()]);
      return new LiteLLMClient({
        baseUrl: proxy.base, timeoutMs: this.args.timeout * 1000, debug: (line) => this.debug(line), fetch: this.services.fetch,
      });
    })();
    return this.clientPromise;
  }

  vault(): Promise<KeyVault> {
    this.vaultPromise ??= (async () => {
      const [{ KeyVault }, { STORES }] = await Promise.all([import('./secrets/key-vault.ts'), import('./secrets/stores.ts')]);
      const factories = new Map(await Promise.all(STORES.map(async (s) => [s.name, await s.load()] as const)));
      return new KeyVault((name) => factories.get(name)!({ paths: this.paths, env: this.env, keychain: this.services.keychain }), (m) => this.warn(m));
    })();
    return this.vaultPromise;
  }

  /** ollm's record of where each key was written. */
  manifest(): Promise<TargetManifest> {
    this.manifestPromise ??= Promise.all([import('./targets/manifest.ts'), this.wired(RECORD_SCHEMA)])
      .then(([m, schema]) => new m.TargetManifest(this.paths.manifestFile, schema));
    return this.manifestPromise;
  }

  /**
   * The proxy's master key, by the one rule of keys/master-key.ts: `LITELLM_MASTER_KEY` >
   * `--master-key-stdin` > the entry saved by `ollm login`. Fails when there is none.
   */
  async masterKey(): Promise<MasterKey> {
    const proxy = await this.proxy();
    const master = await this.findMasterKey();
    if (!master) {
      throw new UserError('This command needs a credential that can manage keys (the LiteLLM master key, or your user key), and none was given.', {
        code: 'master_key_missing',
        hint: 'Set LITELLM_MASTER_KEY (master key) or LITELLM_PROXY_API_KEY (your user key), pipe it in with --master-key-stdin, or save it once with `ollm login` (either).',
      });
    }
    this.refuseInsecureTransport(proxy);
    return master;
  }

  /** The master key if one is at hand, without failing when there is none. */
  async optionalMasterKey(): Promise<MasterKey | null> {
    try {
      return await this.masterKey();
    } catch (error) {
      if (error instanceof UserError && error.code === 'master_key_missing') return null;
      throw error;
    }
  }

  /**
   * The master key by that rule, or null. A key found is kept for the run (stdin is read once);
   * none found is looked for again next time, so one `ollm login` in between (setup) is seen.
   */
  async findMasterKey(): Promise<MasterKey | null> {
    this.masterPromise ??= this.proxy().then((proxy) => findMasterKey({
      env: this.env,
      fromStdin: this.args.masterKeyStdin,
      // On a terminal the key would be echoed as it is typed: ask without echo instead.
      readStdin: () => (this.io.stdin.isTTY
        ? this.prompts.hidden(`LiteLLM master key for ${proxy.base}: `, this.io.stdin, this.io.stderr)
        : this.prompts.firstLine(this.io.stdin)),
      saved: async () => {
        const found = await (await this.vault()).find(MASTER_SERVICE, proxy.base);
        return found && { secret: found.secret, storeDescription: found.store.description, kind: await loginKind(this.paths.stateDir, proxy.base) };
      },
      identify: async (secret) => {
        this.refuseInsecureTransport(proxy);
        const [{ identify }, client] = await Promise.all([import('./litellm/identify.ts'), this.litellm()]);
        return (await identify(client, secret)).kind;
      },
    }));
    const master = await this.masterPromise;
    if (!master) this.masterPromise = undefined;
    return master;
  }

  /** The master key must not cross a network in clear text unless the user says so. */
  refuseInsecureTransport(proxy: ProxyUrl): void {
    if (proxy.url.protocol === 'http:' && !isLoopbackHost(proxy.url.hostname) && !this.args.allowInsecureHttp) {
      throw new UserError(`Refusing to send the master key over plain http to ${proxy.base}: anyone on the network could read it.`, {
        code: 'insecure_transport', hint: 'Use https://, or pass --allow-insecure-http if this network is trusted.',
      });
    }
  }
}
