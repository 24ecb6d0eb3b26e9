import { describe, expect, it } from 'vitest';
import { hashState, type Order } from '../../src/engine/index.ts';
import { shownFingerprint } from '../../src/ui/game/fingerprint.ts';
import { Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

function hotseat(): Session {
  const made = Session.create(shippedScenario('two-boxers'), {
    scenarioId: 'two-boxers',
    seed: '2020',
    preset: 'short',
    side: 'us',
    opponent: 'hotseat',
  });
  if (!made.ok) throw new Error(made.errors[0]?.message);
  return made.value;
}

const first = (game: Session, side: 'us' | 'iran'): Order[] => game.view(side).legalOrders.slice(0, 1);

describe('the fingerprint a hotseat screen shows', () => {
  it('stays at the week’s start while the first side’s orders are sealed, whatever they are', async () => {
    const start = hotseat();
    const before = shownFingerprint(start);
    expect(before.weekStart).toBe(false);
    // Two different sealed orders must show the same fingerprint: the second player cannot tell them apart by it.
    const shown = [];
    for (const orders of [[], first(start, 'us')]) {
      const game = hotseat();
      const r = await game.commit('us', orders);
      expect(r.ok).toBe(true);
      expect(hashState(game.state)).not.toBe(before.hash); // the state itself does hold the sealed orders
      shown.push(shownFingerprint(game));
    }
    expect(shown).toEqual([
      { hash: before.hash, weekStart: true },
      { hash: before.hash, weekStart: true },
    ]);
  });

  it('is the game as it stands once the week resolves', async () => {
    const game = hotseat();
    await game.commit('us', []);
    await game.commit('iran', first(game, 'iran'));
    expect(shownFingerprint(game)).toEqual({ hash: hashState(game.state), weekStart: false });
  });
});
