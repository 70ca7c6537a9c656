/**
 * A tiny collector for configuration problems, so that every problem in remit.yaml is
 * reported at once, each with its path (`companies.NWF.gl.accounts_receivable: ...`).
 */
export class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Read an optional section that must be a mapping; reports and returns {} otherwise. */
export function section(parent: Raw, key: string, path: string, problems: Problems): Raw {
  const value = parent[key];
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.add(path, 'must be a mapping of keys to values');
    return {};
  }
  return value;
}

export function optionalString(parent: Raw, key: string, path: string, problems: Problems): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.add(path, `must be text, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function optionalNumber(
  parent: Raw,
  key: string,
  path: string,
  problems: Problems,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    problems.add(path, `must be a number, got ${describe(value)}`);
    return undefined;
  }
  if (value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
    problems.add(path, `must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}, got ${value}`);
    return undefined;
  }
  return value;
}

export function optionalBoolean(parent: Raw, key: string, path: string, problems: Problems): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    problems.add(path, `must be true or false, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function stringMap(parent: Raw, key: string, path: string, problems: Problems): Record<string, string> {
  const raw = section(parent, key, path, problems);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
    else problems.add(`${path}.${name}`, `must be text, got ${describe(value)}`);
  }
  return out;
}

export function stringList(parent: Raw, key: string, path: string, problems: Problems): string[] | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.add(path, `must be a list, got ${describe(value)}`);
    return undefined;
  }
  const out: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
    else problems.add(`${path}[${index}]`, `must be text, got ${describe(item)}`);
  });
  return out;
}

/** Report keys that remit does not know, which are nearly always typos. */
export function unknownKeys(raw: Raw, known: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) problems.add(path ? `${path}.${key}` : key, `unknown setting (expected one of: ${known.join(', ')})`);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}
