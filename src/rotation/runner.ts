// Rotates one key, and finishes or rolls back a rotation that was interrupted.
//
// Invariant: at every instant the key stored locally for the alias works on the proxy, or the
// journal says how to make it so. The new secret is chosen by ollm and parked in the keychain
// (service `ollm-pending`) before the proxy sees it, so no answer lost in flight can leave a key
// that nobody holds. Storing it as the alias's key is the commit point: before it, a resume rolls
// back unless the proxy already knows the new key; after it, a resume only rolls forward.
import { randomUUID } from 'node:crypto';
import type { Ctx, MasterKey } from '../context.ts';
import { UserError } from '../errors.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import type { KeyRecord } from '../litellm/schemas.ts';
import { keyToken, newSecret } from '../keys/held-key.ts';
import { maskKey } from '../output/mask.ts';
import type { KeyVault } from '../secrets/key-vault.ts';
import { KEY_SERVICE, PENDING_SERVICE, type StorageKind } from '../secrets/store.ts';
import { canRegenerate, rememberRegenerate } from './capabilities.ts';
import { readJournal, removeJournal, writeJournal, type RotationJournal, type RotationMethod, type RotationStep } from './journal.ts';
import { recreateRequest, retiredAlias, retiredBudget } from './plan.ts';
import { AUTO_GRACE, preflightRotation, rewriteRotationTargets } from './rotation-targets.ts';

export interface RotationOutcome {
  key_alias: string;
  account: string;
  method: RotationMethod;
  old_key: string;
  new_key: string;
  /** The new secret itself, for --reveal (never printed otherwise). */
  secret: string;
  spend_carried: number;
  grace: string | null;
  retired_alias: string | null;
  /** Set when this run finished or undid an earlier, interrupted rotation. */
  resumed?: 'rolled-forward' | 'rolled-back';
  targets: string[];
  problems: string[];
}

export interface RotateOptions {
  alias: string;
  account: string;
  grace: string | null;
  /** The command prints new secrets (--reveal): only then may it finish a fleet key's rotation whose secret must be printed. */
  reveal?: boolean;
}

/** A key on the proxy that this machine does not hold (fleet rotation by an admin). */
export interface RemoteKey {
  token: string;
  masked: string;
  keep: 'write' | 'reveal';
  writeTargets?: string[];
}

interface Session {
  ctx: Ctx;
  client: LiteLLMClient;
  master: MasterKey;
  vault: KeyVault;
  reveal: boolean;
}

async function openSession(ctx: Ctx, reveal = false): Promise<Session> {
  const [client, master, vault] = await Promise.all([ctx.litellm(), ctx.masterKey(), ctx.vault()]);
  return { ctx, client, master, vault, reveal };
}

/** Rotate the key this machine holds for the alias (after finishing an interrupted rotation of it). */
export async function rotateHeldKey(ctx: Ctx, options: RotateOptions): Promise<RotationOutcome> {
  const session = await openSession(ctx, options.reveal);
  const finished = await finishInterrupted(session, options.account);
  if (finished) return finished;
  const held = await session.vault.find(KEY_SERVICE, options.account);
  if (!held) {
    throw new UserError(`This machine holds no key "${options.alias}" to rotate.`, {
      code: 'key_not_found', hint: `Create one with \`ollm key create --alias ${options.alias}\`.`,
    });
  }
  return rotate(session, options, { token: keyToken(held.secret), masked: maskKey(held.secret), storage: held.store.kind, keep: 'held' });
}

/** Rotate a key held elsewhere: its new secret is printed (`reveal`) or stored here (`write`). */
export async function rotateRemoteKey(ctx: Ctx, options: RotateOptions, remote: RemoteKey): Promise<RotationOutcome> {
  const session = await openSession(ctx, options.reveal || remote.keep === 'reveal');
  const finished = await finishInterrupted(session, options.account);
  if (finished) return finished;
  return rotate(session, options, { ...remote, storage: 'keychain' });
}

/** An interrupted rotation of this key is settled first; its outcome when that already rotated it. */
async function finishInterrupted(session: Session, account: string): Promise<RotationOutcome | null> {
  const journal = await readJournal(session.ctx.paths.stateDir, account);
  if (!journal) return null;
  const resumed = await resume(session, journal);
  return resumed.resumed === 'rolled-forward' ? resumed : null;
}

interface OldKey {
  token: string;
  masked: string;
  storage: StorageKind;
  keep: RotationJournal['keep'];
  writeTargets?: string[];
}

/** Finish or roll back the interrupted rotation of this account, if there is one. */
export async function resumeRotation(ctx: Ctx, account: string, options: { reveal?: boolean } = {}): Promise<RotationOutcome | null> {
  const journal = await readJournal(ctx.paths.stateDir, account);
  return journal ? resume(await openSession(ctx, options.reveal), journal) : null;
}

async function rotate(session: Session, options: RotateOptions, oldKey: OldKey): Promise<RotationOutcome> {
  const { ctx, client, master, vault } = session;
  const proxy = await ctx.proxy();
  const { token: oldToken, storage } = oldKey;
  await preflightRotation(ctx, { alias: options.alias, account: options.account, keep: oldKey.keep, writeTargets: oldKey.writeTargets });
  const old = (await client.keyInfo(master, oldToken)).info;
  const now = ctx.now();
  const secret = newSecret();
  const journal: RotationJournal = {
    version: 1, id: randomUUID(), alias: options.alias, account: options.account, proxy: proxy.base,
    method: (await canRegenerate(ctx.paths.stateDir, proxy.base)) === false ? 'recreate' : 'regenerate',
    step: 'started', oldToken, oldMasked: oldKey.masked, newToken: keyToken(secret), retiredAlias: retiredAlias(options.alias, now),
    grace: options.grace, spend: old.spend, startedAt: now.toISOString(), pid: process.pid,
    keep: oldKey.keep, ...(oldKey.writeTargets ? { writeTargets: oldKey.writeTargets } : {}),
  };
  const insecure = storage === 'insecure-file';
  await writeJournal(ctx.paths.stateDir, journal);
  await vault.save(PENDING_SERVICE, options.account, secret, insecure);

  try {
    if (journal.method === 'regenerate' && !(await tryRegenerate(session, journal, secret))) {
      journal.method = 'recreate';
      await step(ctx, journal, 'started');
    }
    if (journal.method === 'recreate') await recreate(session, journal, old, secret);
  } catch (error) {
    throw await settleAfterFailure(session, journal, error);
  }
  return finish(session, journal, secret, storage);
}

/**
 * A step failed before the commit point: settle now, as a later resume would (forward if the
 * proxy has the new key after all, else back), so no half-done rotation waits for the next run.
 */
async function settleAfterFailure(session: Session, journal: RotationJournal, error: unknown): Promise<unknown> {
  if (!(error instanceof UserError)) return error;
  try {
    const settled = await resume(session, journal);
    if (settled.resumed === 'rolled-forward') {
      return new UserError(`${error.message} The proxy had made the new key anyway; ollm finished the rotation.`, { code: 'rotation_finished_after_error', hint: 'Check with `ollm key info`.' });
    }
    return new UserError(`${error.message} The rotation was rolled back; the old key is unchanged and still works.`, { code: error.code, hint: error.hint });
  } catch {
    return new UserError(`${error.message} The rotation is unfinished and could not be settled now.`, {
      code: error.code, hint: `Run \`ollm key rotate --resume --alias ${journal.alias}\` when the proxy answers again; the old key keeps working until then.`,
    });
  }
}

/** True when the proxy swapped the secret; false when it refused as a non-Enterprise proxy. */
async function tryRegenerate(session: Session, journal: RotationJournal, secret: string): Promise<boolean> {
  const { ctx, client, master } = session;
  await step(ctx, journal, 'regenerating');
  try {
    await client.regenerateKey(master, journal.oldToken, { new_key: secret, ...(journal.grace ? { grace_period: journal.grace } : {}) });
  } catch (error) {
    if (error instanceof UserError && error.code === 'enterprise_only') {
      await rememberRegenerate(ctx.paths.stateDir, journal.proxy, false);
      return false;
    }
    throw error;
  }
  await rememberRegenerate(ctx.paths.stateDir, journal.proxy, true);
  return true;
}

// LiteLLM's aliases are unique across all keys: the old key gives up the alias first, and the
// new key (same settings, same spend) takes it.
async function recreate(session: Session, journal: RotationJournal, old: KeyRecord, secret: string): Promise<void> {
  const { ctx, client, master } = session;
  await step(ctx, journal, 'renaming-old');
  await client.updateKey(master, journal.oldToken, { key_alias: journal.retiredAlias, metadata: { ...old.metadata, ollm_rotation: journal.id, ollm_retired: 'true' } });
  // No journal write between rename and create: a resume handles both alike (it asks the proxy
  // whether the new key exists), and each write costs two fsyncs — a bulk rotation's main cost.
  await client.generateKey(master, recreateRequest(old, journal.alias, secret, journal.id, ctx.now()));
}

/** From the commit point on: store the new key, rewrite the targets, retire the old key, clean up. */
async function finish(session: Session, journal: RotationJournal, secret: string, storage: StorageKind): Promise<RotationOutcome> {
  const { ctx, client, master, vault } = session;
  if (journal.keep !== 'reveal') await vault.save(KEY_SERVICE, journal.account, secret, storage === 'insecure-file');
  await step(ctx, journal, 'committed');
  const { targets, problems } = await rewriteRotationTargets(ctx, journal, secret);
  // A place still holding the old key: deleting it now would leave OpenClaw a dead key there.
  const keepForTargets = problems.length > 0 && journal.method === 'recreate' && !journal.grace;
  if (keepForTargets) {
    journal.grace = AUTO_GRACE;
    problems.push(`So that it still works there, the old key ${journal.oldMasked} was kept for ${AUTO_GRACE} (as "${journal.retiredAlias}"); write the new one with \`ollm key write --alias ${journal.alias}\` before then.`);
  } else if (problems.length && journal.method === 'regenerate' && !journal.grace) {
    problems.push(`The proxy replaced the old key in place, so it no longer works there; write the new one with \`ollm key write --alias ${journal.alias}\`.`);
  }

  // Retiring is not journalled either: from 'committed' a resume retires the old key again,
  // and retiring twice is harmless (an already deleted key counts as retired).
  if (journal.method === 'recreate') await retireOld(client, master, journal, { capBudget: !keepForTargets });
  await vault.remove(PENDING_SERVICE, journal.account, vault.target(storage === 'insecure-file')).catch(() => []);
  await removeJournal(ctx.paths.stateDir, journal.account);
  return {
    key_alias: journal.alias, account: journal.account, method: journal.method,
    old_key: journal.oldMasked, new_key: maskKey(secret), secret,
    spend_carried: journal.spend, grace: journal.grace,
    retired_alias: journal.method === 'recreate' ? journal.retiredAlias : null, targets, problems,
  };
}

async function retireOld(client: LiteLLMClient, master: MasterKey, journal: RotationJournal, options: { capBudget: boolean }): Promise<void> {
  try {
    if (journal.grace) await client.updateKey(master, journal.oldToken, { duration: journal.grace, ...(options.capBudget ? await retiredBudget(client, master, journal.oldToken) : {}) });
    else await client.deleteKeys(master, [journal.oldToken]);
  } catch (error) {
    // Already gone (a resumed delete that had gone through): that is the goal.
    if (!(error instanceof UserError && (error.code === 'not_found' || error.code === 'key_unknown'))) throw error;
  }
}

async function step(ctx: Ctx, journal: RotationJournal, next: RotationStep): Promise<void> {
  journal.step = next;
  await writeJournal(ctx.paths.stateDir, journal);
}

/**
 * Finish or undo an interrupted rotation. Forward when the keychain already holds the new key, or
 * when the proxy knows the pending secret (its answer was lost); otherwise back: the old key gets
 * its alias back and the pending secret is dropped — the old key never stopped working then.
 */
async function resume(session: Session, journal: RotationJournal): Promise<RotationOutcome> {
  const { ctx, client, master, vault } = session;
  const main = await vault.find(KEY_SERVICE, journal.account);
  const pending = await vault.find(PENDING_SERVICE, journal.account);
  const storage = (main ?? pending)?.store.kind ?? 'keychain';
  if (journal.keep === 'reveal' && !session.reveal && pending && keyToken(pending.secret) === journal.newToken) throw mustReveal(journal);
  if (main && keyToken(main.secret) === journal.newToken) {
    return { ...(await finish(session, journal, main.secret, storage)), resumed: 'rolled-forward' };
  }
  // Committed but not kept here (a revealed fleet key): the pending entry still has the secret.
  if (pending && keyToken(pending.secret) === journal.newToken && (journal.step === 'committed' || journal.step === 'retiring-old')) {
    return { ...(await finish(session, journal, pending.secret, storage)), resumed: 'rolled-forward' };
  }
  if (pending && keyToken(pending.secret) === journal.newToken && await proxyKnows(client, master, journal.newToken)) {
    return { ...(await finish(session, journal, pending.secret, storage)), resumed: 'rolled-forward' };
  }
  // Not created (or created without ollm holding it, which the order of steps rules out; remove it anyway).
  if (await proxyKnows(client, master, journal.newToken)) await client.deleteKeys(master, [journal.newToken]);
  if (journal.method === 'recreate' && journal.step !== 'started') {
    await client.updateKey(master, journal.oldToken, { key_alias: journal.alias });
  }
  if (pending) await vault.remove(PENDING_SERVICE, journal.account, pending.store);
  await removeJournal(ctx.paths.stateDir, journal.account);
  return {
    key_alias: journal.alias, account: journal.account, method: journal.method, old_key: journal.oldMasked,
    new_key: '', secret: '', spend_carried: 0, grace: journal.grace, retired_alias: null, resumed: 'rolled-back', targets: [], problems: [],
  };
}

async function proxyKnows(client: LiteLLMClient, master: MasterKey, token: string): Promise<boolean> {
  try {
    await client.keyInfo(master, token);
    return true;
  } catch (error) {
    if (error instanceof UserError && (error.code === 'not_found' || error.code === 'key_unknown')) return false;
    throw error;
  }
}

/** Finishing this rotation means printing its new secret: the only copy is ollm's pending entry. */
function mustReveal(journal: RotationJournal): UserError {
  return new UserError(`The interrupted rotation of "${journal.alias}" made a new key that is held nowhere else, and finishing it must print that key.`, {
    code: 'resume_needs_reveal', hint: `Run \`ollm key rotate --resume --alias ${journal.alias} --reveal\` and hand the printed key to its holder; ollm keeps it until then.`,
  });
}
