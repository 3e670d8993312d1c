// The slot the composition fills with the table of target kinds. On its own, and free of code,
// so Ctx's wiring can name it without loading the table (or zod) on the key-helper path.
import { slot } from '../wiring.ts';
import type { KindTable } from './kind-table.ts';

export const KINDS = slot<KindTable>('target kinds');
