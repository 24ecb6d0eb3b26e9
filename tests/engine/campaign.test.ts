/**
 * A campaign answers the attacks that prompted it: each of its weekly strikes is judged (did the group attack? how
 * sure was the US?) from the week the campaign began, not as a fresh provocation each week. A plain strike is still
 * judged on its own week.
 */
import { describe, expect, it } from 'vitest';
import { newGame, play, quiet, specIn, withScenario } from './helpers.ts';

const S = withScenario(quiet, (x) => {
  x.attacks.curfewCaught = 0;
  x.strikes.window = 2;
  Object.assign(x.attacks.profiles['rocket-attack'], { hitPerMille: 0 });
  Object.assign(specIn(x, 'campaign'), { leakChance: 0, duration: 3 });
});

const rockets = [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }];

describe('a campaign is judged by the attacks that prompted it', () => {
  it('its strike in a week when the group has not attacked for longer than the window still counts as answering it', () => {
    let r = play(newGame('campaign-judged', S), [{ type: 'campaign', group: 'kh' }], rockets);
    const events = [...r.events];
    for (let week = 2; week <= 3; week++) {
      r = play(r.state, [], []);
      events.push(...r.events);
    }
    const strikes = r.state.strikes.filter((x) => x.kind === 'campaign');
    expect(strikes.map((x) => x.turn)).toEqual([1, 2, 3]);
    // Week 3 is past the window of the week-1 attack: judged on its own week, that strike would be the wrong group.
    expect(strikes.map((x) => x.justified)).toEqual([true, true, true]);
    expect(events.filter((e) => e.type === 'misdirected')).toEqual([]);
  });

  it('a plain strike on the same group that week is judged on its own week', () => {
    let r = play(newGame('strike-judged', S), [], rockets);
    r = play(r.state, [], []);
    r = play(r.state, [{ type: 'strike-site', site: 'jurf-al-sakhar' }], []);
    expect(r.state.strikes.map((x) => [x.turn, x.justified])).toEqual([[3, false]]);
    expect(r.events.filter((e) => e.type === 'misdirected')).toHaveLength(1);
  });

  it('a campaign against a group that made no attack is judged the wrong target every week', () => {
    let r = play(newGame('campaign-unprovoked', S), [{ type: 'campaign', group: 'kh' }], []);
    for (let week = 2; week <= 3; week++) r = play(r.state, [], []);
    expect(r.state.strikes.map((x) => x.justified)).toEqual([false, false, false]);
  });
});
