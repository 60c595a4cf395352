import { describe, expect, it } from 'vitest';
import { capLength, compressLead, dropConnective, MAX_CHARS } from './trim.js';

describe('capLength and compressLead', () => {
  it('cuts at a word boundary outside LaTeX and marks the cut', () => {
    const text = 'We bound the error by $\\mathcal{O}(n^{-1/2} \\log n \\cdot d)$ for all inputs of size n.';
    const cut = capLength(text, 40);
    expect(cut).toBe('We bound the error by…');
    expect(capLength(text, 200)).toBe(text);
  });

  it('cuts outside \\(…\\) and \\[…\\] math as outside $…$, never leaving a formula open', () => {
    const lead = `We study the ${'long '.repeat(67)}regime`;
    const tex = 'd \\gg n \\log n + k \\cdot m';
    for (const math of [`\\( ${tex} \\)`, `\\[ ${tex} \\]`, `$$ ${tex} $$`, `$${tex}$`]) {
      const text = `${lead} where the ambient dimension ${math} grows with the sample size.`;
      expect(text.indexOf(math)).toBeLessThan(MAX_CHARS);
      expect(text.indexOf(math) + math.length).toBeGreaterThan(MAX_CHARS);
      expect(capLength(text)).toBe(`${lead} where the ambient dimension…`);
    }
  });

  it('reads a price as text, not as the opening of math that runs to the cap', () => {
    const text = `Estimation is difficult in practice (it costs $5 per run), so ${'we keep '.repeat(45)}the cost low with $x$ samples.`;
    const cut = capLength(text);
    expect(cut.length).toBeGreaterThan(MAX_CHARS - 10);
    expect(cut.endsWith('…')).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    // Still one price: "\\$5 … $x$" and an escaped dollar do not start a span either.
    expect(capLength(text.replace('$5', '\\$5')).length).toBe(cut.length + 1);
  });

  it('keeps a lone unbreakable span whole rather than cutting it', () => {
    expect(capLength('$a b c d e f$', 5)).toBe('$a b c d e f$');
  });

  it('drops a leading "In this paper," and capitalises what follows', () => {
    expect(compressLead('In this work, we study X.')).toBe('We study X.');
    expect(compressLead('In this paper we study X.')).toBe('We study X.');
    expect(compressLead('Here we show Y.')).toBe('We show Y.');
    expect(compressLead('In this paper the bound of [3] is improved.')).toBe('In this paper the bound of [3] is improved.');
    expect(compressLead('We study X.')).toBe('We study X.');
  });

  it('drops a connective or a lead-in pointing back when the authors\' clause stands alone after it', () => {
    expect(compressLead('To address these issues, we propose DASH, a solver.')).toBe('We propose DASH, a solver.');
    expect(compressLead('Motivated by this gap, our method learns Y.')).toBe('Our method learns Y.');
    expect(compressLead('Furthermore, we show Z.')).toBe('We show Z.');
    expect(compressLead('In this paper, to this end, we show Z.')).toBe('We show Z.');
  });

  it('drops a connective whatever follows it, several lead-ins in a row, and an aside after a content lead-in', () => {
    expect(compressLead('Furthermore, GDT improves risk stratification.')).toBe('GDT improves risk stratification.');
    expect(compressLead('To overcome these challenges, in this paper, we propose X.')).toBe('We propose X.');
    expect(compressLead('To speed up networks on CPUs, in this paper, we propose logic flows.')).toBe(
      'To speed up networks on CPUs, we propose logic flows.',
    );
    expect(compressLead('However,')).toBe('However,');
  });

  it('keeps a lead-in that carries content or a remainder that would not stand alone', () => {
    const keep = [
      'To meta-learn a perturbation estimator, we pool assays.',
      'Under a reachability assumption, we prove a bound.',
      'To address this, a new loss is proposed.',
      'We address this by presenting Zenith.',
    ];
    for (const s of keep) expect(compressLead(s)).toBe(s);
  });

  it('drops a tail that names the problem only earlier sentences state', () => {
    expect(compressLead('We introduce a testing framework to address this.')).toBe('We introduce a testing framework.');
    expect(compressLead('We introduce LoRIF, which exploits low-rank gradients to address both bottlenecks.')).toBe(
      'We introduce LoRIF, which exploits low-rank gradients.',
    );
    expect(compressLead('We propose X to address this gap in $O(n)$ time.')).toBe('We propose X to address this gap in $O(n)$ time.');
    expect(compressLead('We propose X to address this with a linear-time solver.')).toBe('We propose X to address this with a linear-time solver.');
    expect(compressLead('We propose X to address these two limitations.')).toBe('We propose X.');
    expect(compressLead('A loss is proposed to address this.')).toBe('A loss is proposed to address this.');
  });
});

describe('dropConnective', () => {
  it('drops a leading connective from any other field and capitalises a plain word after it', () => {
    expect(dropConnective('Specifically, a filter bank aligns the trials.')).toBe('A filter bank aligns the trials.');
    expect(dropConnective('Finally, we apply split conformal calibration.')).toBe('We apply split conformal calibration.');
    expect(dropConnective('In particular, geodesics become straight lines.')).toBe('Geodesics become straight lines.');
    expect(dropConnective('(2) Asymmetric dynamics: we boost rare items.')).toBe('Asymmetric dynamics: we boost rare items.');
    expect(dropConnective('(ii) \\textit{Recommendations} are given.')).toBe('\\textit{Recommendations} are given.');
    expect(dropConnective('(5) is solved in closed form.')).toBe('(5) is solved in closed form.');
  });

  it('keeps identifiers as written and text without a connective unchanged', () => {
    expect(dropConnective('Moreover, k-means fails here.')).toBe('k-means fails here.');
    expect(dropConnective('Moreover, iPhone data is used.')).toBe('iPhone data is used.');
    const keep = ['Further analysis reveals a gap.', 'Instead of fine-tuning, we learn a map.', 'However,'];
    for (const s of keep) expect(dropConnective(s)).toBe(s);
  });
});
