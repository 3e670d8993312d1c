// One command line, as the binary answers it: `--version` and help before any command is loaded,
// else the command. main.ts calls it with the process's streams; tests call it with buffers.
import type { Io } from './context.ts';
import type { Services } from './services.ts';
import { VERSION } from './version.ts';

/** Runs `argv` and resolves to the exit code; writes only to `io`. */
export async function runMain(argv: string[], io: Io, env: NodeJS.ProcessEnv, services?: Services): Promise<number> {
  const columns = (io.stdout as { columns?: number }).columns;
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
    const { renderTopHelp } = await import('./help/top-help.ts');
    io.stdout.write(renderTopHelp(columns));
    return 0;
  }
  if (argv.some((word) => word === '--help' || word === '-h') || argv[0] === 'help') {
    // Every help screen is ollm's own (gh's layout), rendered from the definitions.
    const { helpRequest, renderHelp } = await import('./help/help-request.ts');
    const words = helpRequest(argv);
    if (words) {
      try {
        io.stdout.write(await renderHelp(words, columns));
        return 0;
      } catch (error) {
        const [{ reportError }, { colorFlagIn, colorLevel }] = await Promise.all([import('./command-output.ts'), import('./output/color.ts')]);
        const colored = colorLevel(io.stderr, colorFlagIn(argv), env) > 0;
        return reportError(io, argv.includes('--json'), error, false, colored);
      }
    }
  }
  const { runCli } = await import('./cli.ts');
  return runCli(argv, io, env, services);
}
