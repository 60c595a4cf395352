import { describe, expect, it } from 'vitest';
import { sourceNumbers, unsupportedNumbers } from './numbers.js';

const ABSTRACT =
  'We train Llama-3 and GPT-4 on 1,200 tasks and reach 92.3% accuracy (F1 0.87), 3.2x faster, with ⟦M1⟧ layers; ' +
  'SDG 4.2.1 targets, three benchmarks, (1) speed and (2) memory, and 13--14% gains over 2,048-token windows.';

function missing(text: string, language = 'en', abstract = ABSTRACT): string[] {
  return unsupportedNumbers(text, sourceNumbers(abstract), abstract, language);
}

describe('numbers ⊆ abstract', () => {
  it('accepts numbers the abstract states, however they are written', () => {
    expect(missing('Accuracy is 92.3% on 1,200 tasks, 3.2x faster, F1 0.87, gains of 13 to 14 percent.')).toEqual([]);
    expect(missing('Accuracy is 92.3 percent on 1200 tasks with 2048-token windows.')).toEqual([]);
    expect(missing('准确率达到９２．３％，共 1200 个任务。', 'zh')).toEqual([]);
    expect(missing('Die Genauigkeit beträgt 92,3 % bei 1.200 Aufgaben.', 'de')).toEqual([]);
    expect(missing('La précision atteint 92,3 % sur 1 200 tâches.', 'fr')).toEqual([]);
    expect(missing('It targets SDG 4.2.1 with (1) speed and (2) memory.')).toEqual([]);
  });

  it('ignores digits in names the abstract has and in math tokens', () => {
    expect(missing('Llama-3 and GPT-4 use ⟦M12⟧ and ⟦M1⟧ layers.')).toEqual([]);
  });

  it('lets a number word of the abstract appear as digits ("three benchmarks" → 3)', () => {
    expect(missing('They use 3 benchmarks.')).toEqual([]);
  });

  it('flags invented numbers, each once, as written', () => {
    expect(missing('Accuracy is 47% and later 47% again, with 92.4 F1.')).toEqual(['47', '92.4']);
    expect(missing('GPT-5 wins.')).toEqual(['5']);
    expect(missing('About 1,500 tasks.')).toEqual(['1,500']);
  });

  it('reads the decimal digits of every script (Arabic-Indic, Persian, Devanagari …) as the number they write', () => {
    const abstract = 'We evaluate 3 helpers on 12 benchmarks and gain 4.5 points.';
    expect(missing('على ١٣ معيارا', 'ar', abstract)).toEqual(['13']);
    expect(missing('۷ وظیفه و ۹۹ معیار', 'fa', abstract)).toEqual(['7', '99']);
    expect(missing('९ सहायक', 'hi', abstract)).toEqual(['9']);
    expect(missing('৩ সহকারী, ১২টি বেঞ্চমার্ক', 'bn', abstract)).toEqual([]);
    // The Arabic decimal separator: ٤٫٥ is 4.5, ٤٫٧ is not stated.
    expect(missing('على ١٢ معيارا بزيادة ٤٫٥ نقطة', 'ar', abstract)).toEqual([]);
    expect(missing('۱۲ معیار و ۴٫۷ امتیاز', 'fa', abstract)).toEqual(['4.7']);
    // Digits of the Mathematical Alphanumeric block (runs of ten side by side) and of scripts in the source.
    expect(missing('𝟏𝟐 and 𝟗', 'en', abstract)).toEqual(['9']);
    expect(missing('12 benchmarks', 'en', 'On ١٢ benchmarks.')).toEqual([]);
  });

  it('does not take a decimal as two numbers the abstract has separately', () => {
    // 92 and 3 are both in the abstract (92.3, 3.2x); 3.92 is not.
    expect(missing('A score of 3.92.')).toEqual(['3.92']);
  });

  it('reads a comma as decimal only in languages that write it so', () => {
    const abstract = 'Accuracy rose from 1 to 2 and then to 1.7.';
    expect(missing('Sie stieg auf 1,7.', 'de', abstract)).toEqual([]);
    expect(missing('Sie stieg auf 1,5.', 'de', abstract)).toEqual(['1,5']);
    // In English "1,2" lists two numbers; "1,5" is 1 and 5, and 5 is not stated.
    expect(missing('Steps 1,2 matter.', 'en', abstract)).toEqual([]);
    expect(missing('Steps 1,5 matter.', 'en', abstract)).toEqual(['1,5']);
  });

  it('uses the unmasked abstract too, when given', () => {
    const original = 'We bound the error by $O(n^2)$ over 10 runs.';
    expect(unsupportedNumbers('The error is O(n^2).', sourceNumbers('We bound the error by ⟦M1⟧ over 10 runs.'), '', 'en')).toEqual(['2']);
    expect(unsupportedNumbers('The error is O(n^2).', sourceNumbers('⟦M1⟧', original), original, 'en')).toEqual([]);
  });
});
