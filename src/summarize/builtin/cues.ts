/**
 * Wording cues the composer reads in a sentence on top of its role: who speaks, whether it reports a finding,
 * draws a lesson, states a gap, or only says where the code is. Kept apart from compose.ts so the rules there read
 * as rules.
 */

export const WE_DO_RE = /\b(?:we|this (?:paper|work|study|article)|our (?:approach|method|framework|work))\b[^.]{0,60}\b(?:propose|present|introduce|develop|design|describe|study|investigate|address|tackle|show|formulate|provide|explore)/i;
// The authors' own statement of what the paper contributes ("We introduce X, a …", "To address this, we propose
// …", "This paper presents …"): the TL;DR whatever role the classifier gave it (an opening one often reads as
// background to it). Not a follow-up ("We then introduce", "Furthermore, we propose") nor "we present experiments".
export const CONTRIBUTION_RE =
  /^(?:(?:[^,;.]{0,80},\s*)?(?:we|this (?:paper|work|study|article))\s+(?:propose|present|introduce)s?\b|our (?:main |key |primary |central )?contribution is\b)(?!\s+(?:(?:extensive|comprehensive|empirical|experimental|numerical|theoretical|some|several)\s+)*(?:experiments?|results?|evaluations?|evidence|analys[ie]s|simulations?|ablations?|comparisons?|findings)\b)/i;
export const SECONDARY_RE = /^(?:further(?:more)?|also|additionally|in addition|moreover|finally|then|besides|along the way|beyond|lastly|second(?:ly)?|third(?:ly)?|next)\b/i;
// The authors' finding: "we show that …", "our analysis reveals that …", "we prove a lower bound …", and what their
// experiments show whatever follows ("Experiments show 2x speedup.", "Our experiments reveal a trade-off …").
export const FINDING_RE =
  /\b(?:we|our (?:results?|experiments?|analysis|evaluations?|findings))\b[^.;]{0,60}?\b(?:show|demonstrate|prove|find|observe|confirm|verify|reveal)(?:s|ed)?\s+(?:that|the following)\b|\b(?:establish|derive|prove)\w*\b[^.;]{0,40}\b(?:bounds?|guarantees?|rates?|theorems?)\b|^(?:[^.;]{0,40}\s)?(?:experiments?|(?:experimental|empirical|numerical|simulation) (?:results?|studies|evaluations?)|results|evaluations?|simulations?)\s+(?:[\w-]+\s+){0,4}?(?:show|demonstrate|reveal|indicate|confirm)(?:s|ed)?\b/i;
export const GAP_RE = /\b(?:however|but|challeng\w*|lack\w*|limit\w*|remain\w*|problem\w*|difficult\w*|fail\w*|suffer\w*|unclear|bottleneck|costly|expensive|hard|open question)\b/i;
export const FIGURE_RE = /\d|%|\b(?:outperform\w*|improv\w*|better|superior|state-of-the-art|sota|surpass\w*|competitive|faster|gain\w*|reduc\w*|accura\w*)\b/i;
export const GENERAL_RE = /\b(?:suggest\w*|conclu\w*|implication\w*|highlight\w*|reveal\w*|future|promising|insight\w*|shed\w* light|pave\w*|opens?|paradigm|broadly|general(?:ly|i[sz]e\w*)|practical|applicable)\b/i;
export const CONCLUDE_RE = /^(?:overall|in (?:conclusion|summary|short)|to (?:conclude|summari[sz]e)|taken together|together,|collectively|these (?:results|findings|observations)|our (?:results|findings|work|analysis)|this (?:work|study|paper)\b.{0,40}\b(?:provides?|offers?|opens?|paves?|highlights?|establish\w*|underscores?))|\b(?:suggest(?:s|ing)? that|pave\w* the way|future (?:work|research|directions))/i;
// A result the authors claim ("95%", "2x faster", "superior performance"): such a sentence is not an aside, and
// with no result sentence it can still fill the Result.
export const CLAIM_RE = /\d%|\d\s+%|\b\d+(?:\.\d+)?\s?[x×](?=\W|$)|\b(?:outperform\w*|improv\w*|achiev\w*|surpass\w*|state-of-the-art|accura\w*|superior|speed-?ups?)\b/i;

// Where the thing can be had: "… is available at/from/online/upon publication/in the supplementary material", or
// nothing more ("Code will be released."). "Pretrained models are available for many languages, yet …" is not
// about this paper's material, and "have been released in recent years" not about where it is.
const WHERE = String.raw`(?=\s*(?:[.;]|$|(?:at|from|via|online|upon|here|soon|under|alongside|on (?:github|gitlab|hugging ?face|zenodo|our|the project)|in (?:the |our )?(?:supplement\w*|appendix|repository)|with (?:the|this) (?:paper|article)|as open[- ]source|to (?:the (?:public|community)|facilitate|support|foster|encourage|promote|enable)|for (?:download|(?:future |further )?research|reproducibility))\b))`;
const MATERIAL = String.raw`(?:codes?|implementations?|data(?:sets?)?|models?|software|checkpoints?|weights|benchmarks?|library|package|tool(?:kit)?s?|supplementary (?:materials?|information|files?|videos?))`;
const VERB = String.raw`(?:available|accessible|released|open[- ]sourced?)`;
const OFFERED = String.raw`(?:(?:made\s+)?(?:fully|publicly|freely|openly)\s+${VERB}|made\s+(?:available|accessible)|(?:${VERB}|found|downloaded|obtained)${WHERE})`;
// "Code is available at https://…", "The data will be released upon publication.": the links line shows where,
// so no field spends itself on it.
const ASIDE_RE = new RegExp(
  String.raw`https?:\/\/|github\.com|\bopen[- ]sourced? at\b|^[^.;]{0,40}?\b${MATERIAL}\b[^.;]{0,40}?\b(?:is|are|will be|has been|have been|can be)\s+${OFFERED}`,
  'i',
);

/** Says only where the code, data or supplementary material is; a sentence that also reports a result is not an aside. */
export function isAside(sentence: string): boolean {
  return ASIDE_RE.test(sentence) && !CLAIM_RE.test(sentence.replace(/\S*(?:https?:\/\/|\.(?:com|org|io|net|science)\/)\S*/gi, ''));
}

// A measured change ("decreases entanglement", "higher fidelity") besides the figures and claims above.
const CHANGE_RE = /\b(?:increas|decreas|higher|lower|fewer|exceed|boost|enhanc|outperform)\w*/i;

/** Reports something found (a figure, a comparison, "we show that …"), as opposed to only drawing a lesson. */
export function reportsFinding(sentence: string): boolean {
  return FIGURE_RE.test(sentence) || FINDING_RE.test(sentence) || CLAIM_RE.test(sentence) || CHANGE_RE.test(sentence);
}
