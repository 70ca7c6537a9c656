import { describe, expect, it } from 'vitest';
import { buildProgram, leafCommands } from '../../src/cli/program.js';
import { EXAMPLES } from '../../src/cli/examples.js';

describe('--help examples', () => {
  const program = buildProgram(() => {});
  const leaves = leafCommands(program);

  it('every command\'s --help ends with two or three examples, one of them the command itself', () => {
    const counted = leaves.filter(({ path }) => ![2, 3].includes(EXAMPLES[path]?.length ?? 0));
    expect(counted.map((leaf) => `${leaf.path}: ${EXAMPLES[leaf.path]?.length ?? 0}`)).toEqual([]);
    for (const { path, command } of leaves) {
      let help = '';
      command.configureOutput({ writeOut: (text) => { help += text; } });
      command.outputHelp();
      const tail = help.slice(help.lastIndexOf('Examples:'));
      expect(help.lastIndexOf('Examples:'), path).toBeGreaterThan(help.lastIndexOf('Options:'));
      for (const line of EXAMPLES[path]!) expect(tail, path).toContain(line);
      expect(EXAMPLES[path]!.some((line) => new RegExp(`(^|\\| )remit (--home \\S+ )?${path}( |$)`).test(line)), path).toBe(true);
    }
  });

  it('names no command that does not exist', () => {
    const paths = new Set(leaves.map((leaf) => leaf.path));
    expect(Object.keys(EXAMPLES).filter((path) => !paths.has(path))).toEqual([]);
  });
});
