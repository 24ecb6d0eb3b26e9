import type { Scenario } from './scenario.ts';
import type { GameState, Outcome, OutcomeReason, OutcomeResult, Score, Side } from './state.ts';

/** Proxy capability, 0-100: the mean over the groups of their arsenal and strength. */
export const proxyCapability = (state: GameState): number => capabilityOf(state.iran.groups);

/** Proxy capability of some groups (Iran's view holds its groups exactly): what the order forms forecast with. */
export function capabilityOf(groups: readonly { arsenal: number; strength: number }[]): number {
  if (groups.length === 0) return 0;
  let sum = 0;
  for (const g of groups) sum += g.arsenal + g.strength;
  return Math.trunc(sum / (2 * groups.length));
}

/** The deniability of Iran's best live front, 0 if it has none. */
export function bestDeniability(state: GameState): number {
  let best = 0;
  for (const f of state.iran.fronts) if (!f.retired && f.deniability > best) best = f.deniability;
  return best;
}

export const basesHeld = (state: GameState): number => state.us.bases.filter((b) => !b.handedOver).length;

/** Whether each side meets its aims as the scenario states them, with the reasons it falls short. */
export function aims(scenario: Scenario, state: GameState): { us: string[]; iran: string[] } {
  const v = scenario.victory;
  const us: string[] = [];
  const keyLost = state.us.bases.filter((b) => b.key && b.handedOver).map((b) => b.site);
  if (keyLost.length > 0) us.push(`key bases lost: ${keyLost.join(', ')}`);
  if (state.baghdad.consent < v.us.minConsent)
    us.push(`Baghdad's consent ${state.baghdad.consent} < ${v.us.minConsent}`);
  if (state.isis > v.us.maxIsis) us.push(`ISIS ${state.isis} > ${v.us.maxIsis}`);
  if (state.us.credibility < v.us.minCredibility)
    us.push(`credibility ${state.us.credibility} < ${v.us.minCredibility}`);
  if (state.ladder.rung > v.us.maxRung) us.push(`the ladder at rung ${state.ladder.rung} > ${v.us.maxRung}`);
  const iran: string[] = [];
  const cap = proxyCapability(state);
  if (cap < v.iran.minProxyCapability) iran.push(`proxy capability ${cap} < ${v.iran.minProxyCapability}`);
  const den = bestDeniability(state);
  if (den < v.iran.minDeniability) iran.push(`best front deniability ${den} < ${v.iran.minDeniability}`);
  return { us, iran };
}

/** The figures the sides watch: the purses, Baghdad, the US, ISIS, the calendar's pandemic, losses, fronts and bases. */
export const STAKES = [
  'politicalCapital',
  'iranResources',
  'consent',
  'evictionPressure',
  'resolve',
  'credibility',
  'isis',
  'pandemic',
  'usKilled',
  'bestDeniability',
  'basesHeld',
] as const;
export type Stake = (typeof STAKES)[number];

/**
 * +1: a rise helps the side, −1: it hurts, 0: the side's aims and score do not count it. Read from the victory
 * conditions above and the scoring below; the purses count for the side that spends them.
 */
const RISE: Record<Stake, Record<Side, -1 | 0 | 1>> = {
  politicalCapital: { us: 1, iran: 0 },
  iranResources: { us: 0, iran: 1 },
  consent: { us: 1, iran: -1 }, // the US's aim; Iran's eviction needs it low, and scores what it lost
  evictionPressure: { us: -1, iran: 1 },
  resolve: { us: 1, iran: -1 }, // at the break the US leaves: Iran's victory
  credibility: { us: 1, iran: 0 },
  isis: { us: -1, iran: 0 },
  pandemic: { us: 0, iran: 0 },
  usKilled: { us: -1, iran: 0 },
  bestDeniability: { us: 0, iran: 1 },
  basesHeld: { us: 1, iran: -1 }, // a token presence is Iran's victory
};

/**
 * Which side a rising figure helps: +1 it helps `side`, −1 it hurts it, 0 neither. One judgement for every screen
 * that says "good for you" or "bad for Iran" (the dashboard, the team screens, the debrief).
 */
export const riseHelps = (stake: Stake, side: Side): -1 | 0 | 1 => RISE[stake][side];

/** Each side's score with its breakdown: what the debrief shows and the AI maximises. */
export function scoreGame(
  scenario: Scenario,
  state: GameState,
  result: OutcomeResult | null,
): { us: Score; iran: Score } {
  const w = scenario.scoring;
  const v = scenario.victory;
  const held = basesHeld(state);
  const missing = state.us.bases.length - held;
  const us = [
    { label: 'Bases held', points: held * w.perBase },
    { label: "Baghdad's consent", points: state.baghdad.consent * w.perConsent },
    { label: 'Credibility', points: state.us.credibility * w.perCredibility },
    { label: 'ISIS contained', points: (v.us.maxIsis - state.isis) * w.perIsisBelowMax },
    { label: 'Americans killed', points: -state.casualties.usKilled * w.perUsKilled },
    { label: 'Escalation', points: -state.ladder.rung * w.perRung },
    { label: 'Victory', points: result === 'us' ? w.win : 0 },
  ];
  const iran = [
    { label: 'US bases gone', points: missing * w.perMissingBase },
    {
      label: "Baghdad's consent eroded",
      points: Math.max(0, scenario.baghdad.consent - state.baghdad.consent) * w.perConsentLost,
    },
    { label: 'Proxy capability', points: proxyCapability(state) * w.perProxyCapability },
    { label: 'Deniability kept', points: bestDeniability(state) * w.perDeniability },
    { label: 'Resources', points: state.iran.resources * w.perResource },
    { label: 'Escalation', points: -state.ladder.rung * w.perRung },
    { label: 'Victory', points: result === 'iran' ? w.win : 0 },
  ];
  const total = (lines: { points: number }[]) => lines.reduce((t, l) => t + l.points, 0);
  return { us: { total: total(us), lines: us }, iran: { total: total(iran), lines: iran } };
}

function end(
  scenario: Scenario,
  state: GameState,
  result: OutcomeResult,
  reason: OutcomeReason,
  explanation: string,
): Outcome {
  return { result, reason, turn: state.turn, explanation, score: scoreGame(scenario, state, result) };
}

/**
 * Whether the game ended this turn, and how. Regional war ends it for both; an expulsion, a token presence or
 * broken US resolve hand Iran the game; after the last turn each side's aims decide it.
 */
export function checkOutcome(scenario: Scenario, state: GameState, expelled: boolean): Outcome | null {
  const v = scenario.victory;
  const o = scenario.outcomes;
  if (state.ladder.rung >= scenario.ladder.war) return end(scenario, state, 'shared-loss', 'war', o['shared-loss']);
  if (expelled) return end(scenario, state, 'iran', 'eviction', o.eviction);
  if (basesHeld(state) <= v.iran.tokenBases) return end(scenario, state, 'iran', 'token', o.token);
  if (state.us.resolve <= v.iran.resolveBreak) return end(scenario, state, 'iran', 'resolve', o.resolve);
  if (state.turn < state.lastTurn) return null;
  const a = aims(scenario, state);
  if (a.us.length === 0) return end(scenario, state, 'us', 'final-turn', o.us);
  if (a.iran.length === 0)
    return end(scenario, state, 'iran', 'final-turn', `${o.iran} (US fell short: ${a.us.join('; ')})`);
  return end(scenario, state, 'draw', 'final-turn', `${o.draw} (US: ${a.us.join('; ')}; Iran: ${a.iran.join('; ')})`);
}
