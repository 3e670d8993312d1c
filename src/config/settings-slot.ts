// The slot the composition fills with every setting. On its own, and free of code, so Ctx's
// wiring can name it without loading the settings (the key-helper path never reads them).
import { slot } from '../wiring.ts';
import type { Setting } from './setting.ts';

/** Every setting, in the order `ollm config list` shows them. */
export const SETTINGS_SLOT = slot<readonly Setting[]>('settings');
