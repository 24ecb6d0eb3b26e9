/**
 * An advisor's reason agrees with the board (issue 13 item 6): what it says guards a base is what the base has, and
 * the odds it quotes are the model's.
 */
import { describe, expect, it } from 'vitest';
import { DOCTRINES } from '../../src/ai/doctrine.ts';
import { doctrineOptions } from '../../src/ai/doctrine-policy.ts';
import { provocationText } from '../../src/ai/situation.ts';
import { Dice, type GameState, seedRng, viewFor } from '../../src/engine/index.ts';
import { newGame, SCENARIO } from './fixtures.ts';

const pc = (pm: number) => `${Math.round(pm / 10)}%`;

describe('air defence advice reads the base', () => {
  it.each([
    {
      defence: 'none',
      says: `nothing guards it: C-RAM guns there would shoot down about ${pc(SCENARIO.attacks.intercept.cram)} of the rockets`,
    },
    {
      defence: 'cram',
      says: `only C-RAM guns guard it, against rockets alone: Patriots there would also shoot down about ${pc(SCENARIO.attacks.missileIntercept.patriot)} of the missiles`,
    },
  ] as const)('every base with $defence', ({ defence, says }) => {
    const g: GameState = structuredClone(newGame('guard'));
    for (const b of g.us.bases) if (b.airDefence !== 'patriot') b.airDefence = defence;
    const view = viewFor(SCENARIO, g, 'us');
    let heard = 0;
    for (const doctrine of DOCTRINES.doctrines.filter((d) => d.side === 'us'))
      for (const o of doctrineOptions(SCENARIO, doctrine, view, new Dice(seedRng('guard')), false)) {
        if (o.order.type !== 'deploy-air-defence') continue;
        heard++;
        expect(o.why()).toContain(says);
      }
    expect(heard).toBeGreaterThan(0);
  });
});

describe('the US advisors name only what happened', () => {
  // Week 3 of a QA game: IRGC missiles killed two Americans at Union III; Kataib Hezbollah was blamed for one
  // rocket attack that killed no one. The hawk's campaign answers the deaths, not a group that hit us week on week.
  const g: GameState = structuredClone(newGame('advice-deaths'));
  const none = { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 };
  g.attacks = [
    {
      id: 901,
      turn: g.turn - 1,
      kind: 'missile-strike',
      target: 'union-iii',
      group: null,
      autonomous: false,
      claim: 'open',
      suspect: null,
      confidence: 1000,
      casualties: { ...none, usKilled: 2 },
    },
    {
      id: 902,
      turn: g.turn - 1,
      kind: 'rocket-attack',
      target: 'taji',
      group: 'kh',
      autonomous: false,
      claim: 'open',
      suspect: 'kh',
      confidence: 950,
      casualties: none,
    },
  ];
  const view = viewFor(SCENARIO, g, 'us');
  const reasons = (type: string) =>
    DOCTRINES.doctrines
      .filter((d) => d.side === 'us')
      .flatMap((d) => doctrineOptions(SCENARIO, d, view, new Dice(seedRng('deaths')), false))
      .filter((o) => o.order.type === type)
      .map((o) => o.why());

  it('a campaign after deaths says so, and does not claim the group hit us week after week', () => {
    const said = reasons('campaign');
    expect(said.length).toBeGreaterThan(0);
    for (const why of said) {
      expect(why).toContain('Attacks lately have killed two Americans');
      expect(why).not.toMatch(/running|recent weeks/);
    }
  });

  it('a base hit once by missiles has come under fire, not under falling rockets', () => {
    const said = reasons('deploy-air-defence').filter((why) => why.startsWith('Union III'));
    expect(said.length).toBeGreaterThan(0);
    for (const why of said) expect(why).toContain('has come under fire lately');
  });
});

describe("Iran's advisors read the vote as the rule has it", () => {
  it('a confirmed government raises the bar, and a vote just held makes the next one wait', () => {
    const g: GameState = structuredClone(newGame('advice-vote'));
    g.baghdad.evictionPressure = 60;
    g.baghdad.stage = 'confirmed';
    g.baghdad.lastVoteTurn = g.turn - 1;
    const b = SCENARIO.baghdad;
    const view = viewFor(SCENARIO, g, 'iran');
    const said = DOCTRINES.doctrines
      .filter((d) => d.side === 'iran')
      .flatMap((d) => doctrineOptions(SCENARIO, d, view, new Dice(seedRng('vote')), false))
      .filter((o) => o.order.type === 'eviction-campaign')
      .map((o) => o.why())
      .filter((why) => why.startsWith('Parliament is near a vote'));
    expect(said.length).toBeGreaterThan(0);
    for (const why of said)
      expect(why).toContain(
        `a vote comes at ${b.voteAt + b.government.confirmedVoteBonus}, and not before week ${g.turn - 1 + b.voteCooldown}`,
      );
  });

  it('with no vote possible before the end, the campaign is sold for the consent it wears down, not as a vote', () => {
    const options = (lastTurn: number) => {
      const g: GameState = structuredClone(newGame('advice-vote-late'));
      g.baghdad.evictionPressure = 60;
      g.baghdad.lastVoteTurn = g.turn - 1; // the next vote waits for the cooldown
      g.lastTurn = lastTurn;
      const view = viewFor(SCENARIO, g, 'iran');
      return DOCTRINES.doctrines
        .filter((d) => d.side === 'iran')
        .flatMap((d) => doctrineOptions(SCENARIO, d, view, new Dice(seedRng('vote')), false))
        .filter((o) => o.order.type === 'eviction-campaign');
    };
    const next = newGame('advice-vote-late').turn - 1 + SCENARIO.baghdad.voteCooldown;
    const late = options(next - 1);
    expect(late.length).toBeGreaterThan(0);
    for (const o of late) {
      expect(o.why()).toContain(`Parliament cannot vote again before the end (not before week ${next})`);
      expect(o.why()).toContain(`the Americans need at ${SCENARIO.victory.us.minConsent} or more`);
      expect(o.why()).not.toContain('push it over');
    }
    // One week more and the vote can come: the advice is the vote again.
    for (const o of options(next)) expect(o.why()).toContain('push it over');
  });
});

describe('a provocation in words agrees in number', () => {
  const base = {
    turn: 1,
    points: 2,
    group: 'kh',
    confidence: 600,
    word: 'likely',
    place: 'ain-al-asad',
    usKilled: 0,
    kind: 'rocket-attack',
    iraqisKilled: 0,
    stateInstitution: false,
    answered: false,
  };
  it.each([
    { wounded: 1, says: 'One American was wounded at Ain al-Asad' },
    { wounded: 2, says: 'Two Americans were wounded at Ain al-Asad' },
  ])('$wounded wounded', ({ wounded, says }) => {
    expect(provocationText(SCENARIO, { ...base, usWounded: wounded })).toMatch(new RegExp(`^${says}`));
  });
});
