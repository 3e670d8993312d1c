// A `fetch` over node:http / node:https for ky. ollm makes one or two requests per run, and
// Node's built-in fetch (undici) spends more on its first request than the request itself takes
// (it compiles its WebAssembly HTTP parser then); node:http answers at the cost of the request.
//
// Only what ollm relies on is implemented, and nothing is relaxed: redirects are never followed
// (a 3xx comes back as the response, so a key never travels to where a Location points), the
// request's AbortSignal cancels the request or the body being read, a connection cut mid-body
// fails the body, and https keeps Node's certificate checks.
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { VERSION } from '../version.ts';
import { UserError } from '../errors.ts';

/**
 * The most ollm reads of one answer. The largest real ones are a /key/list page of 100 full key
 * records (a few hundred KB) and /v1/models of a proxy with 100,000 models (about 10 MB); an
 * answer that never ends must not take the machine's memory (one did: 8.7 GB).
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Statuses whose Response must not have a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** fetch(input, init) as ky calls it, answered with node:http(s). */
export async function nodeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && (init === undefined || Object.keys(init).length === 0) ? input : new Request(input, init);
  if (request.redirect === 'follow') {
    // Following would need the credential rules of the fetch spec; ollm never wants it.
    throw new TypeError('nodeFetch does not follow redirects: pass redirect "manual" (or "error")');
  }
  const signal = request.signal;
  signal.throwIfAborted();
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`nodeFetch cannot fetch ${url.protocol} URLs`);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const headers: Record<string, string> = { 'user-agent': `ollm/${VERSION}` };
  for (const [name, value] of request.headers) headers[name] = value;
  if (body) headers['content-length'] = String(body.length);

  const transport = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const options: RequestOptions = { method: request.method, headers };

  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    let onAbort = () => {};
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // fetch's own shape, which errorFromNetwork reads: TypeError('fetch failed', { cause }).
      reject(new TypeError('fetch failed', { cause: error }));
    };
    const outgoing: ClientRequest = transport.request(url, options, (incoming) => {
      if (settled) {
        incoming.destroy();
        return;
      }
      settled = true;
      try {
        const response = toResponse(incoming, request, signal, url);
        if (response.status >= 300 && response.status < 400 && request.redirect === 'error') {
          incoming.destroy();
          reject(new TypeError('fetch failed', { cause: new Error(`redirect (HTTP ${response.status}) with redirect mode "error"`) }));
          return;
        }
        resolve(response);
      } catch (error) {
        incoming.destroy();
        reject(error);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    });
    onAbort = () => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Errors after the answer arrived belong to the body stream; this listener keeps them from crashing.
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/** A web Response whose body streams from the socket, honouring the signal while it is read. */
function toResponse(incoming: IncomingMessage, request: Request, signal: AbortSignal, url: URL): Response {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const hasBody = request.method !== 'HEAD' && !NULL_BODY_STATUSES.has(status);
  if (!hasBody) incoming.resume();
  const init: ResponseInit = { status, statusText: incoming.statusMessage ?? '', headers };
  return new Response(hasBody ? bodyStream(incoming, signal, () => tooLarge(request.method, url)) : null, init);
}

function bodyStream(incoming: IncomingMessage, signal: AbortSignal, tooLarge: () => Error): ReadableStream<Uint8Array> {
  let finished = false;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const stop = (error?: unknown) => {
        if (finished) return;
        finished = true;
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) controller.close();
        else controller.error(error);
      };
      const onAbort = () => {
        stop(abortReason(signal));
        incoming.destroy();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      incoming.on('data', (chunk: Buffer) => {
        if (finished) return;
        received += chunk.byteLength;
        if (received > MAX_RESPONSE_BYTES) {
          stop(tooLarge());
          incoming.destroy();
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        // Read no faster than the consumer takes it.
        if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
      });
      incoming.on('end', () => stop());
      // A socket cut before the body was complete ("aborted", ECONNRESET) must not read as the end.
      incoming.on('error', (error) => stop(new TypeError('terminated', { cause: error })));
      incoming.on('close', () => {
        if (!incoming.complete) stop(new TypeError('terminated', { cause: Object.assign(new Error('the connection closed before the body was complete'), { code: 'ECONNRESET' }) }));
      });
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      finished = true;
      incoming.destroy();
    },
  });
}

function tooLarge(method: string, url: URL): UserError {
  // Path only: a query could carry a key.
  return new UserError(`The proxy at ${url.origin} sent more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB for ${method} ${url.pathname}; ollm stopped reading it.`, {
    code: 'proxy_response_too_large', hint: 'Check that --proxy-url points at the LiteLLM proxy itself and that nothing in front of it streams an endless answer.',
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
