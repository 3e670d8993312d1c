// Stands in for Prisma's native `query-engine` binary for prisma-client-py: same CLI, same
// HTTP endpoints, GraphQL-protocol answers, but every query runs on the wasm build of the
// same engine through node-postgres (the native binary cannot be downloaded here).
import { readFileSync } from 'node:fs';
import { parseDatamodel, enableDriverAdapters } from './datamodel.ts';
import { datasourceUrl, pgTarget } from './datasource.ts';
import { startEngine } from './wasm-engine.ts';
import { createBridgeServer } from './server.ts';
import { ENGINE_HASH } from './version.ts';

interface Cli { port: number; host: string }

function parseCli(argv: string[]): Cli {
  const cli: Cli = { port: 4466, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-p' || a === '--port') cli.port = Number(argv[++i]);
    else if (a === '-H' || a === '--host') cli.host = argv[++i]!;
    // prisma-client-py always passes these; metrics are unavailable and raw queries always on.
    else if (a === '--enable-metrics' || a === '--enable-raw-queries' || a === '--enable-playground') continue;
    else throw new Error(`prisma-bridge: unsupported query-engine argument ${a}`);
  }
  if (!Number.isInteger(cli.port)) throw new Error('prisma-bridge: -p needs a port number');
  return cli;
}

// The wasm engine takes one plain level; RUST_LOG may be a full filter directive.
function logLevel(rustLog: string | undefined): string {
  const level = (rustLog ?? 'error').toLowerCase();
  return ['error', 'warn', 'info', 'debug', 'trace'].includes(level) ? level : 'info';
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`query-engine ${ENGINE_HASH}\n`);
    return;
  }
  const cli = parseCli(argv);
  const dmlPath = process.env['PRISMA_DML_PATH'];
  if (!dmlPath) throw new Error('prisma-bridge: PRISMA_DML_PATH is not set');
  const schema = readFileSync(dmlPath, 'utf8');
  const dm = parseDatamodel(schema);

  const handle = await startEngine({
    datamodel: enableDriverAdapters(schema),
    target: pgTarget(datasourceUrl(schema, process.env)),
    logLevel: logLevel(process.env['RUST_LOG']),
    logQueries: !!process.env['LOG_QUERIES'],
    onLog: (line) => process.stderr.write(`${line}\n`),
  });
  const server = createBridgeServer({ engine: handle.engine, dm, traceFile: process.env['PRISMA_BRIDGE_TRACE'] });

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close();
    // prisma-client-py waits for the process after SIGINT; do not let a slow pool hold it.
    setTimeout(() => process.exit(0), 2000).unref();
    void handle.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // If the client is SIGKILLed nobody sends SIGINT; an orphaned bridge would keep its port
  // and Postgres connections, so it leaves once re-parented.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();

  // Listen only once connected: prisma-client-py polls /status and treats an answer as ready.
  server.listen(cli.port, cli.host);
}

// A Rust panic surfaces as a WebAssembly RuntimeError thrown outside any awaited promise;
// the instance is poisoned afterwards, so die loudly and let the client restart us.
process.on('uncaughtException', (err) => {
  process.stderr.write(`prisma-bridge: crashed (a RuntimeError from wasm means the engine panicked): ${err.stack ?? err.message}\n`);
  process.exit(101);
});

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
