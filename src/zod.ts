// The one zod ollm uses: zod/mini, configured with English messages. Not classic zod: every
// command that reads a response, a config or the target list loads it, and classic zod brings
// every locale along (750 KB of JavaScript to compile on each run, against 45 KB here).
// Import it as a namespace (`import * as z from '../zod.ts'`), so the bundler keeps only what is
// used (a `z` object passed around would keep all of zod/mini, locales included).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages ("Invalid input"); the English ones name what was expected.
config(en());

export * from 'zod/mini';
