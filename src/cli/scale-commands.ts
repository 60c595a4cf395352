/** The scale-out commands: bulk metadata into the store (backfill, import-kaggle) and the summary queue (worker, status). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { backfillCommand } from './commands/backfill.js';
import { importKaggleCommand } from './commands/import-kaggle.js';
import { statusCommand } from './commands/status.js';
import { workerCommand } from './commands/worker.js';

/** Bulk metadata: past ranges from arXiv, the Kaggle snapshot. */
export function registerBulkCommands(program: Command): void {
  program
    .command('backfill')
    .description('harvest past metadata into the store (OAI-PMH for large ranges, the export API for small ones); resumable')
    .option('--categories <list>', 'categories or whole archives, comma-separated (e.g. cs.LG,stat.ML or cs)')
    .requiredOption('--from <YYYY-MM-DD>', 'first day (OAI-PMH: last-modification date; export API: submission date)')
    .requiredOption('--to <YYYY-MM-DD>', 'last day, inclusive')
    .addOption(new Option('--via <mode>', 'auto = export API for <= 7 days and <= 10 categories, else OAI-PMH').choices(['auto', 'oai', 'api']).default('auto'))
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--config <path>', 'config file (JSON)')
    .option('--contact <email>', 'contact sent to arXiv in the User-Agent')
    .addOption(new Option('--progress <mode>', 'progress lines on stderr').choices(['auto', 'bar', 'plain', 'none']))
    .option('--summarize', 'enqueue summaries of the backfilled papers for `worker` processes (needs --queue)')
    .option('--queue <url>', "the cluster's Redis: summaries for --summarize, and arXiv request spacing shared with every run and backfill on it (env PREPRINT_DIGEST_QUEUE_URL)")
    .addOption(new Option('--summarizer <name>', 'with --summarize: the workers\' summarizer (auto = LLM when OPENAI_BASE_URL or OPENAI_API_KEY is set)').choices(['auto', 'builtin', 'llm']))
    .option('--model <name>', 'with --summarize: LLM model (env PREPRINT_DIGEST_MODEL)')
    .option('--language <lang>', 'with --summarize: summary language (default: en)')
    .action(backfillCommand);

  program
    .command('import-kaggle')
    .description('stream the Kaggle arXiv metadata snapshot (JSON Lines) into the store')
    .argument('<file>', 'arxiv-metadata-oai-snapshot.json')
    .option('--db <location>', 'database: a SQLite file or postgres://…')
    .option('--categories <list>', 'only papers in these categories (any of theirs)')
    .option('--no-search-index', 'do not rebuild the full-text search index at the end (faster; searches miss the new papers)')
    .option('--restart', 'read the file from the top even if an earlier import of it stopped part-way (by default it carries on)')
    .option('--config <path>', 'config file (JSON)')
    .addOption(new Option('--progress <mode>', 'progress lines on stderr').choices(['auto', 'bar', 'plain', 'none']))
    .action(importKaggleCommand);
}

/** Scale-out: the summary workers and their queues' status. */
export function registerQueueCommands(program: Command): void {
  program
    .command('worker')
    .description('summarize the jobs `run --queue` enqueues, until SIGINT/SIGTERM (same summarizer settings and store as the run)')
    .option('--queue <url>', 'Redis queue: redis://HOST:PORT[/DB][?prefix=NAME] (env PREPRINT_DIGEST_QUEUE_URL)')
    .option('--db <location>', 'the store the runs use: postgres://… or one SQLite file on this machine')
    .option('--concurrency <n>', 'LLM requests in flight at most (default: 8); an LLM worker holds twice as many jobs, so papers waiting out a backoff do not idle the endpoint (as many under --rate-limit); the built-in summarizer: jobs at once')
    .option('--rate-limit <n/duration>', 'summaries started per duration by all workers together, e.g. 60/1m or 5/s (give every worker the same)')
    .addOption(new Option('--summarizer <name>', 'auto = LLM when OPENAI_BASE_URL or OPENAI_API_KEY is set').choices(['auto', 'builtin', 'llm']))
    .option('--model <name>', 'LLM model (env PREPRINT_DIGEST_MODEL)')
    .option('--llm-timeout-ms <ms>', 'per LLM request (default: 120000)')
    .addOption(new Option('--output-mode <mode>', 'structured-output mode (default: auto)').choices(['auto', 'json_schema', 'json_object', 'prompt']))
    .option('--max-tokens-per-run <n>', "this worker's LLM token budget; reached, it stops the cluster's LLM calls until the next run")
    .option('--max-cost <amount>', "this worker's LLM cost budget (needs \"prices\": config file or PREPRINT_DIGEST_PRICES), the same way")
    .option('--name <name>', 'worker name shown by status (default: HOST:PID)')
    .option('--config <path>', 'config file (JSON)')
    .action(workerCommand);
  program
    .command('status')
    .description('summary queues: jobs waiting, active, delayed, completed and failed, workers, recent failures')
    .option('--queue <url>', 'Redis queue (env PREPRINT_DIGEST_QUEUE_URL)')
    .option('--json', 'print JSON')
    .option('--failures <n>', 'recent failures to list per queue (default: 5)')
    .option('--obliterate', 'delete every queue, job and lock under the prefix (stop the workers first)')
    .option('--config <path>', 'config file (JSON)')
    .action(statusCommand);
}
