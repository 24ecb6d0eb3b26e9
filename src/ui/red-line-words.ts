import { type RedLineState, type Scenario, signedNumber } from '../engine/index.ts';

/**
 * US red lines in words, as turn/us-posture.ts and turn/red-lines.ts run them, every number from the scenario: the
 * Rules page states the rule, the Intelligence tab each line's state. A leaf of its own: the Intelligence tab loads
 * with the game, the Rules page only when opened.
 */

/** The weeks a crossed line may be answered in: the week it is crossed and the rest of `redLines.responseWindow`. */
function answerWindow(s: Scenario): string {
  const w = s.redLines.responseWindow;
  return w <= 1 ? 'in the same week' : `in the week it is crossed or the ${w === 2 ? 'next' : `${w - 1} after`}`;
}

/** What crosses a standing red line (`line`: how the sentence names it), and what answering it or not does. */
export function redLineStakes(s: Scenario, line = 'it'): string {
  const r = s.redLines;
  return `An attack that kills an American or a siege that breaks into the embassy crosses ${line}: a US strike, a campaign's strike or a leadership strike ${answerWindow(s)} honours it (credibility ${signedNumber(r.honouredCredibility)}); otherwise it is broken (credibility ${signedNumber(r.brokenCredibility)}, resolve ${signedNumber(r.brokenResolve)}).`;
}

/** The Rules page's red-line rule: what declaring one earns, its stakes, and whether one stands from the start. */
export function redLineRule(s: Scenario): string {
  const start = s.us.redLineStanding
    ? ' In this scenario one already stands when the game begins, declared before it.'
    : '';
  return `A declared red line earns ${signedNumber(s.redLines.declareCredibility)} credibility and, while it stands, makes militias less likely to fire on their own. ${redLineStakes(s)}${start}`;
}

/**
 * One red line's state for the Intelligence tab: `status` is the engine's own word for it, `words` when it was
 * declared or crossed and, while crossed, the last week a US strike answers it (the engine's deadline). `turn` is the
 * week being ordered.
 */
export function redLineState(r: RedLineState, turn: number): { status: RedLineState['status']; words: string } {
  const declared = r.declaredTurn === 0 ? 'declared before the game began' : `declared in week ${r.declaredTurn}`;
  // The engine sets the week crossed and the deadline when it crosses a line: every status after it has both.
  const crossed = `crossed in week ${r.crossedTurn ?? '?'}`;
  switch (r.status) {
    case 'standing':
      return { status: r.status, words: r.declaredTurn === 0 ? 'since the start of the game' : declared };
    case 'crossed': {
      const last = r.deadline === turn ? ' (this is the last week)' : '';
      return {
        status: r.status,
        words: `${crossed} (${declared}): a US strike by week ${r.deadline ?? '?'}${last} honours it, otherwise it is broken`,
      };
    }
    case 'honoured':
      return { status: r.status, words: `${crossed} (${declared}) and answered by a US strike in time` };
    case 'broken':
      return { status: r.status, words: `${crossed} (${declared}) and not answered by week ${r.deadline ?? '?'}` };
    default: {
      const never: never = r.status;
      throw new Error(`unknown red line status: ${String(never)}`);
    }
  }
}
