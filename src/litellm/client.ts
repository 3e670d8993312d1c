// The LiteLLM proxy's key API over HTTP (ky), with every answer validated by zod.
import ky, { HTTPError, type KyInstance } from 'ky';
import { UserError } from '../errors.ts';
import { redact } from '../output/mask.ts';
import { errorFromNetwork, errorFromResponse, type CredentialKind } from './errors.ts';
import { keyToken } from './key-token.ts';
import { nodeFetch } from './node-fetch.ts';
import {
  ConfigFieldInfoSchema, DeleteKeyResponseSchema, GenerateKeyResponseSchema, KeyInfoResponseSchema, KeyListResponseSchema,
  KeyRecordSchema, ModelsResponseSchema, NewUserResponseSchema, ReadinessSchema, SpendDaysSchema, TeamInfoResponseSchema, UserInfoResponseSchema,
  UserListResponseSchema, AnyResponseSchema, type ResponseSchema, type GenerateKeyResponse, type KeyInfoResponse, type KeyListResponse, type KeyRecord,
  type NewUserResponse, type Readiness, type SpendDay, type TeamInfo, type UserRecord,
} from './schemas.ts';

export interface Credential {
  secret: string;
  kind: Exclude<CredentialKind, 'none'>;
}

export interface LiteLLMClientOptions {
  /** Normalised base URL (no trailing slash). */
  baseUrl: string;
  timeoutMs: number;
  debug?: (line: string) => void;
  /** Defaults to node:http(s) (see node-fetch.ts); any fetch that leaves redirects alone will do. */
  fetch?: typeof globalThis.fetch;
}

/** The key_type that keeps LiteLLM's default routes (a key may read its own /key/info). */
export const DEFAULT_KEY_TYPE = 'default';

/** Fields ollm sends to /key/generate (LiteLLM ignores unknown ones, so only known ones are sent). */
export interface GenerateKeyRequest {
  key_alias: string;
  /** A secret chosen by ollm (LiteLLM requires the sk- prefix), so a lost answer never loses the key. */
  key?: string;
  /** Initial spend: rotation carries the old key's spend over. */
  spend?: number;
  soft_budget?: number;
  user_id?: string;
  team_id?: string;
  max_budget?: number;
  budget_duration?: string;
  duration?: string;
  models?: string[];
  tpm_limit?: number;
  rpm_limit?: number;
  max_parallel_requests?: number;
  metadata?: Record<string, unknown>;
  /** Made blocked: the key refuses every request from its first instant (rotation of a blocked key). */
  blocked?: boolean;
  /** Rotation carries the old key's; otherwise DEFAULT_KEY_TYPE is sent. */
  key_type?: string;
}

/** Fields /key/update and /key/regenerate take besides the key itself (`duration: null`: never expires). */
export interface UpdateKeyRequest extends Omit<GenerateKeyRequest, 'key' | 'key_alias' | 'duration' | 'key_type'> {
  key_alias?: string;
  duration?: string | null;
}

/** POST /user/new as ollm sends it. */
export interface NewUserRequest {
  user_id: string;
  user_role: 'internal_user';
  max_budget?: number;
  budget_duration?: string;
  teams?: string[];
  auto_create_key: true;
  key_alias?: string;
  metadata?: Record<string, unknown>;
}

export interface RegenerateKeyRequest {
  new_key?: string;
  grace_period?: string;
}

export interface ListKeysQuery {
  key_alias?: string;
  page?: number;
  size?: number;
}

interface RequestSpec<T> {
  method: 'get' | 'post';
  path: string;
  credential: Credential | null;
  searchParams?: Record<string, string | number | boolean>;
  json?: unknown;
  schema: ResponseSchema<T>;
  /** Only idempotent reads are retried; a POST that may have taken effect must not be repeated. */
  retry: boolean;
}

export class LiteLLMClient {
  readonly baseUrl: string;
  private readonly http: KyInstance;
  private readonly timeoutMs: number;
  private readonly debug: (line: string) => void;

  constructor(options: LiteLLMClientOptions) {
    this.baseUrl = options.baseUrl;
    this.timeoutMs = options.timeoutMs;
    this.debug = options.debug ?? (() => {});
    this.http = ky.create({
      prefixUrl: `${options.baseUrl}/`,
      timeout: options.timeoutMs,
      // Never follow a redirect: it would carry the master key to wherever it points.
      redirect: 'manual',
      fetch: options.fetch ?? nodeFetch,
      retry: { limit: 2, methods: ['get'], statusCodes: [500, 502, 503, 504], backoffLimit: 2000 },
      hooks: {
        beforeRetry: [({ retryCount }) => this.debug(`retry ${retryCount}`)],
      },
    });
  }

  /**
   * key_type "default" unless the body names one: 1.110 gives a key made without key_type the
   * admin's default_key_generate_params.allowed_routes (["llm_api_routes"] leaves it no /key/info
   * on itself); "default" keeps LiteLLM's default routes, and 1.108.7 accepts it (test/real/key-type).
   */
  generateKey(master: Credential, body: GenerateKeyRequest): Promise<GenerateKeyResponse> {
    const json = { key_type: DEFAULT_KEY_TYPE, ...body };
    return this.request({ method: 'post', path: 'key/generate', credential: master, json, schema: GenerateKeyResponseSchema, retry: false });
  }

  /**
   * /key/info: the caller's own key when `token` is omitted (a virtual key asking about itself).
   * The key is always named, by its hash: 1.110 answers 400 "No key passed in" without one, and
   * answers `key` as the hash whatever was asked, so callers take the token from here, not `key`.
   */
  keyInfo(credential: Credential, token?: string): Promise<KeyInfoResponse> {
    return this.request({
      method: 'get', path: 'key/info', credential,
      searchParams: { key: token ?? keyToken(credential.secret) }, schema: KeyInfoResponseSchema, retry: true,
    });
  }

  listKeys(credential: Credential, query: ListKeysQuery): Promise<KeyListResponse> {
    const searchParams: Record<string, string | number | boolean> = { return_full_object: true, page: query.page ?? 1, size: query.size ?? 100 };
    if (query.key_alias !== undefined) searchParams.key_alias = query.key_alias;
    return this.request({ method: 'get', path: 'key/list', credential, searchParams, schema: KeyListResponseSchema, retry: true });
  }

  /** Every key on the proxy (all pages), as full records. */
  async listAllKeys(credential: Credential, query: Omit<ListKeysQuery, 'page' | 'size'> = {}): Promise<KeyRecord[]> {
    const records: KeyRecord[] = [];
    for (let page = 1; page <= 1000; page++) {
      const result = await this.listKeys(credential, { ...query, page, size: 100 });
      for (const entry of result.keys) {
        // Old proxies ignore return_full_object and send hashes only.
        records.push(typeof entry === 'string' ? KeyRecordSchema.parse({ token: entry }) : entry);
      }
      // Proxies that omit total_pages: a full page means there may be more.
      const more = result.total_pages != null ? page < result.total_pages : result.keys.length === 100;
      if (!more || result.keys.length === 0) break;
    }
    return records;
  }

  /**
   * The live keys carrying exactly this alias. The proxy's own filter is not trusted: older
   * proxies ignore it and newer ones match substrings.
   */
  async findKeysByAlias(credential: Credential, alias: string): Promise<KeyRecord[]> {
    return (await this.listAllKeys(credential, { key_alias: alias })).filter((k) => k.key_alias === alias);
  }

  /** /user/info: about a user (the caller itself when `userId` is omitted and the caller is a user's key). */
  async userInfo(credential: Credential, userId?: string): Promise<UserRecord | null> {
    const answer = await this.request({
      method: 'get', path: 'user/info', credential, searchParams: userId ? { user_id: userId } : undefined, schema: UserInfoResponseSchema, retry: true,
    });
    return answer.user_info ?? null;
  }

  /** /team/info: the team's budget and its members' permissions. */
  async teamInfo(credential: Credential, teamId: string): Promise<TeamInfo> {
    return (await this.request({ method: 'get', path: 'team/info', credential, searchParams: { team_id: teamId }, schema: TeamInfoResponseSchema, retry: true })).team_info;
  }

  /** POST /user/new (master key): the user, and a key for them in the answer. */
  newUser(master: Credential, body: NewUserRequest): Promise<NewUserResponse> {
    return this.request({ method: 'post', path: 'user/new', credential: master, json: body, schema: NewUserResponseSchema, retry: false });
  }

  /** GET /user/list (master key), every page. */
  async listAllUsers(master: Credential): Promise<UserRecord[]> {
    const users: UserRecord[] = [];
    for (let page = 1; page <= 1000; page++) {
      const answer = await this.request({
        method: 'get', path: 'user/list', credential: master, searchParams: { page, page_size: 100 }, schema: UserListResponseSchema, retry: true,
      });
      users.push(...answer.users);
      const more = answer.total_pages != null ? page < answer.total_pages : answer.users.length === 100;
      if (!more || answer.users.length === 0) break;
    }
    return users;
  }

  /** POST /user/delete (master key): the users and their keys. */
  deleteUsers(master: Credential, userIds: string[]): Promise<unknown> {
    return this.request({ method: 'post', path: 'user/delete', credential: master, json: { user_ids: userIds }, schema: AnyResponseSchema, retry: false });
  }

  updateKey(master: Credential, token: string, body: UpdateKeyRequest): Promise<KeyRecord> {
    return this.request({ method: 'post', path: 'key/update', credential: master, json: { key: token, ...body }, schema: KeyRecordSchema, retry: false });
  }

  /** POST /key/block or /key/unblock (master key): a blocked key gets 401 on every route. */
  setBlocked(master: Credential, token: string, blocked: boolean): Promise<KeyRecord> {
    return this.request({ method: 'post', path: blocked ? 'key/block' : 'key/unblock', credential: master, json: { key: token }, schema: KeyRecordSchema, retry: false });
  }

  /** Enterprise only: swaps the key's secret in place (alias, spend and budget kept). */
  regenerateKey(master: Credential, token: string, body: RegenerateKeyRequest): Promise<GenerateKeyResponse> {
    return this.request({ method: 'post', path: 'key/regenerate', credential: master, json: { key: token, ...body }, schema: GenerateKeyResponseSchema, retry: false });
  }

  /** The model ids this key may use (`/v1/models` filters by the key). */
  async listModels(credential: Credential): Promise<string[]> {
    const answer = await this.request({ method: 'get', path: 'v1/models', credential, schema: ModelsResponseSchema, retry: true });
    return answer.data.map((model) => model.id);
  }

  /** /health/readiness (no credential): whether the proxy is up, and its version when it says. */
  readiness(): Promise<Readiness> {
    return this.request({ method: 'get', path: 'health/readiness', credential: null, schema: ReadinessSchema, retry: true });
  }

  /**
   * Per-day spend of one key from /spend/logs, master key only. `apiKey` must be the key's hash: within a date
   * range LiteLLM matches it exactly. Dates are `YYYY-MM-DD` in UTC; LiteLLM (almost) excludes the end day itself.
   */
  spendByDay(master: Credential, query: { apiKey: string; startDate: string; endDate: string }): Promise<SpendDay[]> {
    return this.request({
      method: 'get', path: 'spend/logs', credential: master,
      searchParams: { api_key: query.apiKey, start_date: query.startDate, end_date: query.endDate, summarize: true },
      schema: SpendDaysSchema, retry: true,
    });
  }

  /**
   * One of the proxy's general_settings (`/config/field/info`, admin only), or null when it is not
   * set. LiteLLM answers only for the fields its ConfigGeneralSettings model declares; others get 400.
   */
  async generalSetting(master: Credential, field: string): Promise<unknown> {
    const answer = await this.request({
      method: 'get', path: 'config/field/info', credential: master, searchParams: { field_name: field }, schema: ConfigFieldInfoSchema, retry: true,
    });
    return answer.field_value ?? null;
  }

  deleteKeys(credential: Credential, keys: string[]): Promise<unknown> {
    return this.request({ method: 'post', path: 'key/delete', credential, json: { keys }, schema: DeleteKeyResponseSchema, retry: false });
  }

  private async request<T>(spec: RequestSpec<T>): Promise<T> {
    const method = spec.method.toUpperCase();
    const shownPath = `/${spec.path}`;
    const secrets = [spec.credential?.secret, ...collectSecrets(spec.json)];
    const started = Date.now();
    this.debug(`→ ${method} ${this.baseUrl}${shownPath}`);
    let text: string;
    let contentType: string;
    // ky's timeout ends when the headers arrive; a body that trickles in must not outlast it.
    const connection = new AbortController();
    const readBody = (response: Response) => withDeadline(response.text(), this.timeoutMs, () => connection.abort());
    try {
      const response = await this.http(spec.path, {
        method: spec.method,
        searchParams: spec.searchParams,
        json: spec.json,
        headers: spec.credential ? { authorization: `Bearer ${spec.credential.secret}` } : {},
        retry: spec.retry ? undefined : 0,
        signal: connection.signal,
      });
      contentType = response.headers.get('content-type') ?? '';
      text = await readBody(response);
      this.debug(`← ${response.status} ${method} ${shownPath} (${Date.now() - started} ms)`);
    } catch (error) {
      if (error instanceof HTTPError) {
        const response = error.response;
        this.debug(`← ${response.status} ${method} ${shownPath} (${Date.now() - started} ms)`);
        const body = await readBody(response).catch(() => '');
        throw errorFromResponse({
          method, path: shownPath, proxy: this.baseUrl, status: response.status,
          contentType: response.headers.get('content-type') ?? '', body,
          credential: spec.credential?.kind ?? 'none', location: response.headers.get('location'), secrets,
        });
      }
      this.debug(`✗ ${method} ${shownPath}: ${redact(String((error as Error)?.message ?? error), secrets)}`);
      if (error instanceof UserError) throw error; // already says what happened (an answer too large to read)
      throw errorFromNetwork(error, this.baseUrl, method, shownPath, this.timeoutMs);
    }
    return this.parse(text, contentType, spec.schema, `${method} ${shownPath}`);
  }

  private parse<T>(text: string, contentType: string, schema: ResponseSchema<T>, what: string): T {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      const kind = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'invalid JSON';
      throw new UserError(`The proxy at ${this.baseUrl} answered ${what} with ${kind} instead of LiteLLM's JSON.`, {
        code: 'proxy_bad_json', hint: 'Check that --proxy-url points at the LiteLLM proxy itself (not a web page or another service).',
      });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(root)';
      throw new UserError(`The proxy at ${this.baseUrl} answered ${what} with JSON ollm does not understand (field "${field}": ${issue?.message}).`, {
        code: 'proxy_unexpected_response', hint: 'Is this a LiteLLM proxy, and a recent version? Run with --debug for details.',
      });
    }
    return parsed.data;
  }
}

/** `promise`, or a TimeoutError (after calling `onTimeout`) if it takes longer than `ms`. */
async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error('the answer took too long to arrive'), { name: 'TimeoutError' }));
    }, ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

// Any `key`-like value in a request body (a custom key, keys to delete) is a secret.
function collectSecrets(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const out: string[] = [];
  for (const value of Object.values(body as Record<string, unknown>)) {
    if (typeof value === 'string' && value.startsWith('sk-')) out.push(value);
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'string' && item.startsWith('sk-')) out.push(item);
  }
  return out;
}
