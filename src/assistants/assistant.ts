// What an assistant adapter offers ollm: the whole plug-in, in no assistant's terms. One folder
// per assistant (src/assistants/<name>/) exports one of these, and one line in
// src/composition/assistants.ts lists it; every command, the doctor, rotation and revoke read it
// from there (docs/architecture.md, "How to add an assistant").
import type { Ctx } from '../context.ts';
import type { Setting } from '../config/setting.ts';
import type { DoctorCheckSpec, DoctorContext } from '../doctor/check.ts';
import type { ModeSubject } from '../doctor/mode-subject.ts';
import type { Credential } from '../litellm/client.ts';
import type { Options } from '../parse/options.ts';
import type { TargetFlags, TargetKind, WritePolicy } from '../targets/kind.ts';
import type { TargetRecord } from '../targets/record.ts';
import type { CommandResult } from '../commands/command.ts';
import type { HeldKey } from '../keys/held-key.ts';
import { slot } from '../wiring.ts';

export interface Assistant {
  /** `--for <name>`, and the alias its key gets when none is given: `openclaw`. */
  readonly name: string;
  /** For people: `OpenClaw`. */
  readonly displayName: string;
  /** Its flags on `key create` and `key write` (spread there; parser, help and completion read them). */
  readonly flags: Readonly<Record<string, Options>>;
  /** Its settings of `ollm config` (listed after ollm's alias, before targets). */
  readonly settings: readonly Setting[];
  /** Its target kinds, in the order `--write` lists them (before the assistant-independent ones). */
  readonly targetKinds: readonly TargetKind<any>[];
  /** Where `--write` puts its key when neither the flag, the key's records nor `ollm config set targets` choose. */
  readonly defaultTargets: readonly string[];
  /** Which variable the key goes in, and whether it stays out of files, for these flags and what was written before. */
  writePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy>;
  /** Its flags' own checks, locally (before the proxy is asked for anything); throws UsageError. */
  checkFlags?(flags: TargetFlags): void;
  /** Its flags' checks against the proxy (a default model the key may not use), before the key is made or written. */
  checkWithProxy?(ctx: Ctx, flags: TargetFlags, credential: Credential, keyModels?: readonly string[]): Promise<void>;
  /** Its claim on the one key its config holds (absent: any number of keys may be written for it). */
  readonly claim?: KeyClaim;
  /** What `exec` and `env` hand over. */
  readonly handOver: HandOver;
  /**
   * How long a rotated-out key must keep working for a running program to move to the new one by
   * itself (Claude Code: twice its apiKeyHelper TTL; OpenCode: until it restarts), as a duration
   * (`10m`), and why, for people; `key rotate` uses the longest of the key's assistants when no
   * `--grace` is given. Absent: the old key may go at once.
   */
  rotationGrace?(env: NodeJS.ProcessEnv): { readonly duration: string; readonly why: string };
  /** `models sync`: fill its model list from what the proxy offers the key. */
  readonly models?: ModelSync;
  readonly doctorChecks: {
    /** Its configuration, reported after the key's own checks. */
    readonly config: readonly DoctorCheckSpec[];
    /** How it gets the key at run time, reported last. */
    readonly runtime: readonly DoctorCheckSpec[];
  };
  /** Its files and directories that hold keys (the doctor wants files 0600, directories 0700). */
  privateFiles(d: DoctorContext): Promise<ModeSubject[]>;
  /** Whether it is installed on this machine (its config file, or its program on PATH); null when not. */
  detect(env: NodeJS.ProcessEnv): Promise<Installation | null>;
  /**
   * The default model of each of its configs that ollm wrote this key to, when it goes through the
   * proxy with this key: `key update --models` must keep them. Absent: it has no default model.
   */
  defaultModels?(ctx: Ctx, account: string): Promise<DefaultModelUse[]>;
  /** What `ollm setup` asks about it once its key goes to one of its own places (OpenClaw: its style); absent: nothing. */
  readonly setupQuestion?: SetupQuestion;
}

/** A default model an assistant's config sends through the proxy with one key. */
export interface DefaultModelUse {
  /** As its config names it: "litellm/gpt-4o". */
  named: string;
  /** The model id on the proxy: "gpt-4o". */
  model: string;
  /** The config file, and the target kind ollm wrote there (`--write <kind>` writes it again). */
  file: string;
  kind: string;
}

/** One question `ollm setup` asks for an assistant, standing for its flags of `key create` / `key write`. */
export interface SetupQuestion {
  /** The question with its choices: `How OpenClaw gets the key (litellm, anthropic, keychain): `. */
  readonly text: string;
  /** The answer offered (Enter keeps it), and the one a script's equivalent command uses: its setting, else its default. */
  initial(ctx: Ctx): Promise<string>;
  /** Why an answer is refused (the same rule as the flag it stands for), or null when it is good. */
  validate(answer: string): string | null;
  /** The flag values the answer stands for, by their camelCase names: `{ openclawStyle: 'litellm' }`. */
  flags(answer: string): Record<string, string>;
}

export interface Installation {
  /** Its config file, when it exists. */
  config?: string;
  /** Its program, found on PATH. */
  program?: string;
}

/** A place of the assistant's own that another alias's key was written to, and is replaced now. */
export interface Replaced {
  account: string;
  alias: string;
  record: TargetRecord;
}

/**
 * The assistant's config holds one key for the proxy, so several keys on one machine must not
 * take turns in it: only its own alias goes there by default, and another alias's key there is
 * replaced only when asked.
 */
export interface KeyClaim {
  /** Its own kinds: a key written to one of them is the key the assistant uses. */
  readonly kinds: readonly string[];
  /** The alias it uses (what a bare `key create --for <it>` makes). */
  alias(ctx: Ctx): Promise<string>;
  /** `--write` for a new key: as given; for its own alias the default; for another alias the default without its places. */
  defaultWrite(ctx: Ctx, alias: string, write: string[] | undefined): Promise<{ write: string[] | undefined; leftOut: boolean }>;
  /** The other aliases whose key these flags would replace in its config; asks on a terminal, else refuses without --replace. */
  claim(ctx: Ctx, options: { account: string; alias: string; write: string[] | undefined; recorded: readonly TargetRecord[]; flags: TargetFlags; replace: boolean }): Promise<Replaced[]>;
  /** After the write: the replaced aliases no longer own that place, so their rotation leaves it alone. */
  release(ctx: Ctx, replaced: Replaced[]): Promise<void>;
}

/** What `exec` and `env` give a program: the key in these variables. */
export interface HandOver {
  /** The flags `exec` and `env` take for it (`--style`). */
  readonly flags: Readonly<Record<string, Options>>;
  /**
   * The variables for this key and these flags; `values`: other variables it needs, no secret
   * (Claude Code's ANTHROPIC_BASE_URL); `needsKeychain`: a note when the program asks ollm
   * for the key itself (so `exec` must let it reach the keychain), else null.
   */
  variables(ctx: Ctx, account: string, flags: object): Promise<{ names: string[]; needsKeychain: string | null; values?: Record<string, string> }>;
}

/** `ollm models sync` for one assistant. */
export interface ModelSync {
  /** The flags `models sync` takes for it (`--openclaw-config`). */
  readonly flags: Readonly<Record<string, Options>>;
  /** Fill the assistant's model list for the held key; the command's result. */
  sync(ctx: Ctx, options: { alias: string; held: HeldKey; prune: boolean; dryRun: boolean; flags: object }): Promise<CommandResult>;
}

/** Every assistant, in the order of the list (src/composition/assistants.ts); the first is the default. */
export const ASSISTANTS_SLOT = slot<readonly Assistant[]>('assistants');
