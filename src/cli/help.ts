import type { Command } from 'commander';

/** Shown after every command's --help: exit codes, environment, config file places, and arXiv's acknowledgement. */
export const EXIT_CODE_HELP = `
Exit codes:
  0  done
  1  internal error, or the database cannot be used
  2  usage or configuration error
  3  no announcement for that day (weekend, holiday, quiet category), or nothing of the asked types in it
  4  source failure (fetch or parse: network, HTTP error, error feed, malformed or stale feed)
  5  summarizer stopped (auth, quota, budget, endpoint unreachable, workers on another store, or the store cannot save summaries); the partial digest was written
  6  delivery failed (email, Slack, Feishu, Telegram); the digest and site were written
  130  interrupted (Ctrl-C); backfill and import-kaggle saved their place: the same command carries on

Environment: PREPRINT_DIGEST_<KEY> overrides the config file (e.g. PREPRINT_DIGEST_CATEGORIES,
PREPRINT_DIGEST_RSS_URL, PREPRINT_DIGEST_API_URL, PREPRINT_DIGEST_LIST_URL, PREPRINT_DIGEST_OAI_URL,
PREPRINT_DIGEST_DB_URL, PREPRINT_DIGEST_QUEUE_URL, PREPRINT_DIGEST_MODEL); OPENAI_BASE_URL (with /v1) and
OPENAI_API_KEY select an LLM endpoint; flags override both. Config file: --config PATH (or
PREPRINT_DIGEST_CONFIG), ./preprint-digest.config.json or <config dir>/preprint-digest/config.json; relative
paths in it (db, out, profile) are relative to its folder, those of flags and environment to the working one.

Thank you to arXiv for use of its open access interoperability.`;

/** Every command's help ends with the table, subcommands' (`profile import`, `eval rank`) too: a user reads one. */
export function withHelpEpilogue(cmd: Command): Command {
  cmd.addHelpText('after', EXIT_CODE_HELP);
  for (const sub of cmd.commands) withHelpEpilogue(sub);
  return cmd;
}
