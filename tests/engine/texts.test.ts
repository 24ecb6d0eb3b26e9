/**
 * Texts that agree with the rules (issue 13 item 6): what the news, the cards and the briefings say is what the
 * engine does. Each case pins one class of contradiction a newcomer found.
 */
import { describe, expect, it } from 'vitest';
import { inferCardsFired } from '../../src/ai/belief.ts';
import {
  checkInject,
  forecastOrder,
  type GameEvent,
  type GameState,
  narrate,
  viewFor,
} from '../../src/engine/index.ts';
import { blocVotes } from '../../src/engine/turn/baghdad.ts';
import { shippedScenario } from '../shipped.ts';
import { newGame, play, quiet, rawScenario, SCENARIO, withScenario } from './helpers.ts';

const SHIPPED = [shippedScenario('two-boxers'), shippedScenario('red-lines')];
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
// A sentence that kills, this week, one of the kinds the totals count (a look-back says "killed" and is left out).
const KILLS_COUNTED =
  /\b(kills|killing)\b[^.]*\b(civilians?|Americans?|soldiers?|troops|contractors?|fighters|police(men)?|Iraqis)\b/i;

describe('an eviction vote counts seats, not blocs', () => {
  const seats = 61;
  it.each([
    { name: 'no dissent: the bloc votes as one, for', lean: 600, dissent: 0, draw: 599, want: seats },
    { name: 'no dissent: the bloc votes as one, against', lean: 600, dissent: 0, draw: 600, want: 0 },
    { name: 'a lean of 0 gives no seat whatever the draw', lean: 0, dissent: 1000, draw: 0, want: 0 },
    { name: 'a lean of 1000 gives every seat whatever the draw', lean: 1000, dissent: 1000, draw: 999, want: seats },
    { name: 'a clear call for keeps the whole bloc', lean: 600, dissent: 300, draw: 0, want: seats },
    // 1000 - 400 * 300 * 599 / 600 / 1000 = 881 per mille of 61 seats
    { name: 'a close call for loses up to dissent of the other side', lean: 600, dissent: 300, draw: 599, want: 54 },
    // 600 * 300 * 400 / 400 / 1000 = 180 per mille
    { name: 'a close call against sends some seats for', lean: 600, dissent: 300, draw: 600, want: 11 },
  ])('$name', ({ lean, dissent, draw, want }) => {
    expect(blocVotes(seats, lean, dissent, draw)).toBe(want);
  });

  it('averages the lean over the draws, and the majority goes the way the draw falls', () => {
    for (const lean of [0, 1, 175, 500, 790, 999, 1000]) {
      let sum = 0;
      for (let draw = 0; draw < 1000; draw++) {
        const v = blocVotes(1000, lean, SCENARIO.baghdad.blocDissent, draw);
        sum += v;
        expect(v > 500, `lean ${lean}, draw ${draw}`).toBe(draw < lean);
      }
      expect(Math.abs(sum / 1000 - lean)).toBeLessThanOrEqual(1);
    }
  });

  it('passed votes in play do not all read the same count', () => {
    const s = withScenario(quiet, (x) => {
      x.baghdad.evictionPressure = 100;
      x.baghdad.pressureDecay = 0;
      x.baghdad.voteCooldown = 1;
      x.baghdad.government.confirmChance = 0;
    });
    const tallies = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const r = play(newGame(`vote-${seed}`, s), [], []);
      for (const e of r.events)
        if (e.type === 'vote') {
          expect(e.votesFor + e.votesAgainst).toBe(329);
          if (e.passed) tallies.add(`${e.votesFor}-${e.votesAgainst}`);
        }
    }
    expect(tallies.size).toBeGreaterThan(3);
  });
});

describe('the dead a card tells of are the dead it counts', () => {
  it.each(SHIPPED.flatMap((s) => s.cards.map((card) => ({ name: `${s.id}: ${card.id}`, card }))))(
    '$name',
    ({ card }) => {
      const told = KILLS_COUNTED.test(card.text);
      const counted = Object.values(card.casualties ?? {}).reduce((a, b) => a + b, 0);
      expect(counted > 0, card.text).toBe(told);
      for (const n of Object.values(card.casualties ?? {}))
        if (n > 0) expect(card.text, 'the count the card adds').toMatch(new RegExp(`\\b(${n}|${NUMBER_WORDS[n]})\\b`));
    },
  );

  it("an inject template's text kills no one: its variants cannot count the dead", () => {
    for (const s of SHIPPED)
      for (const tpl of s.injectTemplates ?? []) expect(KILLS_COUNTED.test(tpl.text), tpl.text).toBe(false);
  });

  it('a card that kills adds its dead to the totals', () => {
    const card = (rawScenario().cards ?? []).find((c) => c.id === 'civilians-killed-green-zone')!;
    const s = withScenario(quiet, (x) => {
      x.cards = [{ ...card, when: { turn: 1 } }];
    });
    const r = play(newGame('card-dead', s), [], []);
    expect(r.events.some((e) => e.type === 'card' && e.card === card.id)).toBe(true);
    expect(r.state.casualties.civiliansKilled).toBe(
      SCENARIO.cards.find((c) => c.id === card.id)!.casualties!.civiliansKilled,
    );
  });
});

describe('the news says what happened, in the terms the rule checks', () => {
  it("counter-ISIS news reports the operation's cut, which is what the order took off ISIS", () => {
    const start = newGame('isis-cut', withScenario(quiet));
    const r = play(start, [{ type: 'counter-isis' }], []);
    const event = r.events.find((e) => e.type === 'counter-isis')!;
    const line = narrate(SCENARIO, event, 'us')!;
    const parts = r.ledger.find((l) => l.variable.kind === 'isis')!.parts;
    const byOrder = parts.filter((p) => p.cause.kind === 'order').reduce((a, p) => a + p.delta, 0);
    expect(byOrder).toBeLessThan(0);
    expect(line).toContain(`cut ISIS strength by ${-byOrder},`);
    // The strength it ends the week at is the dashboard's to show, and it is not the cut alone.
    expect(r.state.isis).not.toBe(start.isis + byOrder);
  });

  // A strike is misdirected when the group made no attack within strikes.window weeks, this week included.
  describe.each([
    { window: 1, words: 'this week' },
    { window: 2, words: 'this week or last' },
    { window: 3, words: 'in the last 3 weeks' },
  ])('a strike window of $window', ({ window, words }) => {
    const s = withScenario(quiet, (x) => {
      x.strikes.window = window;
    });
    const withAttack = (turn: number): GameState => {
      const g = structuredClone(newGame('window', s));
      g.attacks.push({
        id: 1,
        turn: 1,
        kind: 'rocket-attack',
        target: 'baghdad',
        group: 'kh',
        autonomous: false,
        claim: 'unclaimed',
        suspect: 'kh',
        confidence: 900,
        casualties: { usKilled: 0, usWounded: 0, iraqiForcesKilled: 0, civiliansKilled: 0, proxiesKilled: 0 },
      });
      g.turn = turn;
      return g;
    };
    const strike = [{ type: 'strike-site', site: 'jurf-al-sakhar' }];

    it('a strike at the far edge of the window answers the attack', () => {
      const r = play(withAttack(window), strike, []);
      expect(r.events.some((e) => e.type === 'misdirected')).toBe(false);
    });

    it('a strike a week later is misdirected, and the news names the weeks the rule looked at', () => {
      const r = play(withAttack(1 + window), strike, []);
      const event = r.events.find((e) => e.type === 'misdirected')!;
      expect(narrate(s, event, 'iran')).toContain(`had made no attack ${words}:`);
    });
  });
});

describe('the waiver card reads the waiver', () => {
  const s = withScenario(quiet, (x) => {
    x.cards = (rawScenario().cards ?? []).filter((c) => c.id === 'waiver-deadline');
  });
  /** Twelve weeks with the given US orders by turn: the weeks the card and each waiver change came in. */
  function run(orders: Record<number, unknown[]>) {
    let g = newGame('waiver', s);
    const card: number[] = [];
    const changes: { turn: number; change: string }[] = [];
    const believed: boolean[] = [];
    while (!g.outcome && g.turn <= 12) {
      const turn = g.turn;
      const r = play(g, orders[turn] ?? [], []);
      for (const e of r.events as GameEvent[]) {
        if (e.type === 'card') card.push(turn);
        if (e.type === 'waiver') changes.push({ turn, change: e.change });
      }
      g = r.state;
      const truth = g.cardsFired.includes('waiver-deadline');
      believed.push(inferCardsFired(s, viewFor(s, g, 'iran', false), null).includes('waiver-deadline') === truth);
    }
    return { card, changes, believed };
  }

  it('left alone, it warns the week before the waiver lapses', () => {
    const { card, changes, believed } = run({});
    const lapsed = changes.find((c) => c.change === 'lapsed')!.turn;
    expect(card).toEqual([lapsed - 1]);
    expect(believed.every(Boolean)).toBe(true);
  });

  it('extended in time, it waits for the new end and never shares a week with a change', () => {
    const { card, changes, believed } = run({ 2: [{ type: 'waiver-extend' }] });
    expect(changes[0]).toEqual({ turn: 2, change: 'extended' });
    expect(card).toEqual([changes.find((c) => c.change === 'lapsed')!.turn - 1]);
    for (const c of changes) expect(card).not.toContain(c.turn);
    expect(believed.every(Boolean)).toBe(true);
  });

  it('extended in the week it would have warned, it does not warn that week', () => {
    const { card, changes } = run({ 4: [{ type: 'waiver-extend' }] });
    expect(changes[0]).toEqual({ turn: 4, change: 'extended' });
    expect(card).not.toContain(4);
  });

  it('shortened to lapse at once, it never warns', () => {
    const { card, changes } = run({ 1: [{ type: 'waiver-shorten' }] });
    expect(changes.map((c) => c.change)).toContain('lapsed');
    expect(card).toEqual([]);
  });
});

describe('news both sides read speaks to neither', () => {
  // Cards and written injects go to every seat: a "you" in them would be read by the side it was not meant for.
  const cases = SHIPPED.flatMap((s) => [
    ...s.cards.map((c) => ({ name: `${s.id}: card ${c.id}`, words: `${c.title} ${c.text}` })),
    ...(s.injectTemplates ?? []).map((c) => ({ name: `${s.id}: inject ${c.id}`, words: `${c.title} ${c.text}` })),
  ]);
  it.each(cases)('$name', ({ words }) => {
    expect(words).not.toMatch(/\byou(rs?|rselves|rself)?\b/i);
  });
});

describe("Iran's briefing states its eviction victory as the rules do", () => {
  const s = shippedScenario('two-boxers');
  const b = s.baghdad;
  const text = s.briefing.iran;
  it('a binding vote, with the consent line of the model', () => {
    expect(text).toMatch(new RegExp(`binding [^.]*consent at ${b.expulsionConsent} or less`));
  });

  it('which vote binds, and the token force of the model', () => {
    // "The next one binds" is true only when one more passed vote reaches bindingFromVote.
    expect(text.includes('the next one binds')).toBe(b.votesPassed + 1 === b.bindingFromVote);
    expect(text).toContain(`down to ${s.victory.iran.tokenBases} bases`);
  });
});

describe('the US briefing states the consent its victory needs and the vote that ends it, as the rules do', () => {
  const s = shippedScenario('two-boxers');
  const text = s.briefing.us;
  it("the consent line of the US's victory at the end", () => {
    expect(text).toMatch(new RegExp(`You win [^.]*consent at ${s.victory.us.minConsent} or more`));
  });

  it("a binding vote, with the model's expulsion line", () => {
    expect(text).toMatch(new RegExp(`You lose [^.]*binding [^.]*consent at ${s.baghdad.expulsionConsent} or less`));
    expect(text.includes('the next one binds')).toBe(s.baghdad.votesPassed + 1 === s.baghdad.bindingFromVote);
  });
});

describe('the government news agrees with the government', () => {
  const WITHDRAWAL = 'zurufi-out-kadhimi-in';
  /** Only the withdrawal card, sure to fire when its conditions hold; confirmation at the given per-mille chance. */
  const deck = (confirmChance: number) =>
    withScenario(quiet, (x) => {
      x.cards = (rawScenario().cards ?? [])
        .filter((c) => c.id === WITHDRAWAL)
        .map((c) => ({ ...c, when: { ...c.when, chance: 1000 } }));
      x.baghdad.government.confirmChance = confirmChance;
      x.baghdad.government.supportWeight = 0;
    });
  /** Two weeks with the given orders in week 1: the cards and government events of week 2, and the government. */
  function weekTwo(confirmChance: number, us: unknown[], iran: unknown[] = []) {
    const s = deck(confirmChance);
    const first = play(newGame('government', s), us, iran);
    const second = play(first.state, [], []);
    return {
      card: second.events.some((e) => e.type === 'card' && e.card === WITHDRAWAL),
      withdrawn: second.events.some((e) => e.type === 'government' && e.stage === 'withdrawn'),
      stage: second.state.baghdad.stage,
      designate: second.state.baghdad.designate,
    };
  }

  it('a designate parliament has confirmed does not withdraw in the news', () => {
    // Confirmed in week 1 (Baghdad's week comes before the cards): week 2's card must not tell of his withdrawal.
    const r = weekTwo(1000, []);
    expect(r).toEqual({ card: false, withdrawn: false, stage: 'confirmed', designate: 'Adnan al-Zurufi' });
  });

  it('left alone, Zurufi withdraws in week 2 as he did on 9 April, and the news and the state agree', () => {
    const r = weekTwo(0, []);
    expect(r).toEqual({ card: true, withdrawn: true, stage: 'designate', designate: 'Mustafa al-Kadhimi' });
  });

  it('backing the PM-designate (support +15) keeps him in the race: the card reads his support', () => {
    const backed = { type: 'back-designate' };
    expect(weekTwo(0, [backed])).toEqual({
      card: false,
      withdrawn: false,
      stage: 'designate',
      designate: 'Adnan al-Zurufi',
    });
    // Iran's coup story (support -10) undoes the backing: he withdraws after all.
    expect(weekTwo(0, [backed], [{ type: 'info-operation' }]).card).toBe(true);
  });

  it("the forecasts of backing him and of Iran's coup story say what his support does", () => {
    const g = newGame('government');
    const back = forecastOrder(SCENARIO, viewFor(SCENARIO, g, 'us'), { type: 'back-designate' });
    expect(back.effects).toContainEqual({ key: 'designateSupport', label: "PM-designate's support", delta: 15 });
    expect(back.notes).toEqual([
      "Adnan al-Zurufi's support goes from 35 to 50: parliament's weekly chance to confirm him from 6% to 15%.",
      // Baghdad's week counts his four weeks down from week 1: however strong his support, his time runs out.
      'If parliament has not confirmed him by the end of week 4, he gives up, whatever his support.',
      'At 50 or more he does not give up in week 2 ("Zurufi withdraws; Kadhimi named PM-designate") while it stays there.',
    ]);
    const backed = play(g, [{ type: 'back-designate' }], []).state;
    const coup = forecastOrder(SCENARIO, viewFor(SCENARIO, backed, 'iran'), { type: 'info-operation' });
    expect(coup.notes).toContain(
      'At 49 or less he may give up this week ("Zurufi withdraws; Kadhimi named PM-designate").',
    );
  });

  it('the facilitator cannot release the withdrawal once a government is confirmed', () => {
    const s = deck(1000);
    const confirmed = play(newGame('government', s), [], []).state;
    expect(confirmed.baghdad.stage).toBe('confirmed');
    const r = checkInject(s, confirmed, { type: 'card', card: WITHDRAWAL });
    expect(r.ok).toBe(false);
    expect(checkInject(s, newGame('government', s), { type: 'card', card: WITHDRAWAL }).ok).toBe(true);
  });
});

describe('the Patriot card tells only of bases the US holds', () => {
  const s = withScenario(quiet, (x) => {
    x.cards = (rawScenario().cards ?? []).filter((c) => c.id === 'patriots-operational');
  });
  const fired = (us: unknown[]) =>
    play(newGame('patriots', s), us, []).events.some((e) => e.type === 'card' && e.card === 'patriots-operational');

  it.each([
    { name: 'both bases held: it fires', us: [], want: true },
    { name: 'another base handed over: it fires', us: [{ type: 'hand-over-base', base: 'taji' }], want: true },
    {
      name: 'Erbil handed over in week 1: no news of Patriots at Erbil',
      us: [{ type: 'hand-over-base', base: 'erbil' }],
      want: false,
    },
  ])('$name', ({ us, want }) => {
    expect(fired(us)).toBe(want);
  });
});

describe('a card does not tell as news what the game begins with', () => {
  it("Lt Gen White's memo, reported on 27 March, is quoted again, not written anew", () => {
    const card = SCENARIO.cards.find((c) => c.id === 'commander-doubts-campaign')!;
    const note = SCENARIO.notes.find((n) => n.topic.includes('White memo'))!;
    expect(note.text).toContain('27 March');
    expect(SCENARIO.startDate > '2020-03-27').toBe(true);
    expect(`${card.title} ${card.text}`).not.toMatch(/\bwarns in a memo\b|\bwarns a campaign\b/);
    expect(card.text).toMatch(/March memo is quoted again/);
  });
});
