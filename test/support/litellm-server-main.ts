// Runs the fake LiteLLM proxy on its own (demos, manual testing of the built CLI): prints one JSON
// line {"url","masterKey"} on stdout and serves until SIGTERM or SIGINT.
// Env: FAKE_LITELLM_PORT (default 0 = random), FAKE_LITELLM_MASTER_KEY (default sk-master-demo),
// FAKE_LITELLM_ENTERPRISE=1 to allow /key/regenerate.
import { startFakeLiteLLM } from './litellm-server.ts';

const port = Number(process.env['FAKE_LITELLM_PORT'] || '0');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`FAKE_LITELLM_PORT must be a port number, got ${process.env['FAKE_LITELLM_PORT']}`);
  process.exit(2);
}

const fake = await startFakeLiteLLM({
  port,
  masterKey: process.env['FAKE_LITELLM_MASTER_KEY'] || 'sk-master-demo',
  enterprise: process.env['FAKE_LITELLM_ENTERPRISE'] === '1',
});
process.stdout.write(`${JSON.stringify({ url: fake.url, masterKey: fake.masterKey })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
