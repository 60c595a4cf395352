/**
 * Recognising a summary field that says the abstract has nothing for it: the built-in summarizer's exact
 * words, or an LLM's own short sentence to that effect in any language we ask for ("The abstract does not
 * mention …", "Nicht angegeben.", "摘要中未提及。"). The LLM checks accept such a field; the reader and the
 * email show it muted.
 */
import { NOT_STATED } from './types.js';

const NOT_STATED_RE =
  /\bnot (?:stated|mentioned|specified|given|reported|described|provided|discussed|available)\b|\bdoes not (?:state|mention|specify|report|describe|provide|discuss|say|give)\b|\bno \w+(?: \w+)? (?:is|are) (?:stated|mentioned|given|reported)\b|未(?:提及|说明|說明|明确|明確|给出|給出|提到)|没有(?:提及|说明|提到)|記載(?:なし|されていない)|明記されていない|言及(?:なし|されていない)|언급(?:되지 않|이 없)|명시되지 않|nicht (?:angegeben|erwähnt|genannt|beschrieben)|keine Angabe|non (?:précisée?s?|mentionnée?s?|indiquée?s?|spécifiée?s?)|ne (?:précise|mentionne|dit) pas|no se (?:indica|menciona|especifica)|no (?:especificad[oa]|mencionad[oa]|indicad[oa])|não (?:é |são )?(?:mencionad[oa]|especificad[oa]|indicad[oa]|informad[oa])|не (?:указан|упомина|сообща)/i;

/** Longer than this, a field says more than "not stated", even if it contains the words. */
const MAX_CHARS = 120;

/** True for a short field of one sentence that only says the abstract gives nothing for it. */
export function saysNotStated(text: string): boolean {
  if (text === NOT_STATED) return true;
  const t = text.trim();
  return t.length <= MAX_CHARS && NOT_STATED_RE.test(t) && !/[.!?。！？](?=\s*\S)/u.test(t);
}
