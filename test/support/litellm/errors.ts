// Replies and the three error shapes the fake LiteLLM answers with: ProxyException envelopes,
// management handlers' Python-dict messages, and FastAPI's 422 validation detail.
import { pyErrorDict } from './python.ts';

export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A server-sent-events answer: each string is written as one already-framed chunk. */
export interface SseReply {
  status: number;
  sse: string[];
  headers?: Record<string, string>;
}

export type Reply = JsonReply | SseReply;

/** Thrown by handlers; the dispatcher turns it into the reply it carries. */
export class ApiError extends Error {
  constructor(readonly reply: JsonReply) {
    super(`LiteLLM fake answered ${reply.status}`);
  }
}

/**
 * LiteLLM's ProxyException: {"error": {message, type, param, code}} with code a string.
 * `param` defaults to the string "None", which is what LiteLLM sends when it has none
 * (getattr(e, "param", "None")); budget errors pass a real None, i.e. JSON null.
 */
export function proxyError(status: number, message: string, type: string, param: string | null = 'None'): ApiError {
  return new ApiError({ status, body: { error: { message, type, param, code: String(status) } } });
}

/**
 * An HTTPException(detail={"error": ...}) raised by a management handler and passed through
 * handle_exception_on_proxy(): the message is the dict's Python repr and the type is
 * internal_server_error whatever the status.
 */
export function dictError(status: number, message: string, type = 'internal_server_error'): ApiError {
  return proxyError(status, pyErrorDict(message), type);
}

export interface ValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** FastAPI's RequestValidationError answer. */
export function validationError(details: ValidationDetail[]): ApiError {
  return new ApiError({ status: 422, body: { detail: details } });
}

/** FastAPI's answer when the request body is not JSON at all. */
export function jsonInvalid(position: number): ApiError {
  return validationError([
    { type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } },
  ]);
}

export const notFoundReply: JsonReply = { status: 404, body: { detail: 'Not Found' } };
export const methodNotAllowedReply: JsonReply = { status: 405, body: { detail: 'Method Not Allowed' } };
