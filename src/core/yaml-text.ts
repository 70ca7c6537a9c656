/**
 * YAML text (remit.yaml, recipes) read into plain values, with every problem placed on its
 * line: syntax errors, and afterwards the problems the validator found at a path. Hostile
 * YAML (an alias bomb, a huge or deeply nested document) is a problem like any other, never
 * a crash.
 */
import { LineCounter, isNode, parseDocument } from 'yaml';
import { formatPath, type PathSegment, type Problem, type RawProblem } from './validation.js';

/** Limits for settings files: far above any real one, far below what hurts. */
export const YAML_LIMITS = { maxBytes: 4 * 1024 * 1024, maxAliases: 100, maxDepth: 64 };

export interface YamlText {
  /** The document as plain values; undefined when it could not be read. */
  data: unknown;
  /** Syntax and limit problems; the document is unusable when there are any. */
  problems: Problem[];
  /** Place the validator's problems on their lines. */
  place(problems: readonly RawProblem[]): Problem[];
}

export function readYamlText(text: string): YamlText {
  const lineCounter = new LineCounter();
  const none = (problems: Problem[]): YamlText => ({ data: undefined, problems, place: (raw) => raw.map(plain) });
  if (text.length > YAML_LIMITS.maxBytes) return none([{ path: '', message: `the file is over ${YAML_LIMITS.maxBytes / 1048576} MB: not a settings file` }]);
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return none(doc.errors.map((err) => {
      const pos = lineCounter.linePos(err.pos[0]);
      return { path: '', message: `YAML: ${err.message.split('\n')[0]}`, line: pos.line, column: pos.col };
    }));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases });
  } catch (err) {
    // The yaml library refuses alias bombs ("Excessive alias count") while building values.
    return none([{ path: '', message: `YAML: ${(err as Error).message.split('\n')[0]} (more than ${YAML_LIMITS.maxAliases} aliases are not read)` }]);
  }
  if (depth(data) > YAML_LIMITS.maxDepth) return none([{ path: '', message: `YAML: nested more than ${YAML_LIMITS.maxDepth} levels deep: not a settings file` }]);
  const place = (problems: readonly RawProblem[]): Problem[] =>
    problems.map((p) => {
      for (let i = p.segments.length; i >= 0; i--) {
        const node: unknown = i === 0 ? doc.contents : doc.getIn(p.segments.slice(0, i) as PathSegment[], true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { ...plain(p), line: pos.line, column: pos.col };
        }
      }
      return plain(p);
    });
  return { data, problems: [], place };
}

function plain(p: RawProblem): Problem {
  return { path: formatPath(p.segments), message: p.message };
}

/** How deeply a plain value nests, without recursion (a hostile file could be very deep). */
function depth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, level] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, level);
    if (deepest > YAML_LIMITS.maxDepth) return deepest;
    for (const child of Object.values(item)) stack.push([child, level + 1]);
  }
  return deepest;
}
