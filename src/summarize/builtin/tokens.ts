/**
 * Word normalisation for the sentence-role features. Cheap and deterministic: lowercase, numbers folded to
 * shape tokens, a crude suffix strip so "methods"/"method" and "proposed"/"propose" share a feature.
 */

const WORD_RE = /[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*%?|[%$]/g;

/** Fold a number token to a shape so "3.5", "12" and "77.63%" do not each need their own weight. */
function numberShape(tok: string): string {
  if (tok.endsWith('%')) return '<pct>';
  if (tok.includes('.') || tok.includes(',')) return '<dec>';
  return tok.length === 4 && (tok.startsWith('19') || tok.startsWith('20')) ? '<year>' : '<int>';
}

/** Crude stemmer: strips the common inflections only; enough to pool counts, not a linguistic analysis. */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 4) return word;
  if (word.endsWith('ies') && n > 5) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && n > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && n > 5) return word.slice(0, -2);
  if (word.endsWith('es') && n > 5 && /(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

/** Tokens of one sentence: LaTeX spans become `<math>`, numbers their shape, words stemmed. */
export function tokenize(sentence: string): string[] {
  const text = sentence.replace(/\$[^$]*\$/g, ' mathtok ').toLowerCase();
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const tok = m[0];
    const c = tok.charCodeAt(0);
    if (c >= 48 && c <= 57) out.push(numberShape(tok));
    else if (tok === 'mathtok') out.push('<math>');
    else if (tok === '%') out.push('<pct>');
    else if (tok === '$') continue;
    else out.push(stem(tok));
  }
  return out;
}
