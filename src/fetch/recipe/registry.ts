/**
 * Finding a portal recipe by name: a YAML recipe (`<name>.yaml`) or a TypeScript adapter
 * (`<name>.ts`, compiled to `<name>.js`). Operator recipes in extra directories (the
 * workspace's `portals/`) come before the built-in ones, so a built-in can be overridden
 * without touching the installation.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExitCode, RemitError } from '../../core/errors.js';
import { RecipeError } from '../errors.js';
import { loadRecipeFile } from './recipe-load.js';
import type { PortalAdapter, PortalRecipe } from '../types.js';

const here = dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');

/**
 * Built-in YAML recipes live in `portals/` at the package root: three levels up from
 * src/fetch/recipe when run from source, four from dist/src/fetch/recipe when compiled.
 */
export function builtinRecipesDir(): string {
  return resolve(here, fromSource ? '../../../portals' : '../../../../portals');
}

/** Built-in adapters: portals/*.ts from source, dist/portals/*.js compiled. */
export function builtinAdaptersDir(): string {
  return resolve(here, '../../../portals');
}

export interface RegistryOptions {
  /** Operator recipe directories searched before the built-ins (YAML, .mjs/.js adapters). */
  dirs?: string[];
}

export interface PortalListing {
  name: string;
  kind: 'recipe' | 'adapter';
  path: string;
  builtIn: boolean;
}

function candidates(name: string, options: RegistryOptions): Array<Omit<PortalListing, 'name'>> {
  const out: Array<Omit<PortalListing, 'name'>> = [];
  for (const dir of options.dirs ?? []) {
    for (const ext of ['.yaml', '.yml']) out.push({ kind: 'recipe', path: join(dir, name + ext), builtIn: false });
    for (const ext of ['.mjs', '.js']) out.push({ kind: 'adapter', path: join(dir, name + ext), builtIn: false });
  }
  for (const ext of ['.yaml', '.yml']) out.push({ kind: 'recipe', path: join(builtinRecipesDir(), name + ext), builtIn: true });
  out.push({ kind: 'adapter', path: join(builtinAdaptersDir(), name + (fromSource ? '.ts' : '.js')), builtIn: true });
  return out;
}

/** Load the recipe or adapter called `name`. */
export async function loadPortalRecipe(name: string, options: RegistryOptions = {}): Promise<PortalRecipe> {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    throw new RemitError('usage', `"${name}" is not a recipe name (lower-case letters, digits, "-" and "_")`, { exitCode: ExitCode.usage });
  }
  const found = candidates(name, options).find((c) => existsSync(c.path));
  if (!found) {
    const known = (await listPortals(options)).map((p) => p.name);
    throw new RemitError('usage', `no portal recipe called "${name}"`, {
      exitCode: ExitCode.usage,
      hint: known.length ? `known recipes: ${[...new Set(known)].join(', ')}` : 'add a YAML recipe to the portals folder',
    });
  }
  if (found.kind === 'recipe') return loadRecipeFile(found.path);
  return loadAdapter(found.path, name);
}

async function loadAdapter(path: string, name: string): Promise<PortalAdapter> {
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  const adapter = module.default as Partial<PortalAdapter> | undefined;
  const problems = [];
  if (!adapter || typeof adapter !== 'object') problems.push({ path: 'default', message: 'the module must `export default { name, fetch(ctx) }`' });
  else {
    if (typeof adapter.name !== 'string' || adapter.name === '') problems.push({ path: 'default.name', message: 'name is missing' });
    if (typeof adapter.fetch !== 'function') problems.push({ path: 'default.fetch', message: 'fetch(ctx) is missing' });
  }
  if (problems.length > 0) throw new RecipeError(problems, path);
  return { ...(adapter as PortalAdapter), kind: 'adapter', name: adapter!.name ?? name };
}

/** Every recipe and adapter that can be loaded by name, operator ones first. */
export async function listPortals(options: RegistryOptions = {}): Promise<PortalListing[]> {
  const out: PortalListing[] = [];
  const scan = async (dir: string, builtIn: boolean, adapterExts: string[], recipes: boolean) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const file of names.sort()) {
      const ext = extname(file);
      const name = file.slice(0, -ext.length);
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(name) || file.endsWith('.d.ts')) continue;
      if (recipes && (ext === '.yaml' || ext === '.yml')) out.push({ name, kind: 'recipe', path: join(dir, file), builtIn });
      else if (adapterExts.includes(ext)) out.push({ name, kind: 'adapter', path: join(dir, file), builtIn });
    }
  };
  for (const dir of options.dirs ?? []) await scan(dir, false, ['.mjs', '.js'], true);
  await scan(builtinRecipesDir(), true, fromSource ? ['.ts'] : [], true);
  if (!fromSource) await scan(builtinAdaptersDir(), true, ['.js'], false);
  return out;
}
