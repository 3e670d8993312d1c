// The slot the composition fills with the default assistant's name (the first of the list):
// `--for` it means the alias as without `--for`. Free of code, for Ctx's wiring.
import { slot } from '../wiring.ts';

export const DEFAULT_ASSISTANT = slot<string>('default assistant');
