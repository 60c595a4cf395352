#!/usr/bin/env node
/**
 * CLI entry: the one place that catches errors and exits. DigestErrors print one line and map to their exit
 * code; anything else is an internal error (exit 1), with the stack only under --debug. Messages quote feed and
 * server text (categories, error bodies), so they are cleaned of controls and line breaks before printing.
 */
import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { EXIT_CODES, exitCodeFor, isDigestError } from '../errors.js';
import { cleanText } from '../render/escape.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  const program = overrideExits(buildProgram());
  try {
    await program.parseAsync(argv);
    return EXIT_CODES.ok;
  } catch (err) {
    return report(err, argv.includes('--debug'));
  }
}

/** Commander errors of every command, nested ones too (`eval roles`), reach `report` instead of exiting 1. */
function overrideExits(cmd: Command): Command {
  cmd.exitOverride();
  for (const sub of cmd.commands) overrideExits(sub);
  return cmd;
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end here too; commander has already printed what it had to say.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT_CODES.ok;
    return EXIT_CODES.usage;
  }
  const code = exitCodeFor(err);
  if (isDigestError(err)) {
    // Messages may quote input (a feed's bytes, a file name): no control character reaches the terminal.
    process.stderr.write(`preprint-digest: ${cleanText(err.message)}\n`);
    if (debug && err.cause) process.stderr.write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
    return code;
  }
  const message = cleanText(err instanceof Error ? err.message : String(err));
  process.stderr.write(`preprint-digest: internal error: ${message}\n`);
  process.stderr.write(
    debug && err instanceof Error ? `${err.stack}\n` : 'Run again with --debug for details, and please report it.\n',
  );
  return code;
}

// Output piped into a reader that stops early (`preprint-digest search x | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_CODES.ok);
  throw err;
});

const code = await main(process.argv);
// Let pending stdout writes flush before exiting with the code. A command stopped by Ctrl-C that saved its place
// and said so (backfill, import-kaggle) has set 130 itself, as a shell reports an interrupted command.
if (code !== EXIT_CODES.ok || process.exitCode === undefined) process.exitCode = code;
