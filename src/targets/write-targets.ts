// Writing a key to each chosen target, recording the ones that worked in the manifest.
import type { ChalkInstance } from 'chalk';
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import type { KeyTarget, KeyToWrite, TargetOutcome } from './target.ts';

/** Write every target (a failure does not stop the others); record the ones that worked so rotate and revoke find them later. */
export async function writeTargets(ctx: Ctx, targets: KeyTarget[], key: KeyToWrite): Promise<{ written: TargetOutcome[]; failures: UserError[] }> {
  const written: TargetOutcome[] = [];
  const failures: UserError[] = [];
  for (const target of targets) {
    try {
      written.push(await target.write(key));
    } catch (error) {
      const failure = error instanceof UserError ? error : new UserError(`Writing the ${target.kind} target failed: ${(error as Error).message}.`, { code: 'target_failed' });
      failures.push(new UserError(`${failure.message} The key is kept in the keychain.`, {
        code: failure.code, hint: failure.hint ?? `Fix it, then write the key again with \`ollm key write --alias ${key.alias} --write ${target.kind}\`.`,
      }));
    }
  }
  const manifest = await ctx.manifest();
  await manifest.record(key.account, written.filter((w) => !w.forget).map((w) => w.record));
  const forgotten = written.filter((w) => w.forget).map((w) => w.record);
  if (forgotten.length) await manifest.forget(key.account, forgotten);
  return { written, failures };
}

/** How `key create` and `key write` report targets: notes and failures for people, fields for --json. */
export function reportTargets(written: TargetOutcome[], failures: UserError[], color: ChalkInstance) {
  return {
    notes: [
      ...written.flatMap((w) => w.notes.map((note) => color.dim(`  · ${note}`))),
      ...failures.map((f) => color.red(`✗ ${f.message}${f.hint ? `\n  ${f.hint}` : ''}`)),
    ],
    json: {
      targets: written.map((w) => ({ ...w.record, notes: w.notes })),
      ...(failures.length ? { target_errors: failures.map((f) => ({ message: f.message, hint: f.hint ?? null, code: f.code })) } : {}),
    },
    exitCode: failures.length ? 1 : 0,
  };
}
