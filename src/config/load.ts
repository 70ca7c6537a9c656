/** Read and validate remit.yaml: the single boundary where settings are checked. */
import { readFileSync, existsSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { RemitError, ExitCode } from '../core/errors.js';
import { parseConfig } from './parse.js';
import type { Config } from './schema.js';

/** remit.yaml is missing, unreadable or invalid; lists every problem found. */
export class ConfigError extends RemitError {
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super('config', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the settings`, {
      exitCode: ExitCode.usage,
      hint: 'fix the settings listed above and run the command again',
    });
    this.problems = problems;
  }
}

export function loadConfig(file: string): Config {
  if (!existsSync(file)) {
    throw new RemitError('config', `no remit.yaml in this workspace (${file})`, {
      exitCode: ExitCode.usage,
      hint: 'run `remit init` first, or pass --home to choose another workspace',
    });
  }
  return parseConfigText(readFileSync(file, 'utf8'), file);
}

export function parseConfigText(text: string, file: string): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((error) => `line ${(error.linePos?.[0]?.line ?? 0)}: ${error.message.split('\n')[0]}`),
    );
  }
  const { config, problems } = parseConfig(doc.toJS());
  if (!config) throw new ConfigError(file, problems);
  return config;
}
