/**
 * The fetch layer: browser, recipes, the engine that runs them, failure evidence. Callers
 * (remit fetch, remit portal test, remit demo) import from here.
 */
export { launchBrowser, browserCandidates, type LaunchOptions } from './session/browser.js';
export { fetchPortal, newPortalContext } from './session/engine.js';
export { PortalError, RecipeError, isPortalError, formatProblem, type PortalErrorKind, type FailureArtifacts, type RecipeProblem } from './errors.js';
export { loadPortalRecipe, listPortals, builtinRecipesDir, builtinAdaptersDir, type PortalListing, type RegistryOptions } from './recipe/registry.js';
export { parseRecipe, checkRecipeText, loadRecipeFile } from './recipe/recipe-load.js';
export { captureFailure, scrubTrace, startTracing, type CaptureOptions } from './evidence/trace.js';
export { sanitizeFileName } from './session/downloads.js';
export { SecretSet, normalizeTotpSecret, totpCode } from './session/secret-set.js';
export type { Recipe } from './recipe/recipe.js';
export type {
  DownloadedFile,
  FetchPortalInput,
  OfferedRow,
  PortalAccount,
  PortalAdapter,
  PortalContext,
  PortalCredentials,
  PortalFetchResult,
  PortalRecipe,
  RowDecision,
  RowFields,
  RowInfo,
  StorageState,
} from './types.js';
