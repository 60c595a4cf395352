/**
 * Refusals, placeholders and boilerplate: text that must never be stored as a summary. Phrases that a real
 * summary can contain ("existing tools cannot help …") are matched only in first person or as a whole field.
 */
import { SUMMARY_FIELDS } from '../../types.js';
import type { AnswerProblem, Summary } from './types.js';
import { withoutTokens } from './check-text.js';

/** Anywhere in a field: first person, or wording no summary of a paper uses. */
const ANYWHERE: readonly RegExp[] = [
  /\bas an AI(?: language)? model\b/i,
  /\bI(?:'m| am)? (?:sorry|unable|not able|apologi[sz]e)\b/i,
  /\bI (?:cannot|can't|can ?not|won't|will not|do not have|don't have)\b/i,
  /\b(?:can't|cannot|unable to) (?:help|assist) with (?:this|that)\b/i,
  /\bsummary generation (?:failed|unavailable)\b/i,
  /\bcontent has not passed the compliance\b/i,
  /\blorem ipsum\b/i,
  /\[object \w+\]/,
  /\b(?:insert|add) (?:the )?(?:summary|text|content|tl;?dr|motivation|method|result|conclusion) here\b/i,
  /<\s*(?:tldr|motivation|method|result|conclusion|placeholder)\s*>|\{\{\s*(?:tldr|motivation|method|result|conclusion)\s*\}\}/i,
  /抱歉|对不起|對不起|我无法|我無法|我不能|摘要生成失败|申し訳(?:ありません|ございません)|お手伝いできません|죄송합니다|도와드릴 수 없/,
  /\b(?:es tut mir leid|ich kann (?:nicht|leider)|je suis désolée?|je ne peux pas|lo siento|no puedo)\b/i,
];

/** At the start of a field ("As an AI …" opens refusals; "… as an AI tutor" inside a sentence is fine). */
const OPENING =
  /^(?:as an? (?:AI|artificial intelligence|large language model|language model|LLM)\b|als (?:KI|Sprachmodell)\b|en tant qu['’](?:IA|assistant)|como (?:una )?IA\b|作为(?:一个)?(?:AI|人工智能|语言模型)|作為(?:一個)?(?:AI|人工智慧|語言模型)|AIとして|AI로서)/i;

/** In a short field only: a status line, not a sentence about the paper ("feature extraction failed when …"). */
const STATUS = /\b(?:summary|analysis|extraction|generation|processing) (?:is )?(?:failed|unavailable|not available|error)\b|\bnot available\b/i;

/** The whole field (ignoring case, spaces and end punctuation). */
const WHOLE = /^(?:n\/?a|na|tbd|tba|todo|tbc|none|null|nil|undefined|empty|unknown|placeholder|\.{2,}|…|-+|—|\?+|x+|无|暂无|なし|없음|tl;?dr|motivation|method|result|conclusion)$/i;

export function refusalProblems(summary: Summary): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const field of SUMMARY_FIELDS) {
    const text = summary[field];
    const whole = withoutTokens(text).trim().replace(/[.。!！\s]+$/u, '');
    const short = whole.split(/\s+/).length <= 8 && whole.length <= 80;
    const hit = WHOLE.test(whole)
      ? whole
      : (OPENING.exec(whole)?.[0] ?? (short ? STATUS.exec(whole)?.[0] : undefined) ?? ANYWHERE.map((re) => re.exec(text)?.[0]).find((m) => m !== undefined));
    if (hit !== undefined) {
      problems.push({
        code: 'refusal',
        field,
        message: `field "${field}" is a refusal or placeholder ("${hit}")`,
        fix: 'summarize what the abstract says instead',
      });
    }
  }
  return problems;
}
