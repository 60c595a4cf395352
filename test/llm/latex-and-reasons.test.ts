/**
 * Text-mode LaTeX reaches the model as its words and math stays masked: `\emph{new}`, `50\%` and
 * `\textbf{regularisation}` are words of the abstract the model must read, not formulas to copy as tokens.
 * The other way round, a reason for a fallback, which readers see, shows formulas as written and no
 * instructions meant for the model.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmSummarizer } from '../../src/summarize/llm/index.js';
import { makePaper } from '../fixtures/render/entries.js';
import { everyRequest, readPrompt, startFakeLlm } from '../helpers/fake-llm.js';
import type { FakeLlm } from '../helpers/fake-llm.js';

let fake: FakeLlm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const paper = makePaper({
  title: 'A \\textit{shrinkage} estimator for $\\lambda$-regularised regression',
  authors: ['A. Author'],
  abstract:
    'Ridge regression is slow on wide data. We propose a \\emph{new} estimator with penalty $\\lambda \\|w\\|_2^2$. It gives a 50\\% reduction in error on three benchmarks. We conclude that \\textbf{regularisation} with $\\lambda$ is enough.',
  categories: ['stat.ML'],
  primaryCategory: 'stat.ML',
});

describe('LLM summarizer: text-mode LaTeX', () => {
  it('sends formatting macros and escapes as plain words, masks only math, and restores the math', async () => {
    fake = await startFakeLlm();
    const summarizer = createLlmSummarizer({ baseUrl: fake.url, model: 'fake-model', capabilitiesFile: null });
    const { summary, meta } = await summarizer.summarize(paper, { language: 'en' });
    await summarizer.close?.();
    expect(meta.status).toBe('ok');
    const sent = readPrompt(fake.requests[0]!.body);
    expect(sent.title).toBe('A shrinkage estimator for ⟦M1⟧-regularised regression');
    expect(sent.abstract).toBe(
      'Ridge regression is slow on wide data. We propose a new estimator with penalty ⟦M2⟧. It gives a 50% reduction in error on three benchmarks. We conclude that regularisation with ⟦M1⟧ is enough.',
    );
    const text = Object.values(summary).join(' ');
    expect(text).toContain('We propose a new estimator with penalty $\\lambda \\|w\\|_2^2$.');
    expect(text).toContain('a 50% reduction');
    expect(text).toContain('We conclude that regularisation with $\\lambda$ is enough.');
    expect(text).not.toMatch(/⟦|\\emph|\\textbf|\\%/);
  });

  it('sends an escaped dollar as a price, so the prose after it is not masked as part of a formula', async () => {
    fake = await startFakeLlm();
    const summarizer = createLlmSummarizer({ baseUrl: fake.url, model: 'fake-model', capabilitiesFile: null });
    const priced = makePaper({
      ...paper,
      abstract: 'Cloud budgets are hard to plan. We reduce annual cloud spending from \\$1.2M to \\$0.4M and prove a regret bound of $\\tilde{O}(\\sqrt{T})$. It costs about $300 per run, while our estimator $\\hat{\\theta}$ converges.',
    });
    const { summary, meta } = await summarizer.summarize(priced, { language: 'en' });
    await summarizer.close?.();
    expect(meta.status).toBe('ok');
    expect(readPrompt(fake.requests[0]!.body).abstract).toBe(
      'Cloud budgets are hard to plan. We reduce annual cloud spending from $1.2M to $0.4M and prove a regret bound of ⟦M2⟧. It costs about $300 per run, while our estimator ⟦M3⟧ converges.',
    );
    const text = Object.values(summary).join(' ');
    expect(text).toContain('a regret bound of $\\tilde{O}(\\sqrt{T})$.');
  });
});

describe('LLM summarizer: reasons for readers', () => {
  const answer = (fields: Record<string, string>) => everyRequest({ kind: 'answer', content: JSON.stringify(fields) });
  const english = {
    tldr: 'We conclude that regularisation with ⟦M1⟧ is enough.',
    motivation: 'Ridge regression is slow on wide data.',
    method: 'We propose a new estimator with penalty ⟦M2⟧.',
    result: 'It gives a 50% reduction in error on three benchmarks.',
    conclusion: 'Regularisation is enough.',
  };

  async function reason(language: string): Promise<string> {
    const summarizer = createLlmSummarizer({ baseUrl: fake!.url, model: 'fake-model', capabilitiesFile: null, reasks: 0 });
    try {
      await summarizer.summarize(paper, { language });
      return 'no failure';
    } catch (err) {
      return (err as Error).message;
    } finally {
      await summarizer.close?.();
    }
  }

  it('restores formulas in quoted text and leaves the model-facing fix out', async () => {
    fake = await startFakeLlm({ script: answer(english) });
    expect(await reason('de')).toBe('the answer failed the checks once: field "tldr" has a sentence in English, not German ("We conclude that regularisation with $\\lambda$ is en…")');
  });

  it('names an invented formula without its token', async () => {
    fake = await startFakeLlm({ script: answer({ ...english, method: 'We propose a new estimator with penalty ⟦M2⟧ and ⟦M9⟧.' }) });
    const text = await reason('en');
    expect(text).toBe('the answer failed the checks once: field "method" refers to a formula the abstract does not have');
    expect(text).not.toMatch(/⟦|copy/);
  });

  it('stores a token copied with other brackets as its formula, and refuses a formula the abstract does not have', async () => {
    fake = await startFakeLlm({ script: answer({ ...english, method: 'We propose a new estimator with penalty 【M2】.' }) });
    const summarizer = createLlmSummarizer({ baseUrl: fake.url, model: 'fake-model', capabilitiesFile: null, reasks: 0 });
    const { summary, meta } = await summarizer.summarize(paper, { language: 'en' });
    await summarizer.close?.();
    expect(meta.status).toBe('ok');
    expect(summary.method).toBe('We propose a new estimator with penalty $\\lambda \\|w\\|_2^2$.');
    await fake.close();
    fake = await startFakeLlm({ script: answer({ ...english, method: 'We propose a new estimator with penalty \\(\\lambda \\|w\\|_1\\).' }) });
    expect(await reason('en')).toBe('the answer failed the checks once: field "method" writes LaTeX the abstract does not have ("\\(\\lambda \\|w\\|_1\\)")');
  });

  it('still tells the model what to fix when it asks again', async () => {
    fake = await startFakeLlm({ script: answer({ ...english, method: 'We propose a new estimator with penalty ⟦M2⟧ and ⟦M9⟧.' }) });
    const summarizer = createLlmSummarizer({ baseUrl: fake.url, model: 'fake-model', capabilitiesFile: null, reasks: 1 });
    await expect(summarizer.summarize(paper, { language: 'en' })).rejects.toThrow(/2 times/);
    await summarizer.close?.();
    const reask = fake.requests[1]!.body.messages!.at(-1)!.content as string;
    expect(reask).toContain('- field "method" refers to a formula the abstract does not have; ⟦M9⟧ is not in the abstract; copy only the math tokens the abstract has');
  });
});
