import type { Scenario, Side } from '../../engine/index.ts';
import { fill, h } from '../dom.ts';
import { markTutorialDone } from '../storage.ts';

/** What the tips point at, found when each tip shows (the commit button is redrawn with the orders). */
export interface CoachTargets {
  ladder: HTMLElement;
  dash: HTMLElement;
  panel: HTMLElement;
  commit(): HTMLElement | null;
}

/** The guided first turn's tips, in the order shown: the ladder, the dashboard, the orders, the commit button. */
export function coachTips(s: Scenario, seat: Side): { at: keyof CoachTargets; title: string; text: string }[] {
  return [
    {
      at: 'ladder',
      title: 'The escalation ladder',
      text: `Every violent or threatening act pushes the crisis up these ${s.ladder.rungs.length} rungs; quiet weeks let it come down. At rung ${s.ladder.war}, open regional war, the game ends and both sides lose.`,
    },
    {
      at: 'dash',
      title: 'What you are watching',
      // Every figure a victory condition reads (victory.ts, outcome.ts): a tip that left one out misled.
      text: "Who wins turns on the bases the US holds, Baghdad's consent and the eviction vote, US resolve and credibility, ISIS, how high the ladder climbs, and the strength and deniability of Iran's proxies. Hover a number for what it means; ▲ and ▼ show how it moved last week.",
    },
    {
      at: 'panel',
      title: 'Your orders',
      text: `Choose up to ${s.ordersPerTurn} orders a week. Each costs ${seat === 'us' ? 'political capital' : 'resources'} and shows its odds before you commit, in the words intelligence analysts use ("likely, 55-80%").`,
    },
    {
      at: 'commit',
      title: 'Commit when ready',
      text: 'Nothing is final until you commit: remove an order freely until then. Both sides then act at once, and the map plays out what happened.',
    },
  ];
}

/**
 * The guided first turn: four tips, each beside the part of the screen it explains, which it highlights. `scope`
 * holds every part a tip may highlight; `done` runs once the player starts playing or skips the tips.
 */
export function showCoach(
  scope: HTMLElement,
  scenario: Scenario,
  seat: Side,
  targets: CoachTargets,
  done: () => void,
): void {
  const steps = coachTips(scenario, seat).map((tip) => ({
    ...tip,
    target: () => (tip.at === 'commit' ? targets.commit() : targets[tip.at]),
  }));
  const unhighlight = () => {
    for (const el of scope.querySelectorAll('.highlight')) el.classList.remove('highlight');
  };
  let i = 0;
  const box = h('div', { className: 'coach', role: 'dialog', 'aria-labelledby': 'coach-title' });
  const show = () => {
    unhighlight();
    const step = steps[i]!;
    const target = step.target();
    target?.classList.add('highlight');
    const first = h(
      'button',
      {
        className: 'primary',
        onclick: () => {
          i++;
          if (i < steps.length) show();
          else finish();
        },
      },
      i + 1 < steps.length ? 'Next tip' : 'Start playing',
    );
    fill(
      box,
      h('h3', { id: 'coach-title' }, step.title),
      h('p', {}, step.text),
      h('p', { className: 'steps' }, `Tip ${i + 1} of ${steps.length}`),
      h('div', { className: 'commit' }, first, h('button', { onclick: () => finish() }, 'Skip the tips')),
    );
    // Placed and focused at the next frame, in the layout the browser makes for it anyway: measuring (or focusing,
    // which measures too) now would lay out the whole turn screen one extra time while it starts (3-5 ms), and the
    // tip is not painted before then.
    requestAnimationFrame(() => {
      // The commit button may lie below the fold of the orders panel: the tip is beside it only once it is in view.
      target?.scrollIntoView({ block: 'nearest' });
      const r = target?.getBoundingClientRect();
      const { left, top } = coachPlace(r, { width: box.offsetWidth, height: box.offsetHeight }, window);
      box.style.left = `${left}px`;
      box.style.top = `${top}px`;
      first.focus();
    });
  };
  const finish = () => {
    markTutorialDone();
    unhighlight();
    box.remove();
    done();
  };
  document.body.append(box);
  show();
}

const MARGIN = 8;

/**
 * Where a tip goes: below its target if it fits there, else above it, else beside it; always wholly on the
 * screen, so its buttons are in view even when the target (the commit button) sits at the bottom of a short screen.
 */
export function coachPlace(
  target: { left: number; top: number; bottom: number } | undefined,
  box: { width: number; height: number },
  screen: { innerWidth: number; innerHeight: number },
): { left: number; top: number } {
  const maxLeft = Math.max(MARGIN, screen.innerWidth - box.width - MARGIN);
  const maxTop = Math.max(MARGIN, screen.innerHeight - box.height - MARGIN);
  if (!target) return { left: Math.min(40, maxLeft), top: Math.min(40, maxTop) };
  const left = Math.min(Math.max(MARGIN, target.left), maxLeft);
  const below = target.bottom + MARGIN;
  const above = target.top - MARGIN - box.height;
  if (below <= maxTop) return { left, top: below };
  if (above >= MARGIN && above <= maxTop) return { left, top: above };
  // Too tall for either side of a low target: beside it, to its left, level with its bottom edge.
  return {
    left: Math.max(MARGIN, Math.min(target.left - box.width - MARGIN, maxLeft)),
    top: Math.min(maxTop, Math.max(MARGIN, target.bottom - box.height)),
  };
}
