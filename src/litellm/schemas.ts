// zod schemas of the LiteLLM responses ollm reads; only the fields it uses are required.
import * as z from '../zod.ts';

const nullableNumber = z.optional(z.nullable(z.number()));
const nullableString = z.optional(z.nullable(z.string()));

const keyRecordShape = {
  token: nullableString,
  key_alias: nullableString,
  key_name: nullableString,
  spend: z.pipe(nullableNumber, z.transform((v) => v ?? 0)),
  max_budget: nullableNumber,
  soft_budget: nullableNumber,
  budget_duration: nullableString,
  budget_reset_at: nullableString,
  expires: nullableString,
  models: z.pipe(z.optional(z.nullable(z.array(z.string()))), z.transform((v) => v ?? [])),
  metadata: z.pipe(z.optional(z.nullable(z.record(z.string(), z.unknown()))), z.transform((v): Record<string, unknown> => v ?? {})),
  blocked: z.optional(z.nullable(z.boolean())),
  tpm_limit: nullableNumber,
  rpm_limit: nullableNumber,
  max_parallel_requests: nullableNumber,
  user_id: nullableString,
  team_id: nullableString,
  created_at: nullableString,
  /** Newest LiteLLM: "active" | "expired" | "revoked" | "deleted" (an archived, deleted key). */
  status: nullableString,
  /** Where soft_budget really lives (a LiteLLM_BudgetTable row linked by budget_id). */
  litellm_budget_table: z.optional(z.nullable(z.looseObject({ soft_budget: nullableNumber }))),
  budget_id: nullableString,
  /** default | llm_api (models only) | management | read_only; null on keys made before key types. */
  key_type: nullableString,
};

/** The key record as /key/info (`info`) and /key/list (full objects) return it; unknown fields kept. */
export const KeyRecordSchema = z.looseObject(keyRecordShape);
export type KeyRecord = z.output<typeof KeyRecordSchema>;

/** The newest /key/info answers 200 for a deleted key, from its archive: that key is gone. */
export function isDeletedKey(record: KeyRecord): boolean {
  return record.status === 'deleted';
}

export const GenerateKeyResponseSchema = z.looseObject({
  ...keyRecordShape,
  key: z.string().check(z.startsWith('sk-')),
  token: nullableString,
});
export type GenerateKeyResponse = z.output<typeof GenerateKeyResponseSchema>;

export const KeyInfoResponseSchema = z.object({
  key: z.string(),
  info: KeyRecordSchema,
});
export type KeyInfoResponse = z.output<typeof KeyInfoResponseSchema>;

export const KeyListResponseSchema = z.object({
  keys: z.array(z.union([z.string(), KeyRecordSchema])),
  total_count: nullableNumber,
  current_page: nullableNumber,
  total_pages: nullableNumber,
});
export type KeyListResponse = z.output<typeof KeyListResponseSchema>;

export const DeleteKeyResponseSchema = z.object({
  deleted_keys: z.array(z.unknown()),
});

/** /config/field/info: one general setting as the proxy holds it. */
export const ConfigFieldInfoSchema = z.looseObject({
  field_name: z.optional(z.string()),
  field_value: z.optional(z.unknown()),
});

export const ModelsResponseSchema = z.object({
  data: z.array(z.looseObject({ id: z.string() })),
});

/** Any JSON (an answer only its status matters for). */
export const AnyResponseSchema = z.unknown();

/** A LiteLLM user (internal_user_endpoints.py): its role and its own budget, which caps all its keys together. */
export const UserRecordSchema = z.looseObject({
  user_id: nullableString,
  user_role: nullableString,
  max_budget: nullableNumber,
  spend: z.pipe(nullableNumber, z.transform((v) => v ?? 0)),
  budget_duration: nullableString,
  budget_reset_at: nullableString,
  teams: z.optional(z.nullable(z.array(z.unknown()))),
});
export type UserRecord = z.output<typeof UserRecordSchema>;

/** /user/info: the user, and (unused here) their keys. */
export const UserInfoResponseSchema = z.looseObject({
  user_id: nullableString,
  user_info: z.optional(z.nullable(UserRecordSchema)),
});

/** /user/list (admin): one page of users. */
export const UserListResponseSchema = z.looseObject({
  users: z.array(UserRecordSchema),
  total: nullableNumber,
  page: nullableNumber,
  total_pages: nullableNumber,
});
export type UserListResponse = z.output<typeof UserListResponseSchema>;

/** /user/new (admin): the user as made, with a key for them (unless asked not to). */
export const NewUserResponseSchema = z.looseObject({
  user_id: z.string(),
  key: z.optional(z.nullable(z.string())),
  max_budget: nullableNumber,
  budget_duration: nullableString,
});
export type NewUserResponse = z.output<typeof NewUserResponseSchema>;

/** /team/info: the team's budget and what its members (and service-account keys) may call. */
export const TeamInfoResponseSchema = z.looseObject({
  team_id: nullableString,
  team_info: z.looseObject({
    team_id: nullableString,
    team_alias: nullableString,
    max_budget: nullableNumber,
    spend: z.pipe(nullableNumber, z.transform((v) => v ?? 0)),
    budget_duration: nullableString,
    team_member_permissions: z.pipe(z.optional(z.nullable(z.array(z.string()))), z.transform((v) => v ?? [])),
  }),
});
export type TeamInfo = z.output<typeof TeamInfoResponseSchema>['team_info'];

export const ReadinessSchema = z.looseObject({
  status: z.string(),
  litellm_version: z.optional(z.string()),
  db: z.optional(z.string()),
});
export type Readiness = z.output<typeof ReadinessSchema>;

/** One day of /spend/logs with a date range and summarize=true. */
export const SpendDaySchema = z.looseObject({
  startTime: z.string(),
  spend: z.number(),
  models: z.optional(z.record(z.string(), z.number())),
});
export type SpendDay = z.output<typeof SpendDaySchema>;
export const SpendDaysSchema = z.array(SpendDaySchema);

/** What the client validates a response with. */
export type ResponseSchema<T> = z.ZodMiniType<T>;
