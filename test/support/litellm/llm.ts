// The fake LiteLLM's model-facing routes: OpenAI chat completions, Anthropic messages (both with
// streaming) and the model list, with LiteLLM's model-access and budget checks and spend logging.
import { randomBytes, randomUUID } from 'node:crypto';
import type { RouteContext, ServerState } from './context.ts';
import { proxyError, type JsonReply, type Reply } from './errors.ts';
import { pyErrorDict, pyFloat, pyStrList } from './python.ts';
import { budgetExceededStatus } from './quirks.ts';
import { buildSpendLog, type KeyRecord } from './store.ts';

const REPLY_TEXT = 'hi';
const COMPLETION_TOKENS = 1;
/** LiteLLM reports this fixed timestamp as every model's `created`. */
const MODEL_CREATED = 1677610602;
/** Model entries that grant a key every model on the proxy. */
const ALL_MODELS = ['*', 'all-proxy-models'];

type CallType = 'acompletion' | 'anthropic_messages';
type Body = Record<string, unknown>;

interface AdmittedCall {
  body: Body;
  model: string;
  promptTokens: number;
  cost: number;
}

export function chatCompletions(ctx: RouteContext, state: ServerState): Reply {
  const call = charge(ctx, state, 'acompletion', admit(ctx, state, 'acompletion'));
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(state.now().getTime() / 1000);
  const usage = { completion_tokens: COMPLETION_TOKENS, prompt_tokens: call.promptTokens, total_tokens: call.promptTokens + COMPLETION_TOKENS };
  const headers = costHeaders(id, call.cost);
  if (call.body['stream'] === true) {
    const chunk = (choices: unknown[], extra: Body = {}) =>
      sseData({ id, object: 'chat.completion.chunk', created, model: call.model, system_fingerprint: null, choices, ...extra });
    const includeUsage = (call.body['stream_options'] as Body | undefined)?.['include_usage'] === true;
    return {
      status: 200,
      headers,
      sse: [
        chunk([{ index: 0, delta: { role: 'assistant', content: REPLY_TEXT }, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
        ...(includeUsage ? [chunk([], { usage })] : []),
        'data: [DONE]\n\n',
      ],
    };
  }
  return {
    status: 200,
    headers,
    body: {
      id,
      object: 'chat.completion',
      created,
      model: call.model,
      system_fingerprint: null,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: REPLY_TEXT, tool_calls: null, function_call: null } }],
      usage,
    },
  };
}

export function anthropicMessages(ctx: RouteContext, state: ServerState): Reply {
  const call = charge(ctx, state, 'anthropic_messages', admit(ctx, state, 'anthropic_messages'));
  const id = `msg_${randomBytes(12).toString('hex')}`;
  const headers = costHeaders(id, call.cost);
  const message = { id, type: 'message', role: 'assistant', model: call.model, stop_sequence: null };
  if (call.body['stream'] === true) {
    const event = (type: string, data: Body) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    return {
      status: 200,
      headers,
      sse: [
        event('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: call.promptTokens, output_tokens: 0 } } }),
        event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: REPLY_TEXT } }),
        event('content_block_stop', { index: 0 }),
        event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: COMPLETION_TOKENS } }),
        event('message_stop', {}),
      ],
    };
  }
  return {
    status: 200,
    headers,
    body: {
      ...message,
      content: [{ type: 'text', text: REPLY_TEXT }],
      stop_reason: 'end_turn',
      usage: { input_tokens: call.promptTokens, output_tokens: COMPLETION_TOKENS },
    },
  };
}

/** GET /v1/models and /models: the proxy's models, narrowed to what the key may call. */
export function listModels(ctx: RouteContext, state: ServerState): JsonReply {
  rejectOverBudget(ctx.caller.admin ? null : ctx.caller.record, state);
  const allowed = ctx.caller.admin ? [] : ctx.caller.record.models;
  const visible = grantsAll(allowed) ? state.models : state.models.filter((m) => allowed.includes(m));
  return {
    status: 200,
    body: { data: visible.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'openai' })), object: 'list' },
  };
}

function grantsAll(models: string[]): boolean {
  return models.length === 0 || models.some((m) => ALL_MODELS.includes(m));
}

/** virtual_key_max_budget_check: runs in auth, so /v1/models refuses an over-budget key too. */
function rejectOverBudget(record: KeyRecord | null, state: ServerState): void {
  if (record && record.max_budget !== null && record.spend >= record.max_budget) {
    throw proxyError(
      budgetExceededStatus(state),
      `Budget has been exceeded! Current cost: ${pyFloat(record.spend)}, Max budget: ${pyFloat(record.max_budget)}`,
      'budget_exceeded',
      null,
    );
  }
}

/** LiteLLM's checks before a model call, in its order: model access, budget, then routing. */
function admit(ctx: RouteContext, state: ServerState, callType: CallType): { body: Body; model: string } {
  const body: Body = ctx.json !== null && typeof ctx.json === 'object' && !Array.isArray(ctx.json) ? (ctx.json as Body) : {};
  const model = typeof body['model'] === 'string' ? body['model'] : null;
  const record = ctx.caller.admin ? null : ctx.caller.record;
  if (record && model !== null && !grantsAll(record.models) && !record.models.includes(model)) {
    throw proxyError(
      401,
      `key not allowed to access model. This key can only access models=${pyStrList(record.models)}. Tried to access ${model}`,
      'key_model_access_denied',
      'model',
    );
  }
  rejectOverBudget(record, state);
  if (model === null || !state.models.includes(model)) {
    const message = `${callType}: Invalid model name passed in model=${model ?? 'None'}. Call \`/v1/models\` to view available models for your key.`;
    throw proxyError(400, pyErrorDict(message), 'None');
  }
  return { body, model };
}

/** Charge an admitted call to the caller's key and write its spend-log row. */
function charge(ctx: RouteContext, state: ServerState, callType: CallType, admitted: { body: Body; model: string }): AdmittedCall {
  const promptTokens = estimateTokens(admitted.body);
  const cost = state.costPerRequest;
  const record = ctx.caller.admin ? null : ctx.caller.record;
  if (record) record.spend += cost;
  state.store.addLog(
    buildSpendLog(
      {
        call_type: callType,
        api_key: ctx.caller.token ?? '',
        spend: cost,
        prompt_tokens: promptTokens,
        completion_tokens: COMPLETION_TOKENS,
        model: admitted.model,
        user: record?.user_id ?? '',
        team_id: record?.team_id ?? null,
        metadata: { user_api_key_alias: record?.key_alias ?? null, user_api_key_user_id: record?.user_id ?? null },
      },
      state.now(),
    ),
  );
  return { ...admitted, promptTokens, cost };
}

/** A rough token count (4 characters a token) over the prompt text, at least 1. */
function estimateTokens(body: Body): number {
  const texts: string[] = [];
  const collect = (content: unknown) => {
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) content.forEach((part) => collect((part as Body | null)?.['text']));
  };
  collect(body['system']);
  if (Array.isArray(body['messages'])) body['messages'].forEach((m) => collect((m as Body | null)?.['content']));
  return Math.max(1, Math.ceil(texts.join('').length / 4));
}

function sseData(payload: Body): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function costHeaders(callId: string, cost: number): Record<string, string> {
  return { 'x-litellm-call-id': callId, 'x-litellm-response-cost': pyFloat(cost), 'x-litellm-version': '1.84.0' };
}
