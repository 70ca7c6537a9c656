/**
 * Reads a YAML recipe file: YAML syntax errors and recipe problems are all reported together,
 * each with its path and line, in one RecipeError.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { RecipeError, type RecipeProblem } from './errors.js';
import type { Recipe } from './recipe.js';
import { formatPath, validateRecipe, type PathSegment } from './recipe-validate.js';

/** Parse and check recipe text. Throws RecipeError listing every problem. */
export function parseRecipe(text: string, options: { source?: string; name?: string } = {}): Recipe {
  const { recipe, problems } = checkRecipeText(text, options);
  if (!recipe) throw new RecipeError(problems, options.source);
  return recipe;
}

/** Parse and check recipe text without throwing: for `remit portal check`-style listings and tests. */
export function checkRecipeText(text: string, options: { source?: string; name?: string } = {}): {
  recipe?: Recipe;
  problems: RecipeProblem[];
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { path: '', message: `YAML: ${err.message.split('\n')[0]}`, line: pos.line, column: pos.col };
      }),
    };
  }
  const data: unknown = doc.toJS();
  const result = validateRecipe(data, options);
  const problems = result.problems.map((p): RecipeProblem => {
    const where = locate(doc, lineCounter, p.segments);
    return { path: formatPath(p.segments), message: p.message, ...where };
  });
  return result.recipe ? { recipe: result.recipe, problems } : { problems };
}

/** Read a recipe file; its name defaults to the file name without extension. */
export async function loadRecipeFile(path: string): Promise<Recipe> {
  const text = await readFile(path, 'utf8');
  return parseRecipe(text, { source: path, name: basename(path, extname(path)) });
}

type ParsedDocument = ReturnType<typeof parseDocument>;

function locate(doc: ParsedDocument, lineCounter: LineCounter, segments: PathSegment[]): { line?: number; column?: number } {
  for (let i = segments.length; i >= 0; i--) {
    const node: unknown = i === 0 ? doc.contents : doc.getIn(segments.slice(0, i), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}
