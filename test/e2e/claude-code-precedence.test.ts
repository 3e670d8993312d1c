// Which key the real Claude Code sends when several sources hold one: what `ollm doctor --for
// claude-code` relies on (src/assistants/claude-code/doctor/run-checks.ts). A small Anthropic-style
// server records the headers of every /v1/messages request and answers each with one short message.
// Only the program is needed here: no proxy, no keychain (the helper is `echo`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeSkip, runClaude } from '../support/claude-code.ts';

const skip = await claudeCodeSkip();

interface Seen { authorization?: string; apiKey?: string }

function sse(res: import('node:http').ServerResponse): void {
  const events: Array<[string, unknown]> = [
    ['message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(''));
}

describe('the real Claude Code: which key it sends', { skip }, () => {
  let server: Server;
  let url: string;
  let seen: Seen[] = [];
  let home: string;
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        if (!req.url?.startsWith('/v1/messages')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        seen.push({ authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] as string | undefined });
        let stream = true;
        try { stream = (JSON.parse(body) as { stream?: boolean }).stream !== false; } catch { /* keep streaming */ }
        if (stream) sse(res);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    home = mkdtempSync(join(tmpdir(), 'ollm-cc-precedence-'));
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  /** One `claude -p` turn with these user settings, shell variables and project folder; the headers of its turns. */
  async function turn(settings: Record<string, unknown>, env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Seen[]> {
    mkdirSync(join(home, '.claude'), { recursive: true });
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify(settings));
    seen = [];
    const run = await runClaude(['-p', 'Reply with hi', '--model', 'claude-sonnet-4-6'], { home, env, cwd, timeoutMs: 90_000 });
    assert.equal(run.code, 0, `claude -p failed:\n${run.stdout}\n${run.stderr}`);
    assert.ok(seen.length > 0, 'Claude Code reached the server');
    return seen;
  }
  const helperSettings = () => ({ apiKeyHelper: 'echo sk-from-the-helper', env: { ANTHROPIC_BASE_URL: url } });

  test('apiKeyHelper alone: its output as Authorization: Bearer and as x-api-key', async () => {
    for (const s of await turn(helperSettings())) {
      assert.equal(s.authorization, 'Bearer sk-from-the-helper');
      assert.equal(s.apiKey, 'sk-from-the-helper');
    }
  });

  test('a shell ANTHROPIC_AUTH_TOKEN wins over apiKeyHelper (the Bearer a proxy reads first)', async () => {
    const turns = await turn(helperSettings(), { ANTHROPIC_AUTH_TOKEN: 'sk-from-the-shell' });
    assert.ok(turns.every((s) => s.authorization === 'Bearer sk-from-the-shell'), JSON.stringify(turns));
  });

  test('a shell ANTHROPIC_API_KEY goes out as x-api-key, beside the helper\'s Bearer', async () => {
    const turns = await turn(helperSettings(), { ANTHROPIC_API_KEY: 'sk-api-key-from-the-shell' });
    assert.ok(turns.every((s) => s.authorization === 'Bearer sk-from-the-helper' && s.apiKey === 'sk-api-key-from-the-shell'), JSON.stringify(turns));
  });

  test('a settings file\'s env beats the shell, and the project\'s local settings beat the user\'s', async () => {
    const user = { ...helperSettings(), env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: 'sk-user-settings' } };
    let turns = await turn(user, { ANTHROPIC_AUTH_TOKEN: 'sk-from-the-shell' });
    assert.ok(turns.every((s) => s.authorization === 'Bearer sk-user-settings'), JSON.stringify(turns));
    const project = join(home, 'project');
    mkdirSync(join(project, '.claude'), { recursive: true });
    writeFileSync(join(project, '.claude', 'settings.local.json'), JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-project-local' } }));
    turns = await turn(user, {}, project);
    assert.ok(turns.every((s) => s.authorization === 'Bearer sk-project-local'), JSON.stringify(turns));
  });
});
