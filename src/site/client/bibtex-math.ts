/**
 * A math span of an untrusted title made safe to paste into someone's LaTeX document: TeX runs whatever control
 * sequence it is given, so `$a\input{/etc/hostname}$`, `\def`, `\write`, `\openin` or `\catcode` in a title would
 * run in the user's build. Only math macros on a list are kept; a span with any other is not math here (the
 * caller writes it as escaped text). `%`, `#` and `&` are escaped inside math too: a bare `%` comments out the
 * rest of the line, `#` and `&` stop the build.
 */

/** Math-mode macros that only typeset: symbols, operators, fonts, accents, delimiters, spacing. */
const SAFE_MACROS = new Set(
  [
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho',
    'sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega',
    'times cdot cdots ldots dots ddots vdots pm mp div ast star circ bullet oplus otimes odot ominus setminus cup cap',
    'wedge vee neg lnot le leq ge geq neq ne approx sim simeq cong equiv propto ll gg lesssim gtrsim asymp prec succ',
    'preceq succeq subset subseteq supset supseteq in notin ni mid parallel perp models vdash top bot forall exists',
    'nexists emptyset varnothing infty partial nabla prime ell hbar Re Im aleph angle triangle dagger square Box',
    'to gets rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow longrightarrow mapsto implies iff',
    'uparrow downarrow hookrightarrow xrightarrow langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert',
    'Vert lbrace rbrace backslash colon log ln exp sin cos tan sinh cosh tanh arcsin arccos arctan max min sup inf lim',
    'limsup liminf arg det dim ker Pr deg gcd bmod pmod operatorname sum prod coprod int iint oint bigcup bigcap',
    'bigoplus bigotimes frac dfrac tfrac sqrt binom left right big Big bigg Bigg bigl bigr Bigl Bigr middle overline',
    'underline widehat widetilde hat tilde bar vec dot ddot check breve acute grave overbrace underbrace',
    'overrightarrow overset underset stackrel substack limits nolimits mathrm mathbf mathit mathsf mathtt mathcal',
    'mathbb mathfrak mathscr boldsymbol bm text textrm textbf textit textsf texttt mbox quad qquad displaystyle',
    'textstyle scriptstyle not intercal sharp flat natural diamond checkmark cdotp',
  ]
    .join(' ')
    .split(' '),
);

/** Control symbols that only typeset (braces, spaces, escaped specials). */
const SAFE_SYMBOLS = new Set(['{', '}', ',', ';', ':', '!', ' ', '|', '%', '#', '&', '_', '$']);

const ESCAPED: Record<string, string> = { '%': '\\%', '#': '\\#', '&': '\\&' };

/**
 * The span's TeX with `%`, `#`, `&` escaped, or null when it has a control sequence off the lists, or TeX's
 * `^^` character notation (`^^5c` is a backslash, so it can spell any macro).
 */
export function safeMathTex(tex: string): string | null {
  if (tex.includes('^^')) return null;
  let out = '';
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i]!;
    if (c !== '\\') {
      out += ESCAPED[c] ?? c;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(tex.slice(i + 1))?.[0];
    const name = word ?? tex[i + 1] ?? '';
    if (!(word ? SAFE_MACROS.has(word) : SAFE_SYMBOLS.has(name))) return null;
    out += `\\${name}`;
    i += name.length;
  }
  return out;
}
