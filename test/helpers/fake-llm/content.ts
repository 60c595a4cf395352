/**
 * Scenarios that answer 200 with content a real model might send: wrapped, cut, blank, in the wrong
 * language, unfaithful, refused. Each builds on the faithful answer for the request's own abstract.
 */
import { SUMMARY_FIELDS } from '../../../src/types.js';
import type { Summary } from '../../../src/types.js';
import { faithfulSummary, splitSentences } from './answer.js';
import { templatesFor } from './languages.js';
import { readPrompt } from './prompt.js';
import type { PromptView } from './prompt.js';
import { ANSWER, byMode } from './scripts.js';
import type { Behaviour, Script, ScriptRequest } from './types.js';

type Make = (summary: Summary, view: PromptView, req: ScriptRequest) => string;

/** An answer whose content is made from the faithful summary of this request. */
function from(make: Make, extra: Omit<Extract<Behaviour, { kind: 'answer' }>, 'kind' | 'content'> = {}): Behaviour {
  return {
    kind: 'answer',
    content: (req) => {
      const view = readPrompt(req.body);
      return make(faithfulSummary(view), view, req);
    },
    ...extra,
  };
}

const json = (s: object) => JSON.stringify(s);
const isEnglish = (code: string) => /^en\b/i.test(code);

/** The snippet each LaTeX command is written in, with ONE backslash as a weak model emits it. */
const LATEX: Record<string, string> = {
  frac: '\\frac{a}{b}',
  theta: '\\theta',
  beta: '\\beta',
  alpha: '\\alpha',
  underline: '\\underline{x}',
  nabla: '\\nabla f',
  rho: '\\rho',
};
const MARK = '@@LATEX@@';
const REFUSAL = "I'm sorry, but I can't help with that.";

/** The first whole number not written anywhere in the text. */
export function inventedNumber(text: string): number {
  let n = 47;
  while (text.includes(String(n))) n += 1;
  return n;
}

export const contentScenarios = {
  /** Accepted json_schema but not enforced: valid JSON with other keys. */
  ignoresSchema: (): Behaviour => from((s) => json({ summary: s.tldr, highlights: [s.method, s.result] })),
  /** llama.cpp builds that read only the flat `response_format.schema`: the nested OpenAI form is ignored. */
  llamaCppFlatSchema: (): Script =>
    byMode({ json_schema: (req) => (req.body.response_format?.schema !== undefined ? ANSWER : contentScenarios.ignoresSchema()) }),
  fenced: (): Behaviour => from((s) => `\`\`\`json\n${JSON.stringify(s, null, 2)}\n\`\`\``),
  /** A reasoning block first, with braces inside it (a trap for naive brace scanning). */
  think: (): Behaviour =>
    from((s) => `<think>\nThe user wants JSON like {"not": "this"}; I will fill the five fields.\n</think>\n\n${json(s)}`),
  prose: (): Behaviour => from((s) => `Here is the summary: ${json(s)} Hope this helps!`),
  /** Raw JSON text with LaTeX commands written with ONE backslash inside a string (method field). */
  singleBackslashLatex: (commands: readonly string[] = ['frac', 'theta', 'beta', 'alpha', 'underline']): Behaviour =>
    from((s) => {
      const latex = commands.map((c) => LATEX[c] ?? `\\${c}`).join(', ');
      // split/join, not String.replace: the raw text must arrive exactly as written.
      return json({ ...s, method: `${s.method} ${MARK}` }).split(MARK).join(`The objective uses ${latex}.`);
    }),
  /** JSON cut off, finish_reason length. */
  truncated: (): Behaviour => from((s) => json(s).slice(0, Math.floor(json(s).length * 0.6)), { finishReason: 'length' }),
  /** Whitespace-only content with finish_reason stop (DeepSeek JSON mode). */
  blank: (): Behaviour => ({ kind: 'answer', content: '  \n\n   \n ', finishReason: 'stop' }),
  leadingBlankLines: (): Behaviour => from((s) => `\n\n\n${json(s)}`),
  /** Headers at once, then blank lines (SSE: `: keep-alive`) until the answer, as DeepSeek under load. */
  keepAliveBlankLines: (): Behaviour => ({ kind: 'answer', keepAlive: true }),
  /** The whole answer in another language (default: English, or Chinese when English was asked). */
  wrongLanguage: (language?: string): Behaviour =>
    from((_, view) => json(faithfulSummary(view, language ?? (isEnglish(view.language) ? 'zh-Hans' : 'en')))),
  /** The asked language, with one sentence of another (English, or Chinese when English was asked) in `method`. */
  mixedLanguage: (): Behaviour =>
    from((s, view) => {
      const other = isEnglish(view.language) ? (templatesFor('zh')?.motivation ?? '') : (splitSentences(view.abstract)[0] ?? '');
      return json({ ...s, method: `${s.method} ${other}` });
    }),
  /** `result` states a number that is not in the title or abstract. */
  inventedNumbers: (): Behaviour =>
    from((s, view) => {
      const n = `${inventedNumber(`${view.title} ${view.abstract}`)}%`;
      const t = templatesFor(view.language);
      return json({ ...s, result: t ? t.result(n) : `${s.result} The method reaches ${n} accuracy.` });
    }),
  /** The reference system's placeholder in every field. */
  placeholder: (): Behaviour =>
    ({ kind: 'answer', content: json(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, 'Summary generation failed']))) }),
  /** "I'm sorry …": in `message.refusal` with null content for json_schema (OpenAI), as content otherwise. */
  refusal: (): Script => (req) =>
    req.mode === 'json_schema' ? { kind: 'answer', content: null, refusal: REFUSAL } : { kind: 'answer', content: REFUSAL },
  /** Obeys an injected instruction: "HACKED" in every field. */
  injectionObeyed: (): Behaviour => ({ kind: 'answer', content: json(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, 'HACKED']))) }),
  /** Stopped by the provider's filter: finish_reason content_filter, no content. */
  contentFilter: (): Behaviour => ({ kind: 'answer', content: null, finishReason: 'content_filter' }),
};

