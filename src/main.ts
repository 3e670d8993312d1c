// Entry point of the bundled CLI. `--version` and the top-level help are answered before anything
// else is loaded: neither needs yargs, and both are asked for often and expected to be instant.
import { VERSION } from './version.ts';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
  const { renderTopHelp } = await import('./help/top-help.ts');
  process.stdout.write(renderTopHelp(process.stdout.columns));
} else {
  const { runCli } = await import('./cli.ts');
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, process.env);
}
