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
import { isDeletedKey, type GenerateKeyResponse, type KeyRecord } from '../litellm/schemas.ts';
import { findTagged } from '../keys/create-marker.ts';
import { keyToken, newSecret } from '../keys/held-key.ts';
import { acceptProxySecret } from '../keys/proxy-secret.ts';
import { maskKey } from '../output/mask.ts';
import type { KeyVault } from '../secrets/key-vault.ts';
import { KEY_SERVICE, PENDING_SERVICE } from '../secrets/store.ts';
import type { StoreName } from '../secrets/stores.ts';
import { adoptInterruptedCreate } from '../keys/adopt-pending.ts';
import { notHeldError } from '../keys/way-out.ts';
import { canRegenerate, knownCapability, rememberCapability, rememberRegenerate } from './capabilities.ts';
import { readJournal, removeJournal, writeJournal, type RotationJournal, type RotationMethod, type RotationStep } from './journal.ts';
import { assertRotatable, droppedLimits, recreateRequest, retiredAlias, retiredBudget, uncopyableSettings } from './plan.ts';
import { AUTO_GRACE, preflightRotation, rewriteRotationTargets } from './rotation-targets.ts';
import { deleteOldKey } from './retire-batch.ts';
import { noteRotated } from '../schedule/record-hooks.ts';

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
  /** After a regenerate: whether the old secret still works (one request with it); null: not checked. */
  old_key_works?: boolean | null;
  /** The old key was blocked, so the new one is blocked too (rotating never unblocks a key). */
  blocked: boolean;
  targets: string[];
  problems: string[];
}

export interface RotateOptions {
  alias: string;
  account: string;
  grace: string | null;
  /** Re-create even when settings would not carry over (they are named in the refusal). */
  force?: boolean;
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
  // With the parked entry: a key parked in the file by an interrupted create needs no keychain to find.
  let [held] = await session.vault.findTogether(options.account, [KEY_SERVICE, PENDING_SERVICE]);
  if (!held) {
    // A `key create` killed after the proxy made the key: its parked secret is the key to rotate.
    const adopted = await adoptInterruptedCreate({
      stateDir: ctx.paths.stateDir, vault: session.vault, client: session.client, master: session.master, account: options.account, alias: options.alias,
    });
    if (adopted) ctx.warn(`warning: an interrupted \`ollm key create\` had made the key "${options.alias}"; ollm holds it now and rotates it.`);
    held = await session.vault.find(KEY_SERVICE, options.account);
  }
  if (!held) throw await notHeldError(ctx, options.alias); // names the way out (other proxy URL, adopt, create)
  return rotate(session, options, { token: keyToken(held.secret), masked: maskKey(held.secret), storage: held.store.name, keep: 'held', secret: held.secret });
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
  /** The old secret, when this machine holds it (to check the old key after a regenerate). */
  secret?: string;
  masked: string;
  /** The store the old key is in: the new one goes to the same. */
  storage: StoreName;
  keep: RotationJournal['keep'];
  writeTargets?: string[];
}

/** Finish or roll back the interrupted rotation of this account, if there is one. */
export async function resumeRotation(ctx: Ctx, account: string, options: { reveal?: boolean } = {}): Promise<RotationOutcome | null> {
  const journal = await readJournal(ctx.paths.stateDir, account);
  return journal ? resume(await openSession(ctx, options.reveal), journal) : null;
}

/**
 * Before another command changes a key (`key update`): settle an interrupted rotation of it, so
 * the change lands on the key that survives, and say what was done.
 */
export async function settleBeforeChange(ctx: Ctx, account: string): Promise<void> {
  const outcome = await resumeRotation(ctx, account);
  if (!outcome) return;
  const done = outcome.resumed === 'rolled-forward' ? 'finished' : 'rolled back';
  ctx.warn(`warning: ${done} an interrupted rotation of "${outcome.key_alias}" first; the change applies to the key that remains.`);
  for (const problem of outcome.problems) ctx.warn(`warning: ${problem}`);
}

async function rotate(session: Session, options: RotateOptions, oldKey: OldKey): Promise<RotationOutcome> {
  const { ctx, client, master, vault } = session;
  const proxy = await ctx.proxy();
  const { token: oldToken, storage } = oldKey;
  await preflightRotation(ctx, { alias: options.alias, account: options.account, keep: oldKey.keep, writeTargets: oldKey.writeTargets });
  const old = (await client.keyInfo(master, oldToken)).info;
  const now = ctx.now();
  // Before anything changes: a deleted or expired key is refused whatever the method.
  assertRotatable(old, options.alias, now);
  // The proxy chooses secrets (disable_custom_api_keys): only re-creating stays safe when an answer
  // is lost (the old key keeps working until the new one is held), so regenerate is not used then.
  const proxyChooses = (await knownCapability(ctx, proxy.base, 'customKeys')) === false;
  const regenerate = !proxyChooses && (await canRegenerate(ctx, proxy.base)) !== false;
  if (!regenerate) refuseNarrowing(old, options);
  const secret = newSecret();
  const journal: RotationJournal = {
    version: 1, id: randomUUID(), alias: options.alias, account: options.account, proxy: proxy.base,
    method: regenerate ? 'regenerate' : 'recreate',
    step: 'started', oldToken, oldMasked: oldKey.masked, newToken: proxyChooses ? '' : keyToken(secret), retiredAlias: retiredAlias(options.alias, now),
    grace: options.grace, spend: old.spend, startedAt: now.toISOString(), pid: process.pid,
    keep: oldKey.keep, ...(oldKey.writeTargets ? { writeTargets: oldKey.writeTargets } : {}),
    ...(old.blocked === true ? { blocked: true } : {}),
  };
  await writeJournal(ctx.paths.stateDir, journal);
  if (!proxyChooses) await vault.save(PENDING_SERVICE, options.account, secret, storage);

  let inEffect: string;
  let swapped: string | null = null;
  try {
    if (journal.method === 'regenerate') {
      swapped = await tryRegenerate(session, journal, secret, storage);
      if (swapped === null) {
        journal.method = 'recreate';
        refuseNarrowing(old, options);
        await step(ctx, journal, 'started');
      }
    }
    inEffect = swapped ?? await recreate(session, journal, old, journal.newToken ? secret : undefined, storage, options.force ?? false);
  } catch (error) {
    throw await settleAfterFailure(session, journal, error);
  }
  const outcome = await finish(session, journal, inEffect, storage);
  // Grace periods are unreliable (#27193, #35797) and the proxy may add one nobody asked for:
  // after the commit, one request with the old secret says what is true.
  const oldKeyWorks = swapped !== null && oldKey.secret ? await stillWorks(client, oldKey.secret) : null;
  if (oldKeyWorks !== null) outcome.problems.push(...graceProblems(journal, oldKeyWorks));
  return { ...outcome, old_key_works: oldKeyWorks };
}

/** Re-creating would lose a setting: refuse (naming it) unless --force. */
function refuseNarrowing(old: KeyRecord, options: RotateOptions): void {
  const lost = uncopyableSettings(old);
  if (lost.length === 0 || options.force) return;
  throw new UserError(`Rotating "${options.alias}" means re-creating it on this proxy, and these settings would not carry over: ${lost.join('; ')}.`, {
    code: 'rotation_loses_settings', hint: 'Rotate with --force to re-create it without them, or rotate it on a proxy with regenerate (LiteLLM Enterprise).',
  });
}

/** One request with the old secret: does it still authenticate? (/v1/models: any key may call it.) */
async function stillWorks(client: LiteLLMClient, secret: string): Promise<boolean | null> {
  try {
    await client.listModels({ secret, kind: 'virtual' });
    return true;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (['key_unknown', 'key_expired', 'key_blocked', 'forbidden'].includes(error.code)) return false;
    return error.code === 'budget_exceeded' ? true : null; // over budget still means the proxy knows it
  }
}

/** What the check of the old key found, where it differs from what was asked (a blocked key was never going to work). */
function graceProblems({ grace, blocked }: RotationJournal, works: boolean): string[] {
  if (grace && !works && !blocked) return [`The proxy did not keep the old key working for ${grace} as asked (a known LiteLLM grace-period bug, #27193): anything still using it fails now.`];
  return [];
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
    // Rolled back onto nothing (the old key is gone): the problem says so and names the way out.
    if (settled.problems.length) return new UserError(`${error.message} ${settled.problems.join(' ')}`, { code: error.code, hint: error.hint });
    return new UserError(`${error.message} The rotation was rolled back; the old key is unchanged and still works.`, { code: error.code, hint: error.hint });
  } catch {
    return new UserError(`${error.message} The rotation is unfinished and could not be settled now.`, {
      code: error.code, hint: `Run \`ollm key rotate --resume --alias ${journal.alias}\` when the proxy answers again; the old key keeps working until then.`,
    });
  }
}

/**
 * The secret now in effect when the proxy swapped it; null when it refused (not Enterprise, or it
 * does not let clients choose the secret — then re-creating takes over).
 */
async function tryRegenerate(session: Session, journal: RotationJournal, secret: string, storage: StoreName): Promise<string | null> {
  const { ctx, client, master } = session;
  await step(ctx, journal, 'regenerating');
  let answer: GenerateKeyResponse;
  try {
    answer = await client.regenerateKey(master, journal.oldToken, { new_key: secret, ...(journal.grace ? { grace_period: journal.grace } : {}) });
  } catch (error) {
    if (error instanceof UserError && error.code === 'enterprise_only') {
      await rememberRegenerate(ctx, journal.proxy, false);
      return null;
    }
    if (error instanceof UserError && error.code === 'custom_keys_disabled') {
      await rememberCapability(ctx, journal.proxy, 'customKeys', false);
      await proxyChoosesFromNowOn(session, journal, storage);
      return null;
    }
    throw error;
  }
  await rememberRegenerate(ctx, journal.proxy, true);
  return adoptAnswer(session, journal, secret, answer.key, storage);
}

/**
 * The key the answer carries is the key. A proxy that dropped the chosen secret made its own:
 * that one is parked and journalled before anything else, and the proxy is remembered.
 */
async function adoptAnswer(session: Session, journal: RotationJournal, sent: string | undefined, received: string, storage: StoreName): Promise<string> {
  if (received === sent) return sent;
  const { ctx, vault } = session;
  // Deleted again when unfit: re-creating then rolls back; regenerating had replaced the old key
  // in place, so the settling that follows finds it gone and says so.
  await acceptProxySecret(session.client, session.master, received, journal.alias);
  if (sent !== undefined) {
    ctx.warn(`warning: the proxy ignored the secret ollm chose for "${journal.alias}" and made its own; ollm keeps the proxy's key.`);
    await rememberCapability(ctx, journal.proxy, 'customKeys', false);
  }
  await vault.save(PENDING_SERVICE, journal.account, received, storage);
  journal.newToken = keyToken(received);
  await step(ctx, journal, journal.step);
  return received;
}

/** The new key's hash is unknown until the proxy answers: a resume finds the key by alias + tag. */
async function proxyChoosesFromNowOn(session: Session, journal: RotationJournal, storage: StoreName): Promise<void> {
  const { ctx, vault } = session;
  await vault.remove(PENDING_SERVICE, journal.account, vault.store(storage)).catch(() => []);
  journal.newToken = '';
  await step(ctx, journal, journal.step);
}

// LiteLLM's aliases are unique across all keys: the old key gives up the alias first, and the
// new key (same settings, same spend) takes it. Returns the secret now in effect.
async function recreate(session: Session, journal: RotationJournal, old: KeyRecord, secret: string | undefined, storage: StoreName, force: boolean): Promise<string> {
  const { ctx, client, master } = session;
  await step(ctx, journal, 'renaming-old');
  await client.updateKey(master, journal.oldToken, { key_alias: journal.retiredAlias, metadata: { ...old.metadata, ollm_rotation: journal.id, ollm_retired: 'true' } });
  // No journal write between rename and create: a resume handles both alike (it asks the proxy
  // whether the new key exists), and each write costs two fsyncs — a bulk rotation's main cost.
  let chosen = secret;
  let answer: GenerateKeyResponse;
  try {
    answer = await client.generateKey(master, recreateRequest(old, journal.alias, chosen, journal.id, ctx.now()));
  } catch (error) {
    if (!(chosen && error instanceof UserError && error.code === 'custom_keys_disabled')) throw error;
    // Refused before anything was made: let the proxy choose (found by its ollm_rotation tag if lost).
    await rememberCapability(ctx, journal.proxy, 'customKeys', false);
    await proxyChoosesFromNowOn(session, journal, storage);
    chosen = undefined;
    answer = await client.generateKey(master, recreateRequest(old, journal.alias, undefined, journal.id, ctx.now()));
  }
  const inEffect = await adoptAnswer(session, journal, chosen, answer.key, storage);
  if (!force) await refuseWider(session, journal, old);
  return inEffect;
}

/** Before the commit point: a new key the proxy made wider than the old one is deleted again. */
async function refuseWider(session: Session, journal: RotationJournal, old: KeyRecord): Promise<void> {
  const { client, master } = session;
  const dropped = droppedLimits(old, (await client.keyInfo(master, journal.newToken)).info);
  if (dropped.length === 0) return;
  await client.deleteKeys(master, [journal.newToken]);
  throw new UserError(`The proxy re-created "${journal.alias}" without these limits of the old key: ${dropped.join(', ')} (its /key/generate ignores them), so the new key was deleted again.`, {
    code: 'rotation_wider_access', hint: 'Upgrade the LiteLLM proxy, or rotate with --force to accept a key without those limits.',
  });
}

/** From the commit point on: store the new key, rewrite the targets, retire the old key, clean up. */
async function finish(session: Session, journal: RotationJournal, secret: string, storage: StoreName): Promise<RotationOutcome> {
  const { ctx, client, master, vault } = session;
  if (journal.blocked && journal.step !== 'committed') await keepBlocked(client, master, journal.newToken);
  if (journal.keep !== 'reveal') await vault.save(KEY_SERVICE, journal.account, secret, storage);
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
  // Only an admin may lower a key's max_budget; under a user key the user's own budget caps the retired key.
  if (journal.method === 'recreate') await retireOld(client, master, journal, { capBudget: !keepForTargets && master.kind === 'master' });
  await vault.remove(PENDING_SERVICE, journal.account, vault.store(storage)).catch(() => []);
  await removeJournal(ctx.paths.stateDir, journal.account);
  await noteRotated(ctx, journal.account, journal.method); // when it is next due (ollm schedule)
  return {
    key_alias: journal.alias, account: journal.account, method: journal.method,
    old_key: journal.oldMasked, new_key: maskKey(secret), secret,
    spend_carried: journal.spend, grace: journal.grace,
    retired_alias: journal.method === 'recreate' ? journal.retiredAlias : null, targets, problems, blocked: journal.blocked ?? false,
  };
}

/**
 * The new key of a blocked key is blocked before anyone holds it. /key/generate made it so already
 * (recreateRequest) and regenerate keeps the row; a proxy that ignored `blocked` is caught here,
 * also when a resume rolls forward.
 */
async function keepBlocked(client: LiteLLMClient, master: MasterKey, newToken: string): Promise<void> {
  if ((await client.keyInfo(master, newToken)).info.blocked !== true) await client.setBlocked(master, newToken, true);
}

async function retireOld(client: LiteLLMClient, master: MasterKey, journal: RotationJournal, options: { capBudget: boolean }): Promise<void> {
  try {
    if (journal.grace) await client.updateKey(master, journal.oldToken, { duration: journal.grace, ...(options.capBudget ? await retiredBudget(client, master, journal.oldToken) : {}) });
    else await deleteOldKey(client, master, journal.oldToken); // batched with the other rotations finishing now
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
  const [main, pending] = await vault.findTogether(journal.account, [KEY_SERVICE, PENDING_SERVICE]);
  const storage = (main ?? pending)?.store.name ?? 'keychain';
  if (journal.keep === 'reveal' && !session.reveal && pending && keyToken(pending.secret) === journal.newToken) throw mustReveal(journal);
  if (main && keyToken(main.secret) === journal.newToken) {
    return { ...(await finish(session, journal, main.secret, storage)), resumed: 'rolled-forward' };
  }
  // Committed but not kept here (a revealed fleet key): the pending entry still has the secret.
  if (pending && keyToken(pending.secret) === journal.newToken && journal.step === 'committed') {
    return { ...(await finish(session, journal, pending.secret, storage)), resumed: 'rolled-forward' };
  }
  if (pending && journal.newToken && keyToken(pending.secret) === journal.newToken && await proxyKnows(client, master, journal.newToken)) {
    return { ...(await finish(session, journal, pending.secret, storage)), resumed: 'rolled-forward' };
  }
  // Not created (or created without ollm holding it, which the order of steps rules out; remove it anyway).
  if (journal.newToken && await proxyKnows(client, master, journal.newToken)) await client.deleteKeys(master, [journal.newToken]);
  // The proxy chose the secret and its answer never reached the journal: nobody holds that key.
  if (!journal.newToken) {
    const orphans = (await findTagged(client, master, journal.alias, 'ollm_rotation', journal.id)).map((k) => k.token).filter((t): t is string => !!t && t !== journal.oldToken);
    if (orphans.length) await client.deleteKeys(master, orphans);
  }
  // The old key may be gone meanwhile (revoked, or deleted by an admin): then there is nothing to
  // give the alias back to, and the journal is settled all the same — it must never block the alias.
  const oldGone = !(await proxyKnows(client, master, journal.oldToken));
  if (journal.method === 'recreate' && journal.step !== 'started' && !oldGone) {
    await client.updateKey(master, journal.oldToken, { key_alias: journal.alias });
  }
  if (pending) await vault.remove(PENDING_SERVICE, journal.account, pending.store);
  await removeJournal(ctx.paths.stateDir, journal.account);
  const problems = oldGone
    ? [`The old key ${journal.oldMasked} of "${journal.alias}" is gone on the proxy (revoked or deleted there), so the interrupted rotation was dropped; make a new key with \`ollm key revoke --alias ${journal.alias} --yes && ollm key create --alias ${journal.alias}\`.`]
    : [];
  return {
    key_alias: journal.alias, account: journal.account, method: journal.method, old_key: journal.oldMasked,
    new_key: '', secret: '', spend_carried: 0, grace: journal.grace, retired_alias: null, resumed: 'rolled-back', targets: [], problems, blocked: journal.blocked ?? false,
  };
}

async function proxyKnows(client: LiteLLMClient, master: MasterKey, token: string): Promise<boolean> {
  try {
    // The newest LiteLLM still describes a deleted key (archived): that is not a key to roll onto.
    return !isDeletedKey((await client.keyInfo(master, token)).info);
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
