// Entry point of the bundled CLI. `--version` and help are answered before anything else is
// loaded, and a command loads only its own definition: start-up is most of a CLI's time.
import { VERSION } from './version.ts';

const argv = process.argv.slice(2);
// A reader that went away (`ollm env | head -0`, `| true`) is not an error of ollm's: what it
// would have read is gone either way, so end quietly instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
  const { renderTopHelp } = await import('./help/top-help.ts');
  process.stdout.write(renderTopHelp(process.stdout.columns));
} else if (argv.some((word) => word === '--help' || word === '-h') || argv[0] === 'help') {
  // Every help screen is ollm's own (gh's layout), rendered from the definitions.
  const { helpRequest, renderHelp } = await import('./help/help-request.ts');
  const words = helpRequest(argv);
  if (words) {
    try {
      process.stdout.write(await renderHelp(words, process.stdout.columns));
    } catch (error) {
      const [{ reportError }, { colorFlagIn, colorLevel }] = await Promise.all([import('./run-command.ts'), import('./output/color.ts')]);
      const colored = colorLevel(process.stderr, colorFlagIn(argv), process.env) > 0;
      process.exitCode = reportError({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, argv.includes('--json'), error, false, colored);
    }
  } else {
    await runCommandLine();
  }
} else {
  await runCommandLine();
}

async function runCommandLine(): Promise<void> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const { runCli } = await import('./cli.ts');
  process.exitCode = await runCli(argv, io, process.env);
}
