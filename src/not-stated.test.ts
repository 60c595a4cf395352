import { describe, expect, it } from 'vitest';
import { saysNotStated } from './not-stated.js';
import { NOT_STATED } from './types.js';

describe('saysNotStated', () => {
  it("knows the built-in summarizer's words and an LLM's short sentence to that effect in several languages", () => {
    const gaps = [NOT_STATED, 'The abstract does not mention a conclusion.', 'Im Abstract nicht angegeben.', '摘要中未提及。', '要旨には記載されていない。', 'No se menciona en el resumen.', 'Не указано в аннотации.'];
    for (const text of gaps) expect(saysNotStated(text), text).toBe(true);
  });

  it('is false for a field that says something, even in the same words', () => {
    const said = [
      'We show that the bound is tight.',
      'The accuracy is not reported. The runtime halves on all benchmarks.',
      `The method needs no labels, and the step size is not specified by the user but chosen by a line search over ${'a long list of candidates '.repeat(3)}.`,
    ];
    for (const text of said) expect(saysNotStated(text), text).toBe(false);
  });
});
