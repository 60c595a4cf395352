/**
 * Keyboard navigation: j/k (or ↓/↑ while a card has focus) move between cards, Enter or o opens one, f marks it
 * favourite, r read, / goes to the search box, n/p change the day, Escape leaves the search box.
 */
import { toggleCard } from './card.js';

export interface KeyActions {
  nextDay(): void;
  prevDay(): void;
  focusSearch(): void;
}

function cards(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('#main .card')];
}

function move(step: number): void {
  const all = cards();
  if (all.length === 0) return;
  const current = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('.card') : null;
  const at = current ? all.indexOf(current) : -1;
  const next = all[Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + step))];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function onCard(key: string, active: HTMLElement | null): boolean {
  const card = active?.closest<HTMLElement>('.card');
  if (!card) return false;
  const click = (sel: string): void => card.querySelector<HTMLButtonElement>(sel)?.click();
  // Enter on a button or link inside a card keeps its own meaning.
  if ((key === 'Enter' && active === card) || key === 'o') toggleCard(card);
  else if (key === 'f') click('button.fav');
  else if (key === 'r') click('button.read-toggle');
  else return false;
  return true;
}

export function installKeys(actions: KeyActions): void {
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && typing(e.target)) return void (e.target as HTMLElement).blur();
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const card = active?.closest<HTMLElement>('.card') ?? null;
    if (onCard(e.key, active)) return e.preventDefault();
    const map: Record<string, () => void> = {
      j: () => move(1),
      k: () => move(-1),
      n: actions.nextDay,
      p: actions.prevDay,
      '/': actions.focusSearch,
      ...(card ? { ArrowDown: () => move(1), ArrowUp: () => move(-1) } : {}),
    };
    const fn = map[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  });
}
