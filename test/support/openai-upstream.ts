// A small OpenAI-compatible model server on 127.0.0.1 for a real LiteLLM deployment to call
// (`api_base`), where LiteLLM's own `mock_response` cannot serve: LiteLLM 1.108.7 fails a
// STREAMING /v1/responses on a mock_response model ("Error processing stream start"), and Codex
// always streams. It answers /v1/responses and /v1/chat/completions, streamed (SSE) or not, with
// one fixed sentence and token counts, so LiteLLM prices the turn and books the spend on the key.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface UpstreamRequest {
  path: string;
  stream: boolean;
  model: string;
}

export interface OpenAIUpstream {
  /** `http://127.0.0.1:<port>/v1`: what LiteLLM's `api_base` is set to. */
  apiBase: string;
  requests: UpstreamRequest[];
  close(): Promise<void>;
}

const USAGE = { input_tokens: 1200, output_tokens: 12 };

export async function startOpenAIUpstream(answer: string): Promise<OpenAIUpstream> {
  const requests: UpstreamRequest[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>; } catch { /* not JSON */ }
      const path = new URL(req.url ?? '/', 'http://upstream').pathname;
      const stream = body.stream === true;
      const model = typeof body.model === 'string' ? body.model : 'unknown';
      requests.push({ path, stream, model });
      const id = `${Date.now()}-${++seq}`;
      if (path.endsWith('/responses')) return responses(res, id, model, stream, answer);
      if (path.endsWith('/chat/completions')) return chat(res, id, model, stream, answer);
      if (path.endsWith('/models')) return sendJson(res, 200, { object: 'list', data: [{ id: model, object: 'model' }] });
      sendJson(res, 404, { error: { message: `no ${path} here` } });
    });
  });
  server.on('connection', (socket: Socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sse(res: ServerResponse, events: Array<{ event?: string; data: unknown }>, done: boolean): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`);
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

/** The Responses API: the object, or its event stream (created → text deltas → completed). */
function responses(res: ServerResponse, id: string, model: string, stream: boolean, answer: string): void {
  const message = { id: `msg_${id}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: answer, annotations: [] }] };
  const usage = { ...USAGE, total_tokens: USAGE.input_tokens + USAGE.output_tokens, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
  const base = { id: `resp_${id}`, object: 'response', created_at: Math.floor(Date.now() / 1000), model, output: [] as unknown[], status: 'in_progress', usage: null as unknown };
  if (!stream) return sendJson(res, 200, { ...base, status: 'completed', output: [message], usage });
  let n = 0;
  const event = (type: string, data: Record<string, unknown>) => ({ event: type, data: { type, sequence_number: n++, ...data } });
  const inProgress = { ...message, status: 'in_progress', content: [] };
  sse(res, [
    event('response.created', { response: base }),
    event('response.in_progress', { response: base }),
    event('response.output_item.added', { output_index: 0, item: inProgress }),
    event('response.content_part.added', { item_id: message.id, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
    event('response.output_text.delta', { item_id: message.id, output_index: 0, content_index: 0, delta: answer }),
    event('response.output_text.done', { item_id: message.id, output_index: 0, content_index: 0, text: answer }),
    event('response.content_part.done', { item_id: message.id, output_index: 0, content_index: 0, part: message.content[0] }),
    event('response.output_item.done', { output_index: 0, item: message }),
    event('response.completed', { response: { ...base, status: 'completed', output: [message], usage } }),
  ], false);
}

/** Chat Completions: the object, or its chunks (role, the text, finish with usage), then [DONE]. */
function chat(res: ServerResponse, id: string, model: string, stream: boolean, answer: string): void {
  const usage = { prompt_tokens: USAGE.input_tokens, completion_tokens: USAGE.output_tokens, total_tokens: USAGE.input_tokens + USAGE.output_tokens };
  const head = { id: `chatcmpl-${id}`, object: stream ? 'chat.completion.chunk' : 'chat.completion', created: Math.floor(Date.now() / 1000), model };
  if (!stream) return sendJson(res, 200, { ...head, choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }], usage });
  sse(res, [
    { data: { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
    { data: { ...head, choices: [{ index: 0, delta: { content: answer }, finish_reason: null }] } },
    { data: { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage } },
  ], true);
}

