// How a write hands the key to pi: the style (flag > what was written for this key before >
// helper, or file when the key is kept in ollm's file store) and pi's models.json for these
// flags. pi's target kind and its write policy both read it here, so they never disagree.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import type { TargetFlags, WritePolicy } from '../../targets/kind.ts';
import type { TargetRecord } from '../../targets/record.ts';
import type { PiFlagValues } from './flags.ts';
import { resolvePiPaths, type PiPaths } from './paths.ts';
import { isPiRecord } from './record.ts';
import { DEFAULT_PI_STYLE, parsePiStyle, type PiStyle } from './styles.ts';

export interface PiWrite {
  style: PiStyle;
  paths: PiPaths;
}

export function piWrite(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): PiWrite {
  const own = flags as PiFlagValues;
  const previous = recorded.find(isPiRecord);
  // A key kept in ollm's plain-text file store is in a file anyway: then pi gets it in its own file.
  const fallback: PiStyle = flags.store === 'file' ? 'file' : DEFAULT_PI_STYLE;
  const style = own.piStyle !== undefined ? parsePiStyle(own.piStyle) : previous?.style ?? fallback;
  const modelsFile = own.piModels ? resolve(own.piModels) : previous?.file;
  return { style, paths: resolvePiPaths(modelsFile, ctx.env) };
}

export function piWritePolicy(ctx: Ctx, flags: TargetFlags, recorded: readonly TargetRecord[]): Promise<WritePolicy> {
  const write = piWrite(ctx, flags, recorded);
  return Promise.resolve({
    displayName: 'pi',
    // pi reads no variable for its litellm provider; `exec`/`env` and the profile use the usual one.
    variable: 'LITELLM_API_KEY',
    keyOutOfFiles: write.style === 'helper',
    helperStyle: 'pi\'s helper style',
    keyOutOfFilesBy: (flags as PiFlagValues).piStyle !== undefined ? '--pi-style helper' : 'pi\'s helper style (the default)',
    own: write,
  });
}
