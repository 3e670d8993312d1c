// Entry point of the bundled CLI. `--version` is answered before anything else is loaded.
import { VERSION } from './version.ts';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import('./cli.ts');
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }, process.env);
}
