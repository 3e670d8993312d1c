// What every manifest record has (a kind adds its own fields), and the slot the composition fills
// with the schema of all of them. Low on purpose: Ctx and the manifest read records through it
// without knowing which kinds (and so which assistants) there are.
import { slot } from '../wiring.ts';
import type * as z from '../zod.ts';

export interface BaseRecord {
  kind: string;
  file: string;
}

/**
 * One record of ollm's target list (targets.json), as code outside its kind sees it: which kind,
 * which file, and the kind's own fields, which only that kind reads (it narrows to its own type).
 */
export type TargetRecord = BaseRecord & { readonly [field: string]: unknown };

/** The union of every kind's record (src/composition/kinds.ts). */
export const RECORD_SCHEMA = slot<z.ZodMiniType<BaseRecord>>('target record schema');
