/**
 * The commander program: subcommands and their flags. Each action is a thin adapter over the pipeline;
 * errors propagate to the one catch in main.ts.
 */
import { Command, Option } from 'commander';
import { packageVersion } from '../paths.js';
import { ANNOUNCE_TYPES } from '../types.js';
import { evalCommand, evalRankCommand } from './commands/eval.js';
import { fetchCommand } from './commands/fetch.js';
import { importJsonlCommand } from './commands/import-jsonl.js';
import { profileImportCommand, profileShowCommand } from './commands/profile.js';
import { renderCommand } from './commands/render.js';
import { runCommand } from './commands/run.js';
import { profileAddSearchCommand, reindexCommand, searchCommand } from './commands/search.js';
import { sendCommand } from './commands/send.js';
import { serveCommand, siteCommand } from './commands/site.js';
import { EXIT_CODE_HELP, withHelpEpilogue } from './help.js';
import { registerBulkCommands, registerQueueCommands } from './scale-commands.js';

export { EXIT_CODE_HELP };

/** `--announce-types`; checked with the rest of the configuration (resolveConfig), as its config key and variable are. */
function announceTypesOption(what: string, byDefault: string): Option {
  return new Option('--announce-types <list>', `${what}, comma-separated: ${ANNOUNCE_TYPES.join(', ')} (default: ${byDefault})`);
}

/** What a command showing a stored day says of `--announce-types`. */
const SHOWN_TYPES = ['announce types to show', 'those the day was run with'] as const;

/** Flags shared by the commands that fetch or render a day. */
function dayOptions(cmd: Command, withOut: boolean): Command {
  cmd
    .option('--categories <list>', 'arXiv categories or whole archives, comma-separated, in display order (e.g. cs.LG,stat.ML or cs)')
    .option('--date <YYYY-MM-DD>', 'announcement date (default: the latest announcement)')
    .option('--feed-file <path>', 'build from a saved RSS/Atom file (- reads standard input); no network request at all')
    .option('--sample', 'use the bundled sample day (cs.LG + stat.ML, 2026-01-30)')
    .addOption(announceTypesOption('announce types to include', 'new,cross'))
    .option('--db <location>', 'database: a SQLite file or postgres://… (default: a SQLite file in the user data dir)')
    .option('--config <path>', 'config file (JSON)')
    .option('--contact <email>', 'contact sent to arXiv in the User-Agent');
  if (withOut) cmd.option('--out <dir>', 'output directory (default: ./digest)');
  return cmd;
}

export function buildProgram(): Command {
  const program = new Command('preprint-digest')
    .description('Daily digests of new arXiv papers with structured summaries, offline by default.')
    .version(packageVersion())
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)');

  registerDayCommands(program);
  registerBulkCommands(program);
  registerDeliveryCommands(program);
  registerProfileCommands(program);
  registerEvalCommands(program);
  registerQueueCommands(program);
  return withHelpEpilogue(program);
}

function registerDayCommands(program: Command): void {
  dayOptions(program.command('run').description('fetch → store → summarize → render one announcement day'), true)
    .option('--language <lang>', 'summary language: a name or BCP-47 code (default: en)')
    .addOption(new Option('--summarizer <name>', 'auto = LLM when OPENAI_BASE_URL or OPENAI_API_KEY is set (default: auto)').choices(['auto', 'builtin', 'llm']))
    .option('--model <name>', 'LLM model (env PREPRINT_DIGEST_MODEL)')
    .option('--concurrency <n>', 'LLM requests in flight at most (default: 8)')
    .option('--max-tokens-per-run <n>', 'stop calling the LLM after this many tokens; the rest get marked built-in summaries')
    .option('--max-cost <amount>', 'stop calling the LLM at this cost (needs "prices": config file or PREPRINT_DIGEST_PRICES)')
    .option('--llm-timeout-ms <ms>', 'per LLM request; may exceed 300000 for slow local models (default: 120000)')
    .addOption(new Option('--output-mode <mode>', 'structured-output mode (default: auto)').choices(['auto', 'json_schema', 'json_object', 'prompt']))
    .addOption(new Option('--progress <mode>', 'progress display: auto = a bar on a terminal, plain lines otherwise (default: auto)').choices(['auto', 'bar', 'plain', 'none']))
    .option('--refresh', 'fetch again even if the day is already stored')
    .option('--rank', 'rank papers by the interest profile and add a "For you" list')
    .option('--top <k>', 'papers in "For you" (default: 10)')
    .option('--min-score <x>', 'relevance threshold (0–1) for email and chat when ranking')
    .option('--profile <path>', 'interest profile (default: <config dir>/preprint-digest/profile.json)')
    .option('--to <addresses>', 'also email the digest to these addresses, comma-separated (SMTP from PREPRINT_DIGEST_SMTP_URL)')
    .option('--site-url <url>', 'where the reader is published, for links in feeds, email and chat')
    .option('--queue <url>', 'let `worker` processes summarize, through this Redis queue: redis://HOST:PORT[/DB][?prefix=NAME] (env PREPRINT_DIGEST_QUEUE_URL)')
    .option('--queue-timeout-ms <ms>', 'with --queue: wait at most this long for the workers, then give the papers left marked built-in fallbacks (default: while workers are connected)')
    .action(runCommand);

  dayOptions(program.command('fetch').description('fetch one announcement day into the store (no summaries)'), false)
    .option('--refresh', 'fetch again even if the day is already stored')
    .action(fetchCommand);

  program
    .command('render')
    .description('render a stored day from the store (Markdown, JSONL)')
    .option('--date <YYYY-MM-DD>', 'announcement date (default: the latest stored day)')
    .option('--categories <list>', 'categories, comma-separated (default: those stored for the day)')
    .addOption(announceTypesOption(...SHOWN_TYPES))
    .option('--out <dir>', 'output directory (default: ./digest)')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--language <lang>', 'language of the stored summaries to use (default: en)')
    .addOption(new Option('--summarizer <name>', 'whose stored summaries to use (no API key needed)').choices(['auto', 'builtin', 'llm']))
    .option('--model <name>', 'with the LLM: whose stored summaries to use (env PREPRINT_DIGEST_MODEL)')
    .option('--rank', 'rank papers by the interest profile and add a "For you" list, as `run --rank` does')
    .option('--top <k>', 'papers in "For you" (default: 10)')
    .option('--profile <path>', 'interest profile (default: <config dir>/preprint-digest/profile.json)')
    .option('--config <path>', 'config file (JSON)')
    .action(renderCommand);

  program
    .command('import-jsonl')
    .description('rebuild the store from digest JSONL files (papers, days and their ok summaries)')
    .argument('<files...>', 'YYYY-MM-DD.jsonl files written by run')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .action(importJsonlCommand);
}


function registerDeliveryCommands(program: Command): void {
  program
    .command('site')
    .description('build the web reader over every stored day (and Atom/JSON feeds when --site-url is set)')
    .option('--out <dir>', 'the reader\'s own folder, index.html goes right in it (default: <out>/site, with out as configured, else ./digest/site; for `run --out D`, D/site)')
    .option('--from <YYYY-MM-DD>', 'first day to include')
    .option('--date <YYYY-MM-DD>', 'last day to include')
    .addOption(announceTypesOption(...SHOWN_TYPES))
    .option('--title <text>', 'title shown in the reader')
    .option('--site-url <url>', 'where the site is published (absolute URL), for feeds and canonical links')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--language <lang>', 'language of the stored summaries to show (default: en)')
    .option('--rank', 'rank every day by the interest profile, with its "For you" list, as `run --rank` does')
    .option('--top <k>', 'papers in "For you" (default: 10)')
    .option('--profile <path>', 'interest profile (default: <config dir>/preprint-digest/profile.json)')
    .option('--config <path>', 'config file (JSON)')
    .action(siteCommand);

  program
    .command('serve')
    .description('serve the web reader on localhost')
    .argument('[dir]', 'site folder, or a digest folder with its reader in site/ (default: where `site` writes, <out>/site with out as configured, else ./digest/site)')
    .option('--port <n>', 'port (default: 8765)')
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .option('--db <location>', 'database for /api/search over the whole archive (default: the configured one, if it exists)')
    .option('--no-archive-search', 'serve the static files only')
    .option('--config <path>', 'config file (JSON)')
    .action(serveCommand);

  program
    .command('send')
    .description('email (and push to configured chats) a stored day; on a day a run found without an announcement, a short note')
    .option('--to <addresses>', 'recipients, comma-separated (SMTP from PREPRINT_DIGEST_SMTP_URL)')
    .option('--from <address>', 'sender address')
    .option('--date <YYYY-MM-DD>', 'announcement date (default: the latest day recorded, with or without an announcement)')
    .option('--categories <list>', 'categories to include (default: those stored for the day)')
    .addOption(announceTypesOption(...SHOWN_TYPES))
    .option('--site-url <url>', 'where the reader is published, for links')
    .option('--rank', 'rank by the interest profile; the email opens with "For you"')
    .option('--top <k>', 'papers in "For you" (default: 10)')
    .option('--min-score <x>', 'relevance threshold (0–1) when ranking')
    .option('--profile <path>', 'interest profile')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .action(sendCommand);
}

function registerProfileCommands(program: Command): void {
  const profile = program.command('profile').description('the interest profile used by --rank');
  profile
    .command('import')
    .description('add papers to the profile library from BibTeX, CSL-JSON, Zotero RDF or a list of arXiv ids')
    .argument('<file>', 'library file')
    .option('--profile <path>', 'profile to create or extend (default: <config dir>/preprint-digest/profile.json)')
    .addOption(new Option('--format <format>', 'file format (default: detected)').choices(['bibtex', 'csl-json', 'zotero-rdf', 'ids']))
    .option('--not-interested', 'add them to the "not interested" papers instead')
    .option('--offline', 'do not fetch missing abstracts from the export API')
    .option('--db <location>', 'database: a SQLite file or postgres://… (abstracts are stored there)')
    .option('--config <path>', 'config file (JSON)')
    .option('--contact <email>', 'contact sent to arXiv in the User-Agent')
    .action(profileImportCommand);
  profile
    .command('show')
    .description('summarize the profile')
    .option('--profile <path>', 'profile file')
    .option('--config <path>', 'config file (JSON)')
    .action(profileShowCommand);
  profile
    .command('add-search')
    .description("add the archive's best full-text matches for a query to the profile library")
    .argument('<query...>', 'words (all must match) and "quoted phrases"')
    .option('--top <n>', 'papers to add at most (default: 10)')
    .option('--categories <list>', 'only papers in these categories')
    .option('--profile <path>', 'profile to create or extend')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .action(profileAddSearchCommand);
  program
    .command('search')
    .description('full-text search over every stored paper (title, authors, abstract), best first')
    .argument('<query...>', 'words (all must match) and "quoted phrases"; words match their inflections')
    .option('--limit <n>', 'results at most (default: 20)')
    .option('--categories <list>', 'only papers in these categories')
    .option('--json', 'print JSON: id, version, title, score, url, authors, categories, submitted')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .action(searchCommand);
  program
    .command('reindex')
    .description('rebuild the full-text search index over every stored paper (after import-kaggle --no-search-index)')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .action(reindexCommand);
}

function registerEvalCommands(program: Command): void {
  const evaluate = program.command('eval').description('evaluate a component');
  evaluate
    .command('roles')
    .description("sentence-role classifier on a file in CSAbstruct's JSONL format; prints JSON")
    .argument('<file>', 'CSAbstruct-format JSONL (sentences, labels per abstract)')
    .action(evalCommand);
  evaluate
    .command('rank')
    .description('leave-out evaluation of the ranker (precision@10, recall@50, nDCG) against a random ranking; prints JSON')
    .option('--feed <file>', 'feed file of the day (default: the bundled sample day)')
    .option('--background <files...>', 'CSAbstruct-format JSONL files added to the archive as unlabelled papers')
    .option('--topic <category>', 'primary category of the category task (default: stat.ML)')
    .option('--splits <n>', 'random library/held-out splits (default: 20)')
    .option('--seed <n>', 'random seed (default: 1)')
    .action(evalRankCommand);
}
