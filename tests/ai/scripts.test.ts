import { describe, expect, it } from 'vitest';
import doctrinesJson from '../../scenarios/doctrines.json';
import { DOCTRINES, parseDoctrines } from '../../src/ai/doctrine.ts';
import { AI_PLAYERS, type AiPlayer, playersOf } from '../../src/ai/registry.ts';
import { cheapestPolitical, SCRIPTS } from '../../src/ai/scripts.ts';
import { aiDice } from '../../src/ai/simple.ts';
import { formatErrors, type Side, validateOrders, viewFor } from '../../src/engine/index.ts';
import { matchStates, newGame, SCENARIO } from './fixtures.ts';

const script = (side: Side, id: string): AiPlayer =>
  AI_PLAYERS.find((p) => p.side === side && p.id === id && p.kind === 'script')!;
const scripts = (side: Side) => AI_PLAYERS.filter((p) => p.side === side && p.kind === 'script');

describe('the scripted players', () => {
  it('are registered under the ids the issue names, beside the doctrines and strategists', () => {
    for (const id of ['hold', 'strike', 'cheap-politics']) expect(script('us', id), id).toBeDefined();
    for (const id of ['restrain', 'nothing', 'cheap-politics', 'evict-coup'])
      expect(script('iran', id), id).toBeDefined();
    const ids = (side: Side) => AI_PLAYERS.filter((p) => p.side === side).map((p) => p.id);
    for (const side of ['us', 'iran'] as const) expect(new Set(ids(side)).size).toBe(ids(side).length);
  });

  it('refuses a doctrines file that names a doctrine like a script of its side, naming the entry', () => {
    const json = structuredClone(doctrinesJson) as { doctrines: { id: string; side: string }[] };
    const at = json.doctrines.findIndex((d) => d.side === 'us');
    json.doctrines[at]!.id = 'hold';
    const parsed = parseDoctrines(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toContainEqual(
        expect.objectContaining({
          path: `doctrines[${at}].id`,
          message: expect.stringMatching(/^"hold" is the id of a us scripted player \(hold, strike, cheap-politics\)/),
        }),
      );
    // The same id on the other side is no clash: Iran has no "hold" script.
    const other = structuredClone(doctrinesJson) as { doctrines: { id: string; side: string }[] };
    other.doctrines.push({ ...other.doctrines.find((d) => d.side === 'iran')!, id: 'hold' });
    expect(parseDoctrines(other).ok).toBe(true);
  });

  it("take the side's two cheapest non-violent orders from the scenario", () => {
    expect(cheapestPolitical(SCENARIO, 'us')).toEqual(['waiver-shorten', 'back-designate']);
    expect(cheapestPolitical(SCENARIO, 'iran')).toEqual(['info-operation', 'embassy-siege']);
  });

  it('give their plan on the first week', () => {
    const start = newGame('scripts-first');
    const first = (side: Side, id: string) =>
      script(side, id)
        .policy(SCENARIO, viewFor(SCENARIO, start, side, false), aiDice('s', side, 1))
        .orders.map((o) => o.type);
    expect(first('us', 'hold')).toEqual(['hold']);
    expect(first('us', 'strike')).toEqual(['strike-site']);
    expect(first('us', 'cheap-politics')).toEqual(['waiver-shorten', 'back-designate']);
    expect(first('iran', 'restrain')).toEqual(['restrain-proxies']);
    expect(first('iran', 'nothing')).toEqual([]);
    expect(first('iran', 'cheap-politics')).toEqual(['info-operation', 'embassy-siege']);
    expect(first('iran', 'evict-coup')).toEqual(['eviction-campaign', 'info-operation']);
  });

  // Whole games between scripts, then every script asked on every state of them: only legal orders, each explained.
  const games = [
    matchStates('scripts-1', script('us', 'hold').policy, script('iran', 'nothing').policy),
    matchStates('scripts-2', script('us', 'strike').policy, script('iran', 'evict-coup').policy),
    matchStates('scripts-3', script('us', 'cheap-politics').policy, script('iran', 'cheap-politics').policy),
  ];
  it.each(SCRIPTS.map((s) => [`${s.side} ${s.id}`, s.side, s.id] as const))(
    '%s returns only legal orders over whole games',
    (_, side, id) => {
      const player = script(side, id);
      let given = 0;
      for (const states of games)
        for (const state of states) {
          const d = player.policy(SCENARIO, viewFor(SCENARIO, state, side, false), aiDice('legal', side, state.turn));
          const checked = validateOrders(SCENARIO, state, side, d.orders);
          expect(checked.ok, `${id} on turn ${state.turn}: ${checked.ok ? '' : formatErrors(checked.errors)}`).toBe(
            true,
          );
          expect(d.reasons).toHaveLength(d.orders.length);
          given += d.orders.length;
        }
      if (id !== 'nothing') expect(given, `${id} gave orders`).toBeGreaterThan(0);
    },
  );

  it('are found by the players of any doctrine book', () => {
    expect(playersOf(DOCTRINES).filter((p) => p.kind === 'script')).toHaveLength(SCRIPTS.length);
    expect(scripts('us').length + scripts('iran').length).toBe(SCRIPTS.length);
  });
});
