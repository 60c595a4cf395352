/**
 * The built-in summarizer: split the abstract into sentences, label each with the role CRF (a structured
 * abstract's own headings, where it has them, overrule it), compose the five fields extractively. CPU-bound
 * and synchronous underneath; the model file is read once, on first use.
 */
import type { Paper, SentenceRole, SummaryResult } from '../../types.js';
import type { Summarizer, SummarizeOptions } from '../types.js';
import { COMPOSER_VERSION, composeSummary } from './compose.js';
import { readSections, withSectionRoles } from './headings.js';
import { classifyWith, defaultModelPath, loadModel, MODEL_FORMAT, type RoleModel } from './model.js';
import { splitSentences } from './split.js';

export { composeSummary, roleCoverage, NOT_STATED, OWN_ROLES } from './compose.js';
export { splitSentences } from './split.js';

export interface BuiltinSummarizerOptions {
  /** Path of the role model JSON. @default `<package root>/models/roles-model.json` */
  modelPath?: string;
}

const cache = new Map<string, RoleModel>();

/** The role model at `path` (default: the committed one), loaded once per process. */
export function getRoleModel(path: string = defaultModelPath()): RoleModel {
  let model = cache.get(path);
  if (!model) {
    model = loadModel(path);
    cache.set(path, model);
  }
  return model;
}

/** Roles of pre-split sentences of one abstract, with the committed model. */
export function classifySentences(sentences: string[], modelPath?: string): SentenceRole[] {
  return classifyWith(getRoleModel(modelPath), sentences);
}

function englishNote(language: string): string | null {
  const lang = language.trim().toLowerCase();
  if (lang === '' || lang === 'en' || lang.startsWith('en-')) return null;
  return `wrote English: the built-in summarizer cannot write "${language}" and no LLM is configured`;
}

/** Summarize one paper synchronously (what `summarize` does, minus the Promise); for benchmarks and eval. */
export function summarizeSync(paper: Pick<Paper, 'abstract'>, language = 'en', modelPath?: string): SummaryResult {
  const model = getRoleModel(modelPath);
  const split = splitSentences(paper.abstract);
  // The classifier sees the sentences as written (a heading is a strong cue); the fields get them without it.
  const sections = readSections(split);
  const roles = withSectionRoles(classifyWith(model, split), sections);
  const { summary, sources } = composeSummary(sections.sentences, roles, { conclude: sections.conclude });
  return {
    summary,
    meta: {
      summarizer: 'builtin',
      model: `${MODEL_FORMAT}@${model.digest}`,
      language: 'en',
      status: 'ok',
      reason: englishNote(language),
      sources,
    },
  };
}

export function createBuiltinSummarizer(options: BuiltinSummarizerOptions = {}): Summarizer {
  const path = options.modelPath ?? defaultModelPath();
  // The version must change whenever output could: the model bytes or the composer rules.
  const version = (): string => `${getRoleModel(path).digest}+${COMPOSER_VERSION}`;
  return {
    name: 'builtin',
    get model() {
      return `${MODEL_FORMAT}@${getRoleModel(path).digest}`;
    },
    get version() {
      return version();
    },
    capabilities: { languages: ['en'], concurrent: false },
    async summarize(paper: Paper, opts: SummarizeOptions): Promise<SummaryResult> {
      opts.signal?.throwIfAborted();
      return summarizeSync(paper, opts.language, path);
    },
    languageNote: englishNote,
  };
}
