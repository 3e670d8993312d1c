// What ollm puts into Claude Code's settings.json and takes out again, on the parsed document.
// Only its own entries: `env.ANTHROPIC_BASE_URL`, and either `apiKeyHelper` (helper style) or
// `env.ANTHROPIC_AUTH_TOKEN` (file style). Everything else stays as the user wrote it.
import type { Json5Document } from '../../edit/json5-document.ts';
import { API_KEY_VARIABLE, BASE_URL_VARIABLE, TOKEN_VARIABLE, type ClaudeCodeStyle } from './styles.ts';

export interface Placement {
  style: ClaudeCodeStyle;
  baseUrl: string;
  /** The helper style's apiKeyHelper command. */
  helper?: string;
  /** The file style's key. */
  secret?: string;
  /** The style ollm wrote this file in before, and what it wrote then (a switch takes that out). */
  previous?: { style: ClaudeCodeStyle; helper?: string; isOurKey: (value: string) => boolean };
}

/** Put the key (or the helper) in; the notes say what else in the file would get in its way. */
export function placeKey(doc: Json5Document, placement: Placement): string[] {
  const notes: string[] = [];
  doc.set(['env', BASE_URL_VARIABLE], placement.baseUrl);
  if (placement.style === 'helper') {
    doc.set(['apiKeyHelper'], placement.helper!);
    // A key ollm wrote in the file style before would win over the helper: it goes.
    const token = doc.get(['env', TOKEN_VARIABLE]);
    if (typeof token === 'string' && placement.previous?.style === 'file' && placement.previous.isOurKey(token)) {
      doc.delete(['env', TOKEN_VARIABLE]);
      notes.push(`removed the key ollm had written into env.${TOKEN_VARIABLE} (the helper style keeps it out of the file)`);
    } else if (token !== undefined) {
      notes.push(`warning: env.${TOKEN_VARIABLE} in this file is not ollm's and wins over apiKeyHelper; remove it so Claude Code asks ollm`);
    }
  } else {
    doc.set(['env', TOKEN_VARIABLE], placement.secret!);
    if (placement.previous?.style === 'helper' && placement.previous.helper !== undefined && doc.get(['apiKeyHelper']) === placement.previous.helper) {
      doc.delete(['apiKeyHelper']);
      notes.push('removed ollm\'s apiKeyHelper (the file style puts the key in env instead)');
    }
  }
  if (doc.get(['env', API_KEY_VARIABLE]) !== undefined) notes.push(`warning: env.${API_KEY_VARIABLE} in this file may be sent instead of ollm's key; remove it`);
  return notes;
}

/**
 * Take out what ollm wrote (revoke): the helper when it is still ollm's command, the token when it
 * is still this key, the proxy URL when it is still the one ollm wrote. Returns what was removed.
 */
export function removePlacement(doc: Json5Document, written: { style: ClaudeCodeStyle; baseUrl: string; helper?: string }, isThisKey: (value: string) => boolean): string[] {
  const removed: string[] = [];
  if (written.style === 'helper' && written.helper !== undefined && doc.get(['apiKeyHelper']) === written.helper) {
    doc.delete(['apiKeyHelper']);
    removed.push('apiKeyHelper');
  }
  const token = doc.get(['env', TOKEN_VARIABLE]);
  if (typeof token === 'string' && isThisKey(token)) {
    doc.delete(['env', TOKEN_VARIABLE], { pruneEmptyParents: true });
    removed.push(`env.${TOKEN_VARIABLE}`);
  }
  // The proxy URL alone would send Claude Code to a proxy without a key: it goes with them.
  if (removed.length > 0 && doc.get(['env', BASE_URL_VARIABLE]) === written.baseUrl) {
    doc.delete(['env', BASE_URL_VARIABLE], { pruneEmptyParents: true });
    removed.push(`env.${BASE_URL_VARIABLE}`);
  }
  return removed;
}
