import { describe, expect, it } from 'vitest';
import { ROSTER } from '../../src/ai/roster.ts';
import { keepOpponent, opponentLabel, opponentsAgainst } from '../../src/ui/opponent-choice.ts';

describe('the opponent kept when the player changes side', () => {
  const cases: [name: string, previous: string, newSide: 'us' | 'iran', expected: ReturnType<typeof keepOpponent>][] = [
    ['hotseat stays hotseat', 'hotseat', 'iran', { id: 'hotseat', changed: null }],
    ['hotseat stays hotseat, back again', 'hotseat', 'us', { id: 'hotseat', changed: null }],
    ['a strategist keeps its level', 'strategist:hard', 'iran', { id: 'strategist:hard', changed: null }],
    ['a doctrine both sides have stays', 'hawk', 'us', { id: 'hawk', changed: null }],
    ['an Iran-only doctrine is named as it goes', 'harasser', 'iran', { id: 'measured', changed: 'Deniable harasser' }],
    ['a US-only doctrine is named as it goes', 'measured', 'us', { id: 'harasser', changed: 'Measured' }],
  ];
  for (const [name, previous, side, expected] of cases)
    it(name, () => expect(keepOpponent(ROSTER, previous, side)).toEqual(expected));

  it('offers no script, and hotseat last', () => {
    const offered = opponentsAgainst(ROSTER, 'us').map((o) => o.id);
    expect(offered.at(-1)).toBe('hotseat');
    expect(offered.some((id) => ROSTER.some((p) => p.id === id && p.kind === 'script'))).toBe(false);
  });

  it('names the computer player for the top bar, and no one in hotseat', () => {
    expect(opponentLabel(ROSTER, 'iran', 'strategist:hard')).toBe('Strategist (hard)');
    expect(opponentLabel(ROSTER, 'us', 'harasser')).toBe('Deniable harasser');
    expect(opponentLabel(ROSTER, 'us', 'hotseat')).toBeNull();
  });
});
