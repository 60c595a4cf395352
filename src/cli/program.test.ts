import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME } from '../config/resolve.js';
import { EXIT_CODE_HELP, buildProgram } from './program.js';

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

describe('help text', () => {
  it('names a value placeholder by what the value is: a fixed choice is a <mode>/<name>, never a <path>', () => {
    const misnamed = allCommands(buildProgram()).flatMap((cmd) =>
      cmd.options.filter((o) => o.argChoices && /<(path|dir|file)s?(\.\.\.)?>/.test(o.flags)).map((o) => `${cmd.name()} ${o.flags}`),
    );
    expect(misnamed).toEqual([]);
    const backfill = buildProgram().commands.find((c) => c.name() === 'backfill');
    expect(backfill?.options.find((o) => o.long === '--via')?.flags).toBe('--via <mode>');
  });

  it('names the config file places resolveConfig searches, and how their relative paths are read', () => {
    const text = EXIT_CODE_HELP.replace(/\s+/g, ' ');
    expect(text).toContain(`./${CONFIG_FILE_NAME} or <config dir>/preprint-digest/config.json`);
    expect(text).toMatch(/relative paths in it \(db, out, profile\) are relative to its folder/);
  });

  it('shows the exit codes and environment after every command\'s help, and states defaults one way: "(default: X)"', () => {
    for (const cmd of allCommands(buildProgram())) {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => (text += s) });
      cmd.outputHelp();
      expect(text, cmd.name()).toContain('Exit codes:');
      expect(text, cmd.name()).not.toMatch(/\(default [^:]/);
    }
    const run = buildProgram().commands.find((c) => c.name() === 'run')!;
    const said = (long: string) => run.options.find((o) => o.long === long)?.description;
    expect(said('--announce-types')).toMatch(/\(default: new,cross\)/);
    expect(said('--summarizer')).toMatch(/\(default: auto\)/);
    expect(said('--progress')).toMatch(/\(default: auto\)/);
  });
});
