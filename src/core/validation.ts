/**
 * The one validation toolkit of remit: remit.yaml, portal recipes and PDF templates are all
 * checked with it. Every problem is collected with its place (`companies.NWF.gl.bank_clearing`,
 * `login.steps[2].fill.selector`) so an operator fixes them all in one go; an unknown key
 * gets a "did you mean" when a known one is close.
 */
export type PathSegment = string | number;

/** One problem, before or after its place has been turned into a line number. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A problem as found: its path still in segments, so a loader can find its line. */
export interface RawProblem {
  segments: PathSegment[];
  message: string;
}

/** `['login', 'steps', 2, 'fill']` -> `login.steps[2].fill`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** `path: message`, prefixed with `source:line:column` when the line is known. */
export function formatProblem(problem: Problem, source?: string): string {
  const where = problem.line !== undefined ? `${source ?? 'file'}:${problem.line}:${problem.column ?? 1} ` : source ? `${source} ` : '';
  return `${where}${problem.path || '(top)'}: ${problem.message}`;
}

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a person would recognise it in a message, short. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

interface CheckerOptions {
  /** What a key is called in messages: a `setting` of remit.yaml, a `key` of a recipe. */
  noun?: string;
}

/** Collects problems while values are read into typed settings. */
export class Checker {
  readonly problems: RawProblem[] = [];
  private readonly noun: string;

  constructor(options: CheckerOptions = {}) {
    this.noun = options.noun ?? 'key';
  }

  add(at: readonly PathSegment[], message: string): void {
    this.problems.push({ segments: [...at], message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Problems with their paths as text. */
  reported(): Problem[] {
    return this.problems.map((p) => ({ path: formatPath(p.segments), message: p.message }));
  }

  /**
   * A mapping with only known keys; an unknown one is reported with a suggestion. Missing:
   * reported when `required`, else an empty mapping.
   */
  mapping(value: unknown, at: readonly PathSegment[], known: readonly string[] | 'any', options: { what?: string; required?: boolean; shape?: string } = {}): Mapping | undefined {
    const what = options.what;
    if (value === undefined || value === null) {
      if (options.required) {
        this.add(at, `${what ? `${what} ` : ''}is missing`);
        return undefined;
      }
      return {};
    }
    if (!isMapping(value)) {
      this.add(at, `${what ? `${what} ` : ''}must be a mapping ${options.shape ?? '(key: value)'}, got ${describe(value)}`);
      return undefined;
    }
    if (known !== 'any') this.unknownKeys(value, at, known);
    return value;
  }

  /** Report every key of `value` not in `known`, with the closest known one. */
  unknownKeys(value: Mapping, at: readonly PathSegment[], known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      this.add([...at, key], `unknown ${this.noun} "${key}"${near ? ` (did you mean "${near}"?)` : ''}; expected one of: ${known.join(', ')}`);
    }
  }

  /** Text (numbers and booleans are taken as their text). */
  text(value: unknown, at: readonly PathSegment[], options: { what?: string; required?: boolean; allowEmpty?: boolean } = {}): string | undefined {
    const what = options.what ? `${options.what} ` : '';
    if (value === undefined || value === null) {
      if (options.required) this.add(at, `${what}is ${options.what ? 'missing' : 'required'}`);
      return undefined;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.add(at, `${what}must be text, got ${describe(value)}`);
      return undefined;
    }
    if (!options.allowEmpty && value.trim() === '') {
      this.add(at, `${what}is empty`);
      return undefined;
    }
    return value;
  }

  /** A number within a range (a whole number when `integer`). */
  number(value: unknown, at: readonly PathSegment[], range: { min: number; max: number; integer?: boolean; what?: string }): number | undefined {
    if (value === undefined || value === null) return undefined;
    const what = range.what ? `${range.what} ` : '';
    const kind = range.integer ? 'a whole number' : 'a number';
    if (typeof value !== 'number' || Number.isNaN(value)) {
      this.add(at, `${what}must be ${kind}${range.what ? ` from ${range.min} to ${range.max}` : ''}, got ${describe(value)}`);
      return undefined;
    }
    if (value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
      this.add(at, `${what}must be ${kind} from ${range.min} to ${range.max}, got ${value}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, at: readonly PathSegment[], what?: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.add(at, `${what ? `${what} ` : ''}must be true or false, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /** One of a few words. */
  oneOf<T extends string>(value: unknown, at: readonly PathSegment[], allowed: readonly T[], what?: string): T | undefined {
    const text = this.text(value, at, what ? { what } : {});
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      const near = closest(text, allowed);
      this.add(at, `${what ? `${what} ` : ''}must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, got "${text}"${near ? ` (did you mean "${near}"?)` : ''}`);
      return undefined;
    }
    return text as T;
  }

  /** A list (lines starting with "- " in YAML). */
  list(value: unknown, at: readonly PathSegment[], options: { what?: string; required?: boolean; nonEmpty?: boolean } = {}): unknown[] | undefined {
    const what = options.what ? `${options.what} ` : '';
    if (value === undefined || value === null) {
      if (options.required) this.add(at, `${what}is missing`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(at, `${what}must be a list (lines starting with "- "), got ${describe(value)}`);
      return undefined;
    }
    if (options.nonEmpty && value.length === 0) this.add(at, `${what}is an empty list`);
    return value;
  }

  /** A list of texts; a single text is not a list. */
  textList(value: unknown, at: readonly PathSegment[]): string[] | undefined {
    const items = this.list(value, at);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, index) => {
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
      else this.add([...at, index], `must be text, got ${describe(item)}`);
    });
    return out;
  }

  /** A mapping of names to texts (column names, reason words). */
  textMap(value: unknown, at: readonly PathSegment[]): Record<string, string> {
    const raw = this.mapping(value, at, 'any', { shape: 'of names to text' });
    const out: Record<string, string> = {};
    if (!raw) return out;
    for (const [name, item] of Object.entries(raw)) {
      if (typeof item === 'string' || typeof item === 'number') out[name] = String(item);
      else this.add([...at, name], `must be text, got ${describe(item)}`);
    }
    return out;
  }

  /** A regular expression (case-insensitive when `flags` say so) that does not match empty text. */
  regex(value: unknown, at: readonly PathSegment[], options: { flags?: string; what?: string; mayMatchEmpty?: boolean } = {}): RegExp | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(at, `expected a regular expression (text), got ${describe(value)}`);
      return undefined;
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(value, options.flags);
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
      this.add(at, `not a valid regular expression (${reason})`);
      return undefined;
    }
    if (!options.mayMatchEmpty && pattern.test('')) {
      this.add(at, 'matches empty text, so it would match every line');
      return undefined;
    }
    return pattern;
  }
}

/** The known word closest to `word`, if it is close enough to be a typo of it. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const option of options) {
    const d = editDistance(lower, option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return bestDistance > 0 && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}
