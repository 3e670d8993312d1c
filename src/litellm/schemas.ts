// zod schemas of the LiteLLM responses ollm reads; only the fields it uses are required.
import { z } from 'zod';

const nullableNumber = z.number().nullable().optional();
const nullableString = z.string().nullable().optional();

/** The key record as /key/info (`info`) and /key/list (full objects) return it. */
export const KeyRecordSchema = z.object({
  token: nullableString,
  key_alias: nullableString,
  key_name: nullableString,
  spend: z.number().nullable().optional().transform((v) => v ?? 0),
  max_budget: nullableNumber,
  soft_budget: nullableNumber,
  budget_duration: nullableString,
  budget_reset_at: nullableString,
  expires: nullableString,
  models: z.array(z.string()).nullable().optional().transform((v) => v ?? []),
  metadata: z.record(z.string(), z.unknown()).nullable().optional().transform((v) => v ?? {}),
  blocked: z.boolean().nullable().optional(),
  tpm_limit: nullableNumber,
  rpm_limit: nullableNumber,
  max_parallel_requests: nullableNumber,
  user_id: nullableString,
  team_id: nullableString,
  created_at: nullableString,
}).passthrough();
export type KeyRecord = z.infer<typeof KeyRecordSchema>;

export const GenerateKeyResponseSchema = KeyRecordSchema.extend({
  key: z.string().startsWith('sk-'),
  token: nullableString,
});
export type GenerateKeyResponse = z.infer<typeof GenerateKeyResponseSchema>;

export const KeyInfoResponseSchema = z.object({
  key: z.string(),
  info: KeyRecordSchema,
});
export type KeyInfoResponse = z.infer<typeof KeyInfoResponseSchema>;

export const KeyListResponseSchema = z.object({
  keys: z.array(z.union([z.string(), KeyRecordSchema])),
  total_count: z.number().nullable().optional(),
  current_page: z.number().nullable().optional(),
  total_pages: z.number().nullable().optional(),
});
export type KeyListResponse = z.infer<typeof KeyListResponseSchema>;

export const DeleteKeyResponseSchema = z.object({
  deleted_keys: z.array(z.unknown()),
});

export const ModelsResponseSchema = z.object({
  data: z.array(z.object({ id: z.string() }).passthrough()),
});

export const ReadinessSchema = z.object({
  status: z.string(),
  litellm_version: z.string().optional(),
  db: z.string().optional(),
}).passthrough();
export type Readiness = z.infer<typeof ReadinessSchema>;

/** One day of /spend/logs with a date range and summarize=true. */
export const SpendDaySchema = z.object({
  startTime: z.string(),
  spend: z.number(),
  models: z.record(z.string(), z.number()).optional(),
}).passthrough();
export type SpendDay = z.infer<typeof SpendDaySchema>;
export const SpendDaysSchema = z.array(SpendDaySchema);
