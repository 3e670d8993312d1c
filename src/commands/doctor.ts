// `ollm doctor`: check the proxy, the keys, the keychain and OpenClaw's config, and say for each
// problem the one command that fixes it. Exit 1 when a check fails; warnings do not fail.
import { ExitCode } from '../errors.ts';
import { resolveAlias } from '../keys/alias.ts';
import { formatDoctorReport } from '../doctor/format.ts';
import { doctorJson } from '../doctor/report.ts';
import { runDoctor } from '../doctor/run.ts';
import { aliasOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { assistantFor } from '../composition/assistants.ts';
import { doctorChecksFor } from '../composition/doctor-checks.ts';
import type { Ctx } from '../context.ts';
import { defineCommand, type CommandResult } from './command.ts';

export default defineCommand({
  command: 'doctor',
  examples: [
    ['ollm doctor', 'check the "openclaw" key end to end: proxy, keychain, OpenClaw config'],
    ['ollm doctor --alias bot --json | jq \'.checks[] | select(.status != "ok")\'', 'the problems, for scripts'],
    ['ollm doctor --quiet || notify-send "ollm doctor found a problem"', 'print only warnings and failures'],
  ],
  args: { alias: aliasOption, for: forOption },
  async handler(args, ctx) {
    return checkKey(ctx, { alias: await resolveAlias(args, ctx), for: args.for });
  },
});

/**
 * `ollm doctor` as a service: every check of one key end to end (with a spinner on a terminal), and the
 * report as the command prints it, exit code 1 when a check fails. Setup calls this; it is the
 * one way into src/doctor/ from outside the command.
 */
export async function checkKey(ctx: Ctx, options: { alias: string; for?: string }): Promise<CommandResult> {
  const assistant = assistantFor(options.for);
  // --master-key-stdin on a terminal prompts: ask before the spinner takes the line (the answer is kept).
  await ctx.optionalMasterKey().catch(() => null);
  const progress = ctx.progress(`Checking "${options.alias}": proxy, keychain, ${assistant.displayName}`);
  let report;
  try {
    report = await runDoctor(ctx, { alias: options.alias, checks: doctorChecksFor(assistant), onProgress: (done, total) => progress.update(`Checking "${options.alias}": ${done}/${total} checks done`) });
  } finally {
    progress.stop();
  }
  const failed = !report.ok;
  return {
    human: formatDoctorReport(report, ctx.color, {
      problemsOnly: ctx.args.quiet,
      assistant: assistant.displayName,
      columns: ctx.io.stdout.isTTY ? (ctx.io.stdout as { columns?: number }).columns ?? 80 : undefined,
    }),
    json: doctorJson(report),
    exitCode: failed ? ExitCode.failure : ExitCode.ok,
    // Under --quiet the problems are what is left to print.
    essential: ctx.args.quiet,
  };
}
