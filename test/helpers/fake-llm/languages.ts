/**
 * Short templated summaries in languages other than English. They contain no digits, acronyms or LaTeX of
 * their own: the only number is one taken from the abstract, and math tokens are listed once each, so a
 * faithful answer passes the client's number, entity and math checks.
 */

export interface LanguageTemplates {
  tldr: string;
  motivation: string;
  method: string;
  /** With a number copied from the abstract, or without when it has none. */
  result: (n: string | null) => string;
  conclusion: string;
  /** A sentence naming the math tokens, e.g. zh "其中涉及 ⟦M1⟧、⟦M2⟧。" */
  notation: (tokens: string[]) => string;
}

const zhHans: LanguageTemplates = {
  tldr: '本文提出了一种新方法，用于解决摘要中描述的问题。',
  motivation: '现有方法在这一问题上仍然存在明显的不足。',
  method: '作者设计了一种新的模型和相应的训练流程。',
  result: (n) => (n ? `实验结果表明，该方法达到了 ${n} 的表现。` : '实验结果表明，该方法优于现有的基线方法。'),
  conclusion: '这项工作为后续研究提供了有用的基础。',
  notation: (t) => `其中涉及 ${t.join('、')}。`,
};

const zhHant: LanguageTemplates = {
  tldr: '本文提出了一種新方法，用於解決摘要中描述的問題。',
  motivation: '現有方法在這一問題上仍然存在明顯的不足。',
  method: '作者設計了一種新的模型和相應的訓練流程。',
  result: (n) => (n ? `實驗結果表明，該方法達到了 ${n} 的表現。` : '實驗結果表明，該方法優於現有的基線方法。'),
  conclusion: '這項工作為後續研究提供了有用的基礎。',
  notation: (t) => `其中涉及 ${t.join('、')}。`,
};

const ja: LanguageTemplates = {
  tldr: '本研究は新しい手法を提案する。',
  motivation: '既存の手法にはこの問題に対する課題が残されている。',
  method: '著者らは新しいモデルと学習手順を設計した。',
  result: (n) => (n ? `実験により、提案手法は ${n} の性能を達成した。` : '実験により、提案手法は既存のベースラインを上回ることが示された。'),
  conclusion: 'この研究は今後の研究にとって有用な基盤となる。',
  notation: (t) => `その中で ${t.join('、')} を用いる。`,
};

const ko: LanguageTemplates = {
  tldr: '이 논문은 새로운 방법을 제안한다.',
  motivation: '기존 방법은 이 문제에 대해 여전히 한계가 있다.',
  method: '저자들은 새로운 모델과 학습 절차를 설계하였다.',
  result: (n) => (n ? `실험 결과 제안된 방법은 ${n} 의 성능을 달성하였다.` : '실험 결과 제안된 방법은 기존 방법보다 우수하였다.'),
  conclusion: '이 연구는 향후 연구를 위한 유용한 기반을 제공한다.',
  notation: (t) => `여기서 ${t.join(', ')} 를 사용한다.`,
};

const de: LanguageTemplates = {
  tldr: 'Die Arbeit schlägt eine neue Methode für das beschriebene Problem vor.',
  motivation: 'Bisherige Ansätze haben bei diesem Problem noch deutliche Schwächen.',
  method: 'Die Autoren entwickeln ein neues Modell und ein passendes Trainingsverfahren.',
  result: (n) =>
    n ? `In den Experimenten erreicht die Methode einen Wert von ${n}.` : 'In den Experimenten übertrifft die Methode die bisherigen Vergleichsverfahren.',
  conclusion: 'Die Arbeit bildet eine nützliche Grundlage für weitere Forschung.',
  notation: (t) => `Dabei werden ${t.join(', ')} verwendet.`,
};

const fr: LanguageTemplates = {
  tldr: 'Cet article propose une nouvelle méthode pour le problème étudié.',
  motivation: 'Les approches existantes présentent encore des limites importantes pour ce problème.',
  method: "Les auteurs conçoivent un nouveau modèle et une procédure d'entraînement adaptée.",
  result: (n) =>
    n ? `Dans les expériences, la méthode atteint une valeur de ${n}.` : 'Dans les expériences, la méthode dépasse les approches de référence existantes.',
  conclusion: 'Ce travail fournit une base utile pour les recherches futures.',
  notation: (t) => `On y utilise ${t.join(', ')}.`,
};

const es: LanguageTemplates = {
  tldr: 'Este artículo propone un nuevo método para el problema estudiado.',
  motivation: 'Los enfoques existentes todavía tienen limitaciones importantes en este problema.',
  method: 'Los autores diseñan un nuevo modelo y un procedimiento de entrenamiento adecuado.',
  result: (n) =>
    n ? `En los experimentos, el método alcanza un valor de ${n}.` : 'En los experimentos, el método supera a los enfoques de referencia existentes.',
  conclusion: 'Este trabajo ofrece una base útil para investigaciones futuras.',
  notation: (t) => `Se utilizan ${t.join(', ')}.`,
};

const pt: LanguageTemplates = {
  tldr: 'Este artigo propõe um novo método para o problema estudado.',
  motivation: 'As abordagens existentes ainda apresentam limitações importantes neste problema.',
  method: 'Os autores projetam um novo modelo e um procedimento de treinamento adequado.',
  result: (n) =>
    n ? `Os experimentos mostram que o método não fica atrás e atinge ${n}.` : 'Os experimentos mostram que o método não fica atrás das abordagens existentes.',
  conclusion: 'Este trabalho oferece uma base útil para pesquisas futuras.',
  notation: (t) => `São usados ${t.join(', ')}.`,
};

const ru: LanguageTemplates = {
  tldr: 'В статье предлагается новый метод для рассматриваемой задачи.',
  motivation: 'Существующие подходы по-прежнему имеют заметные ограничения в этой задаче.',
  method: 'Авторы разрабатывают новую модель и подходящую процедуру обучения.',
  result: (n) => (n ? `В экспериментах метод достигает значения ${n}.` : 'В экспериментах метод превосходит существующие базовые подходы.'),
  conclusion: 'Эта работа создаёт полезную основу для дальнейших исследований.',
  notation: (t) => `При этом используются ${t.join(', ')}.`,
};

const BY_PRIMARY: Record<string, LanguageTemplates> = { ja, ko, de, fr, es, pt, ru };
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i;

/** Templates for a BCP-47 code; null for English and for languages the fake does not speak. */
export function templatesFor(code: string): LanguageTemplates | null {
  const primary = code.toLowerCase().split('-')[0] ?? '';
  if (primary === 'zh') return TRADITIONAL.test(code) ? zhHant : zhHans;
  return BY_PRIMARY[primary] ?? null;
}

/** Languages with templates (English is answered from the abstract's own sentences). */
export const FAKE_LANGUAGES = ['en', 'zh', 'zh-CN', 'zh-Hans', 'zh-Hant', 'zh-TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt', 'ru'] as const;
