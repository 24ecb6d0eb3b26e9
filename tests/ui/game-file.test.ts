import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/index.ts';
import { openGameFile } from '../../src/ui/debrief/game-file.ts';
import { type SaveFile, Session } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** A game against the computer two weeks in, as its save file. */
async function saved(): Promise<SaveFile> {
  const s = Session.create(scenario, {
    scenarioId: scenario.id,
    seed: '7',
    preset: null,
    side: 'us',
    opponent: 'harasser',
  });
  if (!s.ok) throw new Error(s.errors[0]?.message);
  for (let week = 0; week < 2; week++) {
    const r = await s.value.commit('us', [{ type: 'counter-isis' }]);
    if (!r.ok) throw new Error(r.errors[0]?.message);
  }
  return JSON.parse(JSON.stringify(s.value.toSave('2026-01-01T00:00:00Z'))) as SaveFile;
}

const badBase = { type: 'rocket-attack', group: 'kh', base: 'nowhere', claim: 'unclaimed' };

describe('a debriefed file that is refused says where it is wrong', () => {
  it('a replay: the path of the refused order in its turn', async () => {
    const { replay } = await saved();
    replay.turns[1]!.iran = [badBase] as never;
    const r = openGameFile([scenario], 'week2.json', JSON.stringify(replay));
    expect(!r.ok && r.errors[0]?.message).toBe(
      'week2.json is damaged or foreign: turns[1].iran[0].base: turn 2: unknown base "nowhere"',
    );
  });

  it('a save: the path inside the save, and every problem up to a few, then how many more', async () => {
    const save = await saved();
    save.replay.turns[1]!.iran = [badBase, badBase, badBase, badBase, badBase] as never;
    const r = openGameFile([scenario], 'save.json', JSON.stringify(save));
    expect(r.ok).toBe(false);
    const lines = (!r.ok && r.errors[0]?.message.split('\n')) || [];
    expect(lines[0]).toBe('save.json:');
    expect(lines[1]).toMatch(/^replay\.turns\[1\]\.iran: Turn 2 holds an order the rules refuse: at most \d orders/);
    expect(lines.slice(2, 4)).toEqual([
      'replay.turns[1].iran[0].base: Turn 2 holds an order the rules refuse: unknown base "nowhere".',
      'replay.turns[1].iran[1].base: Turn 2 holds an order the rules refuse: unknown base "nowhere".',
    ]);
    expect(lines.at(-1)).toMatch(/^and \d+ more problems$/);
  });
});
