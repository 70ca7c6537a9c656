/** Read and validate remit.yaml: the single boundary where settings are checked. */
import { readFileSync, existsSync } from 'node:fs';
import { RemitError, ExitCode } from '../core/errors.js';
import { formatProblem, type Problem } from '../core/validation.js';
import { readYamlText } from '../core/yaml-text.js';
import { parseConfig } from './parse.js';
import type { Config } from './schema.js';

/** remit.yaml is missing, unreadable or invalid; lists every problem found. */
export class ConfigError extends RemitError {
  /** Each problem as a line: `remit.yaml:14:9 companies.NWF.currency: ...`. */
  readonly problems: string[];

  constructor(file: string, problems: Problem[]) {
    super('config', `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the settings`, {
      exitCode: ExitCode.usage,
      hint: 'fix the settings listed above and run the command again',
    });
    const name = file.split(/[\\/]/).at(-1) ?? file;
    this.problems = problems.map((problem) => formatProblem(problem, name));
  }
}

export function loadConfig(file: string): Config {
  if (!existsSync(file)) {
    throw new RemitError('config', `no remit.yaml in this workspace (${file})`, {
      exitCode: ExitCode.usage,
      hint: 'run `remit init` first, or pass --home to choose another workspace',
    });
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RemitError('config', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { exitCode: ExitCode.usage });
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): Config {
  const yaml = readYamlText(text);
  if (yaml.problems.length > 0) throw new ConfigError(file, yaml.problems);
  const { config, problems } = parseConfig(yaml.data);
  if (!config) throw new ConfigError(file, yaml.place(problems));
  return config;
}
