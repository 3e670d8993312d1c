// ollm's own settings file (`config.json` in the config dir), validated at the edge with the
// same rules as the flags each setting stands in for.
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import * as z from '../zod.ts';
import { showValue, type Setting, type SettingValue } from './setting.ts';

/** ollm's own settings by their keys in config.json, and each assistant's (`style`), read as their settings say. */
export interface OllmConfig {
  proxyUrl?: string;
  alias?: string;
  targets?: string[];
  readonly [key: string]: unknown;
}

/** A setting's own check (the flag's validator) inside zod: the file and the flag obey one rule with one message. */
function checkedBy(setting: Setting) {
  return z.superRefine((value: SettingValue, ctx) => {
    try {
      setting.parse(showValue(value), 'the config file');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/\.$/, '') });
    }
  });
}

/** A list comes back as its setting parses it (normalised); a string as it was written. */
function valueSchema(setting: Setting) {
  if (!setting.list) return z.optional(z.string().check(checkedBy(setting)));
  return z.optional(z.pipe(
    z.array(z.string()).check(checkedBy(setting)),
    z.transform((v) => setting.parse(v.join(','), 'the config file')),
  ));
}

function configSchema(settings: readonly Setting[]) {
  return z.looseObject(Object.fromEntries(settings.map((s) => [s.key, valueSchema(s)])));
}

/** The file as it is, keys ollm does not know included; `{}` when there is none. Only its shape is checked. */
export async function readConfigDocument(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserError(`Cannot read ollm's config file ${file}: ${(error as Error).message}.`, {
      code: 'config_unreadable', hint: 'Fix its permissions or remove it.', cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`ollm's config file ${file} is not valid JSON: ${(error as Error).message}.`, {
      code: 'config_invalid', hint: 'Fix the file or remove it; it only holds defaults such as "proxyUrl" (see `ollm config list`).',
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(`ollm's config file ${file} does not hold a JSON object.`, {
      code: 'config_invalid', hint: 'Expected an object like {"proxyUrl": "http://localhost:4000", "alias": "openclaw"}; fix or remove the file.',
    });
  }
  return data as Record<string, unknown>;
}

/** The parsed and validated config file, or `{}` when there is none. */
export async function readOllmConfig(file: string, settings: readonly Setting[]): Promise<OllmConfig> {
  const parsed = configSchema(settings).safeParse(await readConfigDocument(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.join('.') || '(root)';
    throw new UserError(`ollm's config file ${file} is invalid at "${at}": ${issue?.message}.`, {
      code: 'config_invalid',
      hint: `Set it again with \`ollm config set ${nameOf(at)} <value>\`, remove it with \`ollm config set ${nameOf(at)} --unset\`, or edit the file.`,
    });
  }
  return parsed.data as OllmConfig;

  /** The user-facing name of a key in the file (`proxyUrl` → `proxy-url`). */
  function nameOf(key: string): string {
    return settings.find((s) => s.key === key.split('.')[0])?.name ?? '<name>';
  }
}

/** Replace the file atomically (0600; a new config dir is 0700). */
export async function writeConfigDocument(file: string, document: Record<string, unknown>): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}
