// What `exec` and `env` give a program for OpenCode: OLLM_OPENCODE_API_KEY, the variable its
// config's `{env:…}` reference names. OpenCode never asks ollm for the key, so the keychain is
// not needed in the child.
import type { HandOver } from '../assistant.ts';
import { OPENCODE_KEY_VARIABLE } from './styles.ts';

export const openCodeHandOver = {
  flags: {},
  variables: () => Promise.resolve({ names: [OPENCODE_KEY_VARIABLE], needsKeychain: null }),
} satisfies HandOver;
