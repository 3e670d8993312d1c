// The `profile` target: a marked block in the file the user's login shell reads.
import { readTextOrEmpty } from '../io/read-optional.ts';
import { basename, join } from 'node:path';
import { assertProfileEditable, saveProfileEdit } from './profile-file.ts';
import { upsertBlock, type ShellKind } from './profile-block.ts';
import { assertWritableFile } from '../io/writable.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from './target.ts';
import { existsSync } from 'node:fs';

export interface ProfileChoice {
  file: string;
  shell: ShellKind;
}

/**
 * The file for `$SHELL`. Login shells matter: OpenClaw's shell-env import runs a login shell, and
 * desktop sessions source the login files. bash reads ~/.bash_profile (if present) instead of
 * ~/.profile, and never ~/.bashrc in a non-interactive login shell; zsh reads ~/.zshenv always.
 */
export function chooseProfile(env: NodeJS.ProcessEnv, home: string, override?: string): ProfileChoice {
  const shellName = basename(env.SHELL ?? '');
  const shell: ShellKind = shellName === 'fish' || override?.endsWith('.fish') ? 'fish' : 'posix';
  if (override) return { file: override, shell };
  if (shellName === 'fish') return { file: join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fish', 'conf.d', 'ollm.fish'), shell };
  if (shellName === 'zsh') return { file: join(env.ZDOTDIR || home, '.zshenv'), shell };
  if (shellName === 'bash' && existsSync(join(home, '.bash_profile'))) return { file: join(home, '.bash_profile'), shell };
  return { file: join(home, '.profile'), shell };
}

export class ProfileTarget implements KeyTarget {
  readonly kind = 'profile' as const;

  constructor(
    private readonly choice: ProfileChoice,
    private readonly variable: string,
    private readonly mode: 'literal' | 'lookup',
    /** For lookup mode: the command that prints the key (`ollm key get --reveal …`). */
    private readonly lookupCommand: (key: KeyToWrite) => string[],
  ) {}

  async prepare(): Promise<void> {
    await assertWritableFile(this.choice.file, 'the shell profile');
    assertProfileEditable(this.choice.file, await readTextOrEmpty(this.choice.file));
  }

  async write(key: KeyToWrite): Promise<TargetOutcome> {
    const text = await readTextOrEmpty(this.choice.file);
    const value = this.mode === 'literal'
      ? { kind: 'literal' as const, key: key.secret }
      : { kind: 'command' as const, argv: this.lookupCommand(key) };
    await saveProfileEdit(this.choice.file, text, (t) => upsertBlock(t, { account: key.account, variable: this.variable, shell: this.choice.shell, value }));
    return {
      record: { kind: 'profile', file: this.choice.file, shell: this.choice.shell, mode: this.mode, variable: this.variable },
      description: `shell profile ${this.choice.file} (${this.mode === 'literal' ? this.variable : `${this.variable} looked up from the keychain`})`,
      notes: [`open a new login shell (or \`source ${this.choice.file}\`) to pick it up`],
    };
  }
}
