// Entry point of the bundled CLI: the process's streams and exit code around runMain (cli-process.ts).
import { runProcess } from './cli-process.ts';

process.exitCode = await runProcess(process.argv.slice(2));
