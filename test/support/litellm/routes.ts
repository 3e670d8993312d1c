// The fake LiteLLM's route table and dispatcher: FastAPI-style matching (404/405), JSON body
// parsing (422 on bad JSON), authentication, then the handler. Handlers apply their effect and
// return the reply instead of writing it, so the HTTP layer can still withhold it (holds).
import { authenticate, type Caller, type RouteKind } from './auth.ts';
import type { RouteContext, ServerState } from './context.ts';
import { ApiError, jsonInvalid, methodNotAllowedReply, notFoundReply, proxyError, type Reply } from './errors.ts';
import { listKeys } from './key-list.ts';
import { deleteKeys, generateKey, keyInfo, regenerateKey, setBlocked, updateKey } from './keys.ts';
import { anthropicMessages, chatCompletions, listModels } from './llm.ts';
import { configFieldInfo, noDatabaseAnswer, plainKeyError, readiness, userInfo } from './quirks.ts';
import { spendLogs } from './spend.ts';
import { deleteUsers, listUsers, newUser, teamInfo } from './people.ts';

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  kind: RouteKind | 'public';
  adminOnly?: boolean;
  /** /key/generate: the admin, a user whose role makes keys, a service-account key its team allows. */
  makesKeys?: boolean;
  /** strict: a pydantic body, bad JSON is a 422 before auth. lenient: LiteLLM reads it as {} instead. */
  body?: 'strict' | 'lenient';
  handle: (ctx: RouteContext, state: ServerState) => Reply;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/health\/(?:liveliness|liveness)$/, kind: 'public', handle: () => ({ status: 200, body: "I'm alive!" }) },
  {
    method: 'GET',
    pattern: /^\/health\/readiness$/,
    kind: 'public',
    handle: (_ctx, state) => readiness(state),
  },
  { method: 'GET', pattern: /^\/(?:v1\/)?models$/, kind: 'models', handle: listModels },
  { method: 'POST', pattern: /^\/(?:v1\/)?chat\/completions$/, kind: 'llm', body: 'lenient', handle: chatCompletions },
  { method: 'POST', pattern: /^\/v1\/messages$/, kind: 'llm', body: 'lenient', handle: anthropicMessages },
  { method: 'POST', pattern: /^\/key\/generate$/, kind: 'management', makesKeys: true, body: 'strict', handle: generateKey },
  { method: 'GET', pattern: /^\/key\/info$/, kind: 'management', handle: keyInfo },
  { method: 'GET', pattern: /^\/key\/list$/, kind: 'management', handle: listKeys },
  { method: 'POST', pattern: /^\/key\/update$/, kind: 'management', body: 'strict', handle: updateKey },
  { method: 'POST', pattern: /^\/key\/delete$/, kind: 'management', body: 'strict', handle: deleteKeys },
  { method: 'POST', pattern: /^\/key\/regenerate$/, kind: 'management', body: 'strict', handle: regenerateKey },
  { method: 'POST', pattern: /^\/key\/(.+)\/regenerate$/, kind: 'management', body: 'strict', handle: regenerateKey },
  { method: 'POST', pattern: /^\/key\/block$/, kind: 'management', adminOnly: true, body: 'strict', handle: setBlocked(true) },
  { method: 'POST', pattern: /^\/key\/unblock$/, kind: 'management', adminOnly: true, body: 'strict', handle: setBlocked(false) },
  { method: 'GET', pattern: /^\/user\/info$/, kind: 'management', handle: userInfo },
  { method: 'POST', pattern: /^\/user\/new$/, kind: 'management', adminOnly: true, body: 'strict', handle: newUser },
  { method: 'GET', pattern: /^\/user\/list$/, kind: 'management', adminOnly: true, handle: listUsers },
  { method: 'POST', pattern: /^\/user\/delete$/, kind: 'management', adminOnly: true, body: 'strict', handle: deleteUsers },
  { method: 'GET', pattern: /^\/team\/info$/, kind: 'management', handle: teamInfo },
  { method: 'GET', pattern: /^\/spend\/logs$/, kind: 'management', adminOnly: true, handle: spendLogs },
  { method: 'GET', pattern: /^\/config\/field\/info$/, kind: 'management', adminOnly: true, handle: configFieldInfo },
];

/** Health routes need no caller; they get this placeholder. */
const NOBODY: Caller = { admin: true, userId: null, token: null };

export interface IncomingCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** The body as text; undefined when empty. */
  text: string | undefined;
}

export function dispatch(call: IncomingCall, state: ServerState): Reply {
  const found = findRoute(call.method, call.path);
  if ('reply' in found) return found.reply;
  const { route, params } = found;
  try {
    const json = parseBody(call, route.body);
    const caller = route.kind === 'public' ? NOBODY : authenticate(state, call.headers, { path: call.path, kind: route.kind, adminOnly: route.adminOnly ?? false, makesKeys: route.makesKeys ?? false });
    if (state.quirks.noDatabase && route.kind === 'management') {
      const refusal = noDatabaseAnswer(call.path);
      if (refusal) throw refusal;
    }
    return route.handle({ method: call.method, path: call.path, params, query: call.query, json, caller }, state);
  } catch (error) {
    if (error instanceof ApiError) return plainKeyError(call.path, error.reply, state);
    // A bug in the fake itself: answer like an unhandled LiteLLM exception, but say what broke.
    return proxyError(500, `fake LiteLLM crashed: ${error instanceof Error ? error.stack : String(error)}`, 'internal_server_error').reply;
  }
}

function findRoute(method: string, path: string): { route: Route; params: string[] } | { reply: Reply } {
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    return { route, params: match.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return { reply: pathKnown ? methodNotAllowedReply : notFoundReply };
}

/**
 * FastAPI decodes JSON only for a JSON content type (or none); any other body reaches the model
 * as a string and fails validation there. LiteLLM's LLM routes parse leniently and fall back to {}.
 */
function parseBody(call: IncomingCall, mode: Route['body']): unknown {
  if (call.text === undefined || mode === undefined) return undefined;
  const contentType = call.headers['content-type'];
  if (mode === 'strict' && contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) return call.text;
  try {
    return JSON.parse(call.text);
  } catch (error) {
    if (mode === 'lenient') return {};
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw jsonInvalid(Number(position ?? 0));
  }
}
