/**
 * Reads a YAML recipe file: YAML syntax errors and recipe problems are all reported together,
 * each with its path and line, in one RecipeError.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readYamlText } from '../../core/yaml-text.js';
import { RecipeError, type RecipeProblem } from '../errors.js';
import type { Recipe } from './recipe.js';
import { validateRecipe } from './recipe-validate.js';

/** Parse and check recipe text. Throws RecipeError listing every problem. */
export function parseRecipe(text: string, options: { source?: string; name?: string } = {}): Recipe {
  const { recipe, problems } = checkRecipeText(text, options);
  if (!recipe) throw new RecipeError(problems, options.source);
  return recipe;
}

/** Parse and check recipe text without throwing: every problem with its path and line. */
export function checkRecipeText(text: string, options: { source?: string; name?: string } = {}): {
  recipe?: Recipe;
  problems: RecipeProblem[];
} {
  const yaml = readYamlText(text);
  if (yaml.problems.length > 0) return { problems: yaml.problems };
  const result = validateRecipe(yaml.data, options);
  const problems = yaml.place(result.problems);
  return result.recipe ? { recipe: result.recipe, problems } : { problems };
}

/** Read a recipe file; its name defaults to the file name without extension. */
export async function loadRecipeFile(path: string): Promise<Recipe> {
  const text = await readFile(path, 'utf8');
  return parseRecipe(text, { source: path, name: basename(path, extname(path)) });
}
