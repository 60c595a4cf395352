/**
 * Structured abstracts ("Objective: … Methods: … Results: … Conclusions: …", common in eess, q-bio and
 * physics.med-ph) label their own sections. The authors' heading is a better guide to a sentence's role than
 * the classifier, and it reads badly inside a field ("Method: Methods: …"), so the summarizer strips it and
 * gives every sentence of the section the heading's role.
 */
import type { SentenceRole } from '../../types.js';

const CONCLUDING = new Set(['conclusion', 'conclusions', 'significance', 'implications', 'discussion', 'interpretation']);

// A Map, not an object literal: a sentence opening with "Constructor:" must not find Object's prototype.
const HEADING_ROLES = new Map(Object.entries<SentenceRole>({
  background: 'background',
  context: 'background',
  introduction: 'background',
  motivation: 'background',
  problem: 'background',
  rationale: 'background',
  objective: 'objective',
  objectives: 'objective',
  purpose: 'objective',
  aim: 'objective',
  aims: 'objective',
  goal: 'objective',
  goals: 'objective',
  method: 'method',
  methods: 'method',
  methodology: 'method',
  approach: 'method',
  design: 'method',
  'materials and methods': 'method',
  'study design': 'method',
  result: 'result',
  results: 'result',
  findings: 'result',
  'main results': 'result',
  conclusion: 'other',
  conclusions: 'other',
  significance: 'other',
  implications: 'other',
  discussion: 'other',
  interpretation: 'other',
}));

// One to three words of a known heading, then a colon, at the very start of the sentence.
const HEADING_RE = /^\s*([A-Za-z]+(?: [A-Za-z]+){0,2})\s*:\s*(?=\S)/;

export interface Sections {
  /** The sentences with a leading heading removed. */
  sentences: string[];
  /** The role of each sentence's section, or null outside any recognised section. */
  roles: (SentenceRole | null)[];
  /** Sentences under a concluding heading (Conclusion(s), Significance, Implications, …). */
  conclude: boolean[];
}

/** The heading's role and length when `sentence` opens with a recognised section heading. */
export function headingOf(sentence: string): { role: SentenceRole; conclude: boolean; length: number } | null {
  const m = HEADING_RE.exec(sentence);
  const name = m?.[1]!.toLowerCase() ?? '';
  const role = HEADING_ROLES.get(name);
  return role ? { role, conclude: CONCLUDING.has(name), length: m![0].length } : null;
}

/**
 * Section roles of an abstract's sentences. Only an abstract with at least two headings counts as structured:
 * a single "Results:" may be an ordinary sentence's lead-in, and one heading says nothing about its neighbours.
 */
export function readSections(sentences: readonly string[]): Sections {
  const heads = sentences.map(headingOf);
  if (heads.filter(Boolean).length < 2) return { sentences: [...sentences], roles: sentences.map(() => null), conclude: sentences.map(() => false) };
  let current: ReturnType<typeof headingOf> = null;
  const section = heads.map((h) => (current = h ?? current));
  const roles = section.map((h) => h?.role ?? null);
  const conclude = section.map((h) => h?.conclude ?? false);
  const out = sentences.map((s, i) => {
    const h = heads[i];
    if (!h) return s;
    const rest = s.slice(h.length);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  });
  return { sentences: out, roles, conclude };
}

/** The classifier's roles with every sentence inside a recognised section taking the section's role. */
export function withSectionRoles(predicted: readonly SentenceRole[], sections: Sections): SentenceRole[] {
  return predicted.map((r, i) => sections.roles[i] ?? r);
}
