// ollm's own settings file (`config.json` in the config dir), validated at the edge.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../errors.ts';

const OllmConfigSchema = z.object({
  proxyUrl: z.string().optional(),
}).passthrough();

export type OllmConfig = z.infer<typeof OllmConfigSchema>;

/** The parsed config file, or `{}` when there is none. */
export async function readOllmConfig(file: string): Promise<OllmConfig> {
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
      code: 'config_invalid', hint: 'Fix the file or remove it; it only holds defaults such as "proxyUrl".',
    });
  }
  const parsed = OllmConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`ollm's config file ${file} is invalid at "${issue?.path.join('.') || '(root)'}": ${issue?.message}.`, {
      code: 'config_invalid', hint: 'Expected an object like {"proxyUrl": "http://localhost:4000"}.',
    });
  }
  return parsed.data;
}
