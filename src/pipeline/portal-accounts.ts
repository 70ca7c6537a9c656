/**
 * `remit portal add | list | remove`: portal accounts. Settings go to remit.yaml; the
 * password and TOTP seed go only to the keychain (or the vault chosen in remit.yaml).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { closest } from '../core/validation.js';
import { RECIPE_NAME } from '../config/parse.js';
import { listPortals as listRecipes } from '../fetch/recipe/registry.js';
import { addPortalAccount, removePortalAccount } from '../config/edit.js';
import type { PortalAccount } from '../config/schema.js';
import type { SecretStore } from '../secrets/index.js';
import { writeFileAtomic } from '../workspace/atomic-file.js';
import type { PipelineContext } from './context.js';

/** Add an account: remit.yaml is written only after its secrets are stored; returns where they are. */
export async function addPortal(ctx: PipelineContext, secrets: () => Promise<SecretStore>, account: PortalAccount, credentials: { password: string; totp?: string }): Promise<string> {
  await checkRecipe(ctx, account.recipe);
  const text = addPortalAccount(readFileSync(ctx.paths.config, 'utf8'), account, ctx.paths.config);
  const store = await secrets();
  // Secrets left by an earlier account of the same id (a session, an old seed) must not leak into this one.
  await store.deleteAll(account.id);
  await store.set(account.id, 'password', credentials.password);
  if (credentials.totp) await store.set(account.id, 'totp', credentials.totp);
  await writeFileAtomic(ctx.paths.config, text, 0o644);
  return store.kind;
}

/** The recipe must be a name (never a path) of a recipe that exists: checked when the account is added, not at the first fetch. */
async function checkRecipe(ctx: PipelineContext, recipe: string): Promise<void> {
  if (!RECIPE_NAME.test(recipe)) {
    throw new UsageError(`--recipe "${recipe}": a recipe is named by lower-case letters, digits, "-" and "_" (a recipe in portals/), never a path`, 'see the recipes in portals/ of the installation and of the workspace');
  }
  const known = [...new Set((await listRecipes({ dirs: [join(ctx.paths.root, 'portals')] })).map((p) => p.name))].sort();
  if (known.includes(recipe)) return;
  const near = closest(recipe, known);
  throw new UsageError(`--recipe ${recipe}: no recipe of that name${near ? ` (did you mean ${near}?)` : ''}`, known.length ? `known recipes: ${known.join(', ')}; add your own as portals/${recipe}.yaml in the workspace` : `add it as portals/${recipe}.yaml in the workspace`);
}

export interface PortalListing {
  account: PortalAccount;
  /** Why later runs skip it, when they do. */
  held: string | undefined;
  passwordStored: boolean;
  totpStored: boolean;
  lastSuccess: string | null;
  failuresSince: number;
}

export async function listPortals(ctx: PipelineContext, secrets: () => Promise<SecretStore>): Promise<PortalListing[]> {
  const health = new Map((await ctx.ledger.fetches.portalHealth()).map((s) => [s.accountId, s]));
  const store = ctx.config.portals.length ? await secrets() : undefined;
  const holds = new Map((await ctx.ledger.fetches.holds()).map((h) => [h.accountId, h]));
  const rows: PortalListing[] = [];
  for (const account of ctx.config.portals) {
    const hold = holds.get(account.id);
    rows.push({
      account,
      held: hold ? `${hold.errorKind} since ${hold.heldAt.slice(0, 10)}` : undefined,
      passwordStored: Boolean(await store?.get(account.id, 'password')),
      totpStored: Boolean(await store?.get(account.id, 'totp')),
      lastSuccess: health.get(account.id)?.lastSuccess ?? null,
      failuresSince: health.get(account.id)?.failuresSince ?? 0,
    });
  }
  return rows;
}

function accountOf(ctx: PipelineContext, id: string): PortalAccount {
  const account = ctx.config.portals.find((p) => p.id === id);
  if (!account) throw new UsageError(`no portal account "${id}" in remit.yaml`, 'see remit portal list');
  return account;
}

/**
 * `remit portal password`: store a new password (and/or TOTP seed) for an account and end
 * its hold, so the next run tries it. Returns whether a hold was ended.
 */
export async function storePortalSecrets(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string, credentials: { password?: string; totp?: string }): Promise<{ held: boolean }> {
  accountOf(ctx, id);
  const store = await secrets();
  if (credentials.password !== undefined) await store.set(id, 'password', credentials.password);
  if (credentials.totp !== undefined) await store.set(id, 'totp', credentials.totp);
  return { held: await ctx.ledger.fetches.clearHold(id) };
}

/** `remit portal resume`: end a hold without changing a secret (the portal was fixed by hand). */
export async function resumePortal(ctx: PipelineContext, id: string): Promise<{ held: boolean }> {
  accountOf(ctx, id);
  return { held: await ctx.ledger.fetches.clearHold(id) };
}

/** `remit portal forget-session`: the next run logs in afresh. True when a session was stored. */
export async function forgetSession(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string): Promise<boolean> {
  accountOf(ctx, id);
  return (await secrets()).delete(id, 'session');
}

/** Remove an account and every secret it has; returns how many secrets were deleted. */
export async function removePortal(ctx: PipelineContext, secrets: () => Promise<SecretStore>, id: string): Promise<number> {
  const text = removePortalAccount(readFileSync(ctx.paths.config, 'utf8'), id, ctx.paths.config);
  const removed = await (await secrets()).deleteAll(id);
  await writeFileAtomic(ctx.paths.config, text, 0o644);
  return removed;
}
