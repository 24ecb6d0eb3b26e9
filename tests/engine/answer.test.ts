/**
 * Attacks on Americans ask for an answer, red line or not: a US strike within the response window answers them (and
 * earns credibility back once), an attack the US could pin on someone and left unanswered costs credibility when the
 * window closes, and each American killed costs more, pinned or not.
 */
import { describe, expect, it } from 'vitest';
import { forecastOrder, type Ledger, viewFor } from '../../src/engine/index.ts';
import { newGame, play, quiet, withScenario } from './helpers.ts';

const S = withScenario(quiet, (x) => {
  x.attacks.curfewCaught = 0;
  x.us.redLineStanding = false; // the declared line's own rule is tested elsewhere
  x.redLines.responseWindow = 2;
  x.redLines.unansweredAttack = -2;
  x.redLines.unansweredDeath = -6;
  x.redLines.answeredCredibility = 4;
  x.baghdad.consentDrift = 0;
  Object.assign(x.attacks.profiles['rocket-attack'], { hitPerMille: 0 });
});
const killing = withScenario((x) => {
  Object.assign(x, JSON.parse(JSON.stringify(S)));
  Object.assign(x.attacks.profiles['lethal-barrage'], { hitPerMille: 1000, killPerHit: 1000 });
  x.attacks.resolvePerDeath = 0; // so many dead would break US resolve and end the game
});
const unsure = withScenario((x) => {
  Object.assign(x, JSON.parse(JSON.stringify(S)));
  x.attribution.base = 100;
  x.attribution.perIsr = 0;
});

const rockets = [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }];
const strike = [{ type: 'strike-site', site: 'jurf-al-sakhar' }];
const credibilityBy = (ledger: Ledger, status: string): number[] =>
  (ledger.find((l) => l.variable.kind === 'credibility')?.parts ?? [])
    .filter((p) => p.cause.kind === 'red-line' && p.cause.status === status)
    .map((p) => p.delta);

describe('attacks on Americans ask for an answer', () => {
  it('an attack the US pinned and left unanswered costs credibility when the window closes, not before', () => {
    const first = play(newGame('answer-unanswered', S), [], rockets);
    expect(first.state.attacks[0]!.confidence).toBeGreaterThanOrEqual(S.strikes.lowConfidence);
    expect(credibilityBy(first.ledger, 'unanswered')).toEqual([]);
    const second = play(first.state, [], []);
    expect(credibilityBy(second.ledger, 'unanswered')).toEqual([S.redLines.unansweredAttack]);
    // Once: the week after, that attack is out of the window.
    expect(credibilityBy(play(second.state, [], []).ledger, 'unanswered')).toEqual([]);
  });

  it('each American killed costs more, pinned or not', () => {
    const first = play(
      newGame('answer-killed', killing),
      [],
      [{ type: 'lethal-barrage', group: 'kh', base: 'taji', claim: 'unclaimed' }],
    );
    const killed = first.state.attacks[0]!.casualties.usKilled;
    expect(killed).toBeGreaterThan(0);
    const pinned = first.state.attacks[0]!.confidence >= killing.strikes.lowConfidence;
    const second = play(first.state, [], []);
    expect(credibilityBy(second.ledger, 'unanswered')).toEqual([
      (pinned ? killing.redLines.unansweredAttack : 0) + killed * killing.redLines.unansweredDeath,
    ]);
  });

  it('an attack the US could not pin on anyone, and that killed no one, costs nothing', () => {
    const first = play(newGame('answer-unsure', unsure), [], rockets);
    expect(first.state.attacks[0]!.confidence).toBeLessThan(unsure.strikes.lowConfidence);
    const second = play(first.state, [], []);
    expect(second.state.us.credibility).toBe(first.state.us.credibility);
    expect(credibilityBy(second.ledger, 'unanswered')).toEqual([]);
  });

  it('a strike within the window answers it: credibility earned back once, and nothing lost when the window closes', () => {
    const first = play(newGame('answer-struck', S), [], rockets);
    const struck = play(first.state, strike, []);
    expect(struck.state.us.lastStrikeTurn).toBe(first.state.turn);
    expect(credibilityBy(struck.ledger, 'answered')).toEqual([S.redLines.answeredCredibility]);
    expect(credibilityBy(struck.ledger, 'unanswered')).toEqual([]);
    // A second strike with nothing new to answer earns nothing.
    const again = play(struck.state, strike, []);
    expect(credibilityBy(again.ledger, 'answered')).toEqual([]);
  });

  it("the strike's forecast says it answers attacks still owed an answer, and says nothing once they are answered", () => {
    const note = (state: Parameters<typeof viewFor>[1]) =>
      forecastOrder(S, viewFor(S, state, 'us'), strike[0] as never).notes.filter((n) =>
        n.includes('answers the attacks'),
      );
    const start = newGame('answer-forecast', S);
    expect(note(start)).toEqual([]);
    const attacked = play(start, [], rockets).state;
    expect(note(attacked)).toEqual([
      `It answers the attacks on Americans since the last US strike: credibility +${S.redLines.answeredCredibility}.`,
    ]);
    expect(note(play(attacked, strike, []).state)).toEqual([]);
  });

  it('a strike in the same week as the attack answers it too', () => {
    const same = play(newGame('answer-same-week', S), strike, rockets);
    expect(credibilityBy(same.ledger, 'answered')).toEqual([S.redLines.answeredCredibility]);
    expect(credibilityBy(play(same.state, [], []).ledger, 'unanswered')).toEqual([]);
  });
});
