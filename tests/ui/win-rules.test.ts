import { describe, expect, it } from 'vitest';
import { aNumber, exchangeRunsIntoWar, type Scenario, signedNumber } from '../../src/engine/index.ts';
import { answerRule, autonomyRule, effectsText, iranIncome, ladderRule, presetLength } from '../../src/ui/rules.ts';
import { brinkRule } from '../../src/ui/brink-words.ts';
import { redLineRule } from '../../src/ui/red-line-words.ts';
import { victoryConditions } from '../../src/ui/victory.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');

/** The win rules in words follow the scenario's numbers and the order the engine tests them in (issue 13, item 6). */
describe('victoryConditions', () => {
  it("states Iran's eviction win on the consent left after the vote has cost its share", () => {
    const b = scenario.baghdad;
    const iran = victoryConditions(scenario).iran;
    expect(iran).toContain(`leaves Baghdad's consent at ${b.expulsionConsent} or less`);
    expect(iran).toContain(`a passed vote costs the US ${-b.voteConsentDrop} consent`);
  });

  it('follows the numbers when a scenario changes them', () => {
    const changed: Scenario = {
      ...scenario,
      baghdad: { ...scenario.baghdad, expulsionConsent: 25, voteConsentDrop: -10 },
      victory: { ...scenario.victory, us: { ...scenario.victory.us, minConsent: 45 } },
    };
    const words = victoryConditions(changed);
    expect(words.iran).toContain('at 25 or less (a passed vote costs the US 10 consent;');
    expect(words.us).toContain("Baghdad's consent is 45+");
  });
});

describe('the binding vote in words', () => {
  it('says which passed vote binds, counting those before the game began', () => {
    const at = (bindingFromVote: number, votesPassed: number) =>
      victoryConditions({ ...scenario, baghdad: { ...scenario.baghdad, bindingFromVote, votesPassed } }).iran;
    expect(at(2, 1)).toContain('the next to pass binds');
    expect(at(2, 0)).toContain('the first to pass is only a demand');
    expect(at(3, 0)).toContain('the first 2 to pass are only demands');
    expect(at(1, 0)).toContain('every passed vote binds');
  });
});

/** The Rules page promises only what the engine does, with the scenario's numbers (issue 12, item 6). */
describe('a number with its article', () => {
  it('reads as spoken: an 8, an 11, an 18, an 80-something, a for the rest', () => {
    const read = ['1%', '8%', '8.5%', '10%', '11%', '18%', '80%', '85%', '100%', '110%', '180%', '800%'].map(aNumber);
    expect(read).toEqual([
      'a 1%',
      'an 8%',
      'an 8.5%',
      'a 10%',
      'an 11%',
      'an 18%',
      'an 80%',
      'an 85%',
      'a 100%',
      'a 110%',
      'a 180%',
      'an 800%',
    ]);
  });

  it('says an exchange at the brink runs into war when it always does, and its chance when it may', () => {
    expect(exchangeRunsIntoWar(1000)).toBe('the exchange runs into war');
    expect(exchangeRunsIntoWar(800)).toBe('there is an 80% chance the exchange runs into war');
    expect(exchangeRunsIntoWar(250)).toBe('there is a 25% chance the exchange runs into war');
  });
});

describe('the ladder and autonomy rules in words', () => {
  const L = scenario.ladder;
  it("names the ladder's numbers and the ordered push a gate needs", () => {
    const words = ladderRule(scenario);
    expect(words).toContain(`every ${L.pressurePerRung} points climb a rung (at most ${L.maxStep} a week)`);
    expect(words).toContain(`needs ${L.gatePressure} points in one week from acts a side ordered`);
    expect(words).toContain(`into war at rung ${L.war}`);
    expect(words).toContain('never across a gate or into war');
  });

  it('promises precedent jumps only when the scenario gives them rungs', () => {
    const none = { ...scenario, ladder: { ...L, firstUsDeath: 0, firstLeaderKilled: 0, firstStateStrike: 0 } };
    expect(ladderRule(none)).not.toMatch(/precedent/);
    const some = { ...scenario, ladder: { ...L, firstUsDeath: 0, firstLeaderKilled: 2, firstStateStrike: 0 } };
    expect(ladderRule(some)).toContain('Breaking a precedent jumps it, short of war: the first leader killed (+2).');
  });

  it('states the quiet-week rule as the numbers have it', () => {
    expect(ladderRule({ ...scenario, ladder: { ...L, decayAfterQuiet: 1, calmBelow: 10 } })).toContain(
      'A quiet week (pressure 10 or less) steps it down a rung.',
    );
    expect(ladderRule({ ...scenario, ladder: { ...L, decayAfterQuiet: 3, calmBelow: 0 } })).toContain(
      '3 quiet weeks in a row (pressure 0 or less each) step it down a rung.',
    );
  });

  it("names what governs and deters a militia's fire, with the scenario's numbers", () => {
    const a = scenario.attacks;
    const words = autonomyRule(scenario);
    expect(words).toContain(`${aNumber(`${a.autonomyPerAggression / 10}%`)} chance for each point above`);
    expect(words).toContain("above its cohesion plus a tenth of the PMU's cohesion less 5 may fire on its own");
    expect(words).toContain(`less ${a.redLineDeterrence / 10} points while a US red line stands`);
    expect(words).toContain(`${a.isrDeterrence / 10} for each level of US surveillance`);
    expect(words).toContain(`${a.curfewDeterrence / 10} under a curfew`);
    expect(words).toContain(`holds every group for ${a.restrainTurns} weeks`);
  });

  it('says what an attack on Americans left unanswered costs and what answering earns, with the numbers', () => {
    const r = scenario.redLines;
    const words = answerRule(scenario);
    expect(words).toContain(
      `left unanswered for ${r.responseWindow} weeks costs the US ${-r.unansweredAttack} credibility`,
    );
    expect(words).toContain(`at least ${scenario.strikes.lowConfidence / 10}% confidence`);
    expect(words).toContain(`${-r.unansweredDeath} more for each American it killed`);
    expect(words).toContain(`earns back ${r.answeredCredibility} credibility, once`);
    expect(words).toContain('a launch team caught before it fired counts as an attack');
    const none = { ...scenario, redLines: { ...r, unansweredAttack: 0, unansweredDeath: 0, answeredCredibility: 0 } };
    expect(answerRule(none)).toBe('');
  });

  it('says what a red line earns, what crosses it (a death or the embassy broken into), the time to answer and the price', () => {
    const r = scenario.redLines;
    const words = redLineRule(scenario);
    expect(words).toContain(`earns ${signedNumber(r.declareCredibility)} credibility`);
    expect(words).toContain('An attack that kills an American or a siege that breaks into the embassy crosses it');
    expect(words).toContain(
      r.responseWindow === 2 ? 'in the week it is crossed or the next' : 'in the week it is crossed',
    );
    expect(words).toContain(`credibility ${signedNumber(r.honouredCredibility)}`);
    expect(words).toContain(
      `credibility ${signedNumber(r.brokenCredibility)}, resolve ${signedNumber(r.brokenResolve)}`,
    );
  });

  it('says a red line already stands at the start when the scenario has one, and not otherwise', () => {
    expect(scenario.us.redLineStanding).toBe(true);
    expect(redLineRule(scenario)).toContain('In this scenario one already stands when the game begins');
    const none = { ...scenario, us: { ...scenario.us, redLineStanding: false } };
    expect(redLineRule(none)).not.toContain('already stands');
  });

  it("gives a strike's whole price in Baghdad: the sure part, a PMU position, a wrong target, weak evidence, Iraqi dead", () => {
    const st = scenario.strikes;
    const words = effectsText(scenario, scenario.orders.find((o) => o.type === 'strike-site')!);
    expect(words).toContain(
      `Baghdad's consent ${signedNumber(st.consent)} and eviction pressure ${signedNumber(st.evictionPressure)}`,
    );
    expect(words).toContain(
      `${signedNumber(st.stateInstitutionConsent)} and ${signedNumber(st.stateInstitutionPressure)} more at a PMU position`,
    );
    expect(words).toContain(
      `consent ${signedNumber(st.wrongTargetConsent)} more if the group had not in fact attacked`,
    );
    expect(words).toContain(
      `${signedNumber(st.lowConfidenceConsent)} if no attack is pinned on it with ${st.lowConfidence / 10}% confidence`,
    );
    expect(words).toContain(`${signedNumber(-st.consentPerIraqiKilled)} for each Iraqi killed`);
    const redLine = effectsText(scenario, scenario.orders.find((o) => o.type === 'red-line')!);
    expect(redLine).toContain(`US credibility ${signedNumber(scenario.redLines.declareCredibility)}`);
    // Rocketing an oil site docks Iran's own income for the week, beside the order's own effects.
    const oil = effectsText(scenario, scenario.orders.find((o) => o.type === 'economic-attack')!);
    expect(oil).toContain(`Iran's resources ${signedNumber(scenario.domestic.economicIncome)}`);
  });

  it('states the brink with its numbers, what counts as firing, and nothing when the scenario has none', () => {
    const b = scenario.ladder.brink;
    const words = brinkRule(scenario);
    expect(words).toContain(`From rung ${b.fromRung} the crisis stands at the brink`);
    expect(words).toContain(`if both sides fire, ${exchangeRunsIntoWar(b.exchangeWar)}; holding fire`);
    expect(words).toContain(`US: resolve −${-b.usBacksDown.resolve}, credibility −${-b.usBacksDown.credibility}`);
    expect(words).toContain(
      `Baghdad's consent +${b.iranBacksDown.consent}, eviction pressure −${-b.iranBacksDown.evictionPressure}`,
    );
    expect(words).toContain('a militia firing on its own does not count');
    expect(words).toContain('only IRGC missiles or an attack on US forces claimed openly');
    const none = { ...scenario, ladder: { ...L, brink: { ...b, fromRung: L.war } } };
    expect(brinkRule(none)).toBe('');
  });

  it("states Iran's income and each drain the economy step applies, from the data, and drops a drain set to 0", () => {
    const words = iranIncome(scenario);
    expect(words).toContain(`+${scenario.iran.income} a week at the start`);
    expect(words).toContain(`${scenario.pandemic.iranDrainPerLevel} for each level of the pandemic`);
    expect(words).toContain(`${scenario.baghdad.waiverIranIncome} while Iraq's electricity waiver has lapsed`);
    // The economy step runs after the week's attacks: the loss is that week's, not the next.
    expect(words).toContain(`${-scenario.domestic.economicIncome} in a week its militias rocket an oil site`);
    expect(words).toContain('sanctions designations');
    const calm = {
      ...scenario,
      pandemic: { ...scenario.pandemic, iranDrainPerLevel: 0 },
      baghdad: { ...scenario.baghdad, waiverIranIncome: 0 },
    };
    expect(iranIncome(calm)).not.toContain('pandemic');
    expect(iranIncome(calm)).not.toContain('waiver');
    const none = { ...calm, domestic: { ...scenario.domestic, economicIncome: 0 } };
    expect(iranIncome(none)).toBe(
      `+${scenario.iran.income} a week at the start, less what sanctions designations have cut from it for good`,
    );
  });

  it('names a preset by its length once: the name when it says it, else the name and its weeks', () => {
    expect(presetLength({ name: 'Classroom (8 turns)', turns: 8 })).toBe('Classroom (8 turns)');
    expect(presetLength({ name: 'Short 12', turns: 2 })).toBe('Short 12: 2 weeks');
    expect(presetLength({ name: 'Short', turns: 6 })).toBe('Short: 6 weeks');
    expect(presetLength({ name: 'Taster', turns: 1 })).toBe('Taster: 1 week');
  });
});
