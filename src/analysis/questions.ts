import {
  casualtyPhrase,
  describeOrder,
  type EventOf,
  type EventType,
  type GameEvent,
  groupName,
  narrate,
  type Order,
  rungName,
  type Scenario,
  siteName,
} from '../engine/index.ts';
import type { PlayedGame } from './record.ts';
import { attributionRuling } from './timeline.ts';

/**
 * Discussion questions drawn from what happened in one game: each rule looks for a kind of moment (a misattributed
 * attack, a strike that killed Iraqis, a red line crossed, a vote, a front exposed, war, quiet weeks…) and, when it
 * finds one, asks about it, citing the week and the event. The debrief shows the 5 to 8 that weigh most.
 */

export interface Question {
  kind: string;
  /** The week the question is about; null for the whole game. */
  turn: number | null;
  /** The moment that prompted it, in the engine's words. */
  cite: string;
  text: string;
}

export interface Candidate extends Question {
  weight: number; // which questions a short debrief keeps: the rarer and more telling the moment, the higher
}

export const MIN_QUESTIONS = 5;
export const MAX_QUESTIONS = 8;

interface Dated<T extends EventType> {
  turn: number;
  event: EventOf<T>;
}

function eventsOf<T extends EventType>(game: PlayedGame, type: T): Dated<T>[] {
  const out: Dated<T>[] = [];
  for (const t of game.turns)
    for (const e of t.events) if (e.type === type) out.push({ turn: t.turn, event: e as EventOf<T> });
  return out;
}

const unit = (scenario: Scenario) => (scenario.turnDays === 7 ? 'week' : 'turn');
const week = (scenario: Scenario, turn: number) => `${unit(scenario)} ${turn}`;
const Week = (scenario: Scenario, turn: number) => `${scenario.turnDays === 7 ? 'Week' : 'Turn'} ${turn}`;
const say = (scenario: Scenario, e: GameEvent) => narrate(scenario, e, 'facilitator') ?? '';

/**
 * The weeks in which the struck group's attack made a US strike deserved, as turn/strikes.ts counts them in the past
 * tense of the debrief: `strikes.window` weeks, the strike's own included ("that week or the week before"); a
 * campaign's strikes count from the weeks before the campaign began on. The end screen's truth table says it too.
 */
export function strikeLookBack(s: Scenario, kind: 'strike' | 'campaign'): string {
  const n = s.strikes.window;
  const u = unit(s);
  if (kind === 'campaign')
    return `from ${n === 1 ? `the ${u}` : n === 2 ? `the ${u} before` : `${n - 1} ${u}s before`} its campaign began on`;
  return `that ${u}${n === 1 ? '' : n === 2 ? ` or the ${u} before` : ` or the ${n - 1} ${u}s before`}`;
}

/** Every question the game's moments prompt, with its weight (higher: more worth a class's time). */
export function questionCandidates(game: PlayedGame): Candidate[] {
  const s = game.scenario;
  const final = game.final;
  const out: Candidate[] = [];
  const add = (c: Candidate) => out.push(c);
  const us = s.sides.us.short;
  const iran = s.sides.iran.short;

  const wrongStrike = final.strikes.find((x) => !x.justified);
  if (wrongStrike)
    add({
      kind: 'wrong-strike',
      weight: 95,
      turn: wrongStrike.turn,
      cite: `${Week(s, wrongStrike.turn)}: the US struck ${siteName(s, wrongStrike.site)} (${groupName(s, wrongStrike.group)}), a group that had made no attack ${strikeLookBack(s, wrongStrike.kind)}.`,
      text: `Why did the US come to blame ${groupName(s, wrongStrike.group)}, and how might Baghdad and Tehran have read a strike on a group that had not fired lately?`,
    });

  // A suspect named by the facilitator's ruling is not what US intelligence concluded: the question asks about the latter.
  const misread = final.attacks.find(
    (a) => a.group !== null && a.suspect !== null && a.suspect !== a.group && attributionRuling(final, a) === null,
  );
  if (misread && misread.group !== null && misread.suspect !== null)
    add({
      kind: 'misattribution',
      weight: 90,
      turn: misread.turn,
      cite: `${Week(s, misread.turn)}: US intelligence blamed ${groupName(s, misread.suspect)} for the attack on ${siteName(s, misread.target)}; ${groupName(s, misread.group)} had fired.`,
      text: 'What did the US know when it made that call, and what would it have needed to be surer before acting on it?',
    });

  const iraqiStrike = final.strikes.find((x) => x.casualties.iraqiForcesKilled + x.casualties.civiliansKilled > 0);
  if (iraqiStrike) {
    const t = game.turns[iraqiStrike.turn - 1];
    const consent = t
      ? ` Baghdad's consent went from ${t.before.baghdad.consent} to ${t.after.baghdad.consent} that ${unit(s)}.`
      : '';
    add({
      kind: 'iraqis-killed',
      weight: 85,
      turn: iraqiStrike.turn,
      cite: `${Week(s, iraqiStrike.turn)}: the US strike on ${siteName(s, iraqiStrike.site)} left ${casualtyPhrase({ ...iraqiStrike.casualties, proxiesKilled: 0 })}.${consent}`,
      text: 'Why does a strike aimed at a militia cost the US support in Baghdad, and was the strike worth that cost?',
    });
  }

  const missiles = final.attacks.find((a) => a.kind === 'missile-strike');
  if (missiles)
    add({
      kind: 'state-strike',
      weight: 88,
      turn: missiles.turn,
      cite: `${Week(s, missiles.turn)}: Iran fired ballistic missiles at ${siteName(s, missiles.target)}${missiles.casualties.usKilled > 0 ? `, killing ${missiles.casualties.usKilled} Americans` : ''}.`,
      text: 'Why would Iran strike openly from its own soil after relying on deniable proxies, and what choice did that leave Washington?',
    });

  const votes = eventsOf(game, 'vote');
  const vote = votes.find((v) => v.event.passed) ?? votes[0];
  if (vote)
    add({
      kind: 'vote',
      weight: 85,
      turn: vote.turn,
      cite: `${Week(s, vote.turn)}: ${say(s, vote.event)}`,
      text: vote.event.passed
        ? 'Which moves in the weeks before pushed parliament to vote the Coalition out, and could either side have changed the result?'
        : 'What kept the motion from passing, and which side did the vote help more?',
    });

  const lines = eventsOf(game, 'red-line');
  const broken = lines.find((l) => l.event.status === 'broken');
  const honoured = lines.find((l) => l.event.status === 'honoured');
  const crossed = lines.find((l) => l.event.status === 'crossed');
  if (broken)
    add({
      kind: 'red-line',
      weight: 82,
      turn: broken.turn,
      cite: `${Week(s, broken.turn)}: ${say(s, broken.event)}`,
      text: 'What does an unanswered red line cost, and should Washington have drawn it in the first place?',
    });
  else if (honoured)
    add({
      kind: 'red-line',
      weight: 80,
      turn: honoured.turn,
      cite: `${Week(s, honoured.turn)}: ${say(s, honoured.event)}`,
      text: `Did answering the red line with force make the next attack less likely, or did ${iran} read it as escalation to be answered in turn?`,
    });
  else if (crossed)
    add({
      kind: 'red-line',
      weight: 78,
      turn: crossed.turn,
      cite: `${Week(s, crossed.turn)}: ${say(s, crossed.event)}`,
      text: 'Once the line was crossed, what were the US options, and what would each have signalled?',
    });

  const leader = eventsOf(game, 'leader-killed')[0];
  if (leader)
    add({
      kind: 'leader-killed',
      weight: 80,
      turn: leader.turn,
      cite: `${Week(s, leader.turn)}: ${say(s, leader.event)}`,
      text: 'Did killing a leader make US forces safer, or did it invite the retaliation it was meant to deter?',
    });

  const firstDeath = game.turns.find((t) => t.after.casualties.usKilled > t.before.casualties.usKilled);
  if (firstDeath) {
    const attack = firstDeath.events.find(
      (e): e is EventOf<'attack'> => e.type === 'attack' && e.casualties.usKilled > 0,
    );
    add({
      kind: 'first-death',
      weight: 75,
      turn: firstDeath.turn,
      cite: `${Week(s, firstDeath.turn)}: ${attack ? say(s, attack) : 'the first American was killed.'}`,
      text: 'How did the first American death change the pressure on Washington, and did the attackers intend to kill?',
    });
  }

  const autonomous = final.attacks.find((a) => a.autonomous && a.group !== null);
  if (autonomous && autonomous.group !== null)
    add({
      kind: 'autonomous',
      weight: 72,
      turn: autonomous.turn,
      cite: `${Week(s, autonomous.turn)}: ${groupName(s, autonomous.group)} attacked ${siteName(s, autonomous.target)} on its own, without orders from Tehran.`,
      text: 'How much does a patron control its proxies, and whom should the US hold responsible for an attack Tehran did not order?',
    });

  const siege = eventsOf(game, 'siege').find((x) => x.event.success);
  if (siege)
    add({
      kind: 'siege',
      weight: 70,
      turn: siege.turn,
      cite: `${Week(s, siege.turn)}: ${say(s, siege.event)}`,
      text: 'A siege by supporters is not an attack by soldiers: how should the US answer a crowd, and what did the siege signal?',
    });

  const exposed = eventsOf(game, 'front-exposed')[0];
  if (exposed)
    add({
      kind: 'front-exposed',
      weight: 66,
      turn: exposed.turn,
      cite: `${Week(s, exposed.turn)}: ${say(s, exposed.event)}`,
      text: `What did the front buy ${iran} while it lasted, and what did its exposure change for both sides?`,
    });

  const backedDown = eventsOf(game, 'backed-down')[0];
  if (backedDown)
    add({
      kind: 'backed-down',
      weight: 78,
      turn: backedDown.turn,
      cite: `${Week(s, backedDown.turn)}: ${say(s, backedDown.event)}`,
      text: 'At the brink, holding fire cost a side dearly and firing back risked war: was backing down the right call, and what would firing have risked?',
    });

  const leak = eventsOf(game, 'plan-leaked')[0];
  if (leak)
    add({
      kind: 'plan-leaked',
      weight: 62,
      turn: leak.turn,
      cite: `${Week(s, leak.turn)}: ${say(s, leak.event)}`,
      text: 'A leaked plan warns the other side: did the leak deter the militias or push them to strike first?',
    });

  const outcome = final.outcome;
  const war = outcome?.result === 'shared-loss';
  let peakTurn: { turn: number; rise: number } | null = null;
  for (const t of game.turns) {
    const rise = t.after.ladder.rung - t.before.ladder.rung;
    if (rise > 0 && (peakTurn === null || rise > peakTurn.rise)) peakTurn = { turn: t.turn, rise };
  }
  // War comes only from what both sides ordered: a push across the last gate (incidents stop a rung short) or an
  // exchange of fire at the brink. Ask about that move.
  if (war && outcome)
    add({
      kind: 'war',
      weight: 100,
      turn: outcome.turn,
      cite: `${Week(s, outcome.turn)}: the ladder reached ${rungName(s, final.ladder.rung)} and the game ended in war.`,
      text: 'Which move made the climb impossible to stop, and did either side mean to go to war?',
    });
  else if (peakTurn) {
    const t = game.turns[peakTurn.turn - 1]!;
    add({
      kind: 'ladder',
      weight: 60 + 4 * peakTurn.rise,
      turn: peakTurn.turn,
      cite: `${Week(s, peakTurn.turn)}: the ladder climbed from rung ${t.before.ladder.rung} to ${t.after.ladder.rung}, ${rungName(s, t.after.ladder.rung)}.`,
      text: `Which moves that ${unit(s)} pushed the ladder up, and how did each side read the other's move: as defence or as escalation?`,
    });
  } else
    add({
      kind: 'ladder',
      weight: 40,
      turn: null,
      cite: `The ladder never climbed during the game; it ended at rung ${final.ladder.rung}, ${rungName(s, final.ladder.rung)}.`,
      text: 'What held the ladder down: restraint, deterrence, or luck?',
    });

  const quiet = quietestStretch(game);
  if (quiet && quiet.length >= 2)
    add({
      kind: 'quiet',
      weight: 55,
      turn: quiet.from,
      cite: `${Week(s, quiet.from)} to ${week(s, quiet.from + quiet.length - 1)}: no attacks and no US strikes.`,
      text: 'What kept those weeks quiet, and which side gained more from the calm?',
    });

  // Handovers the US chose, not those under way when the game began.
  const handovers = game.turns.flatMap((t) =>
    t.orders.us.filter((o) => o.type === 'hand-over-base').map((o) => ({ turn: t.turn, base: o.base })),
  );
  if (handovers.length > 0) {
    const first = handovers[0]!;
    const names = handovers.map((h) => siteName(s, h.base)).join(', ');
    add({
      kind: 'handover',
      weight: 50,
      turn: first.turn,
      cite: `${Week(s, first.turn)} on: the Coalition ordered the handover of ${names}.`,
      text: `Fewer bases are easier to defend, but ${iran} can read a handover as retreat: was consolidation a defence or a signal of weakness?`,
    });
  }

  let drop: { turn: number; by: number } | null = null;
  for (const t of game.turns) {
    const by = t.after.baghdad.consent - t.before.baghdad.consent;
    if (by < 0 && (drop === null || by < drop.by)) drop = { turn: t.turn, by };
  }
  if (drop && drop.by <= -3) {
    const t = game.turns[drop.turn - 1]!;
    add({
      kind: 'consent',
      weight: 48,
      turn: drop.turn,
      cite: `${Week(s, drop.turn)}: Baghdad's consent fell from ${t.before.baghdad.consent} to ${t.after.baghdad.consent}.`,
      text: `What cost the ${us} Baghdad's support that ${unit(s)}, and could it have been avoided?`,
    });
  }

  for (const side of ['us', 'iran'] as const) {
    const turn = loudestTurn(game, side);
    if (!turn) continue;
    const other = side === 'us' ? 'iran' : 'us';
    const reply = game.turns[turn.turn]?.orders[other];
    const name = s.sides[side].short;
    add({
      kind: `${side}-decision`,
      weight: 42,
      turn: turn.turn,
      cite:
        `${Week(s, turn.turn)}: ${name} ordered ${turn.orders.map((o) => describeOrder(s, o)).join('; ')}` +
        (reply
          ? `; the next ${unit(s)} ${s.sides[other].short} ordered ${reply.map((o) => describeOrder(s, o)).join('; ') || 'nothing'}.`
          : '.'),
      text: `What did the ${name} team expect the other side to do in reply, and did the reply match?`,
    });
  }

  const e = final.escalation;
  const louder = e.us >= e.iran ? 'us' : 'iran';
  add({
    kind: 'security-dilemma',
    weight: 45,
    turn: null,
    cite: `Escalation scores at the end: ${us} ${e.us}, ${iran} ${e.iran}.`,
    text: `${louder === 'us' ? us : iran} scored more escalation points. Did its players see their own moves as defensive, and how did the other side read them?`,
  });

  if (final.isis > s.victory.us.maxIsis)
    add({
      kind: 'isis',
      weight: 44,
      turn: null,
      cite: `ISIS ended the game at ${final.isis}, above the ${s.victory.us.maxIsis} the US can accept.`,
      text: 'While the two boxers watched each other, ISIS grew: who should have been watching it, and what did it cost them?',
    });

  // Always there, so every game has at least five questions: how the two slow forces moved over the game.
  add({
    kind: 'consent-trend',
    weight: 30,
    turn: null,
    cite: `Baghdad's consent went from ${game.start.baghdad.consent} to ${final.baghdad.consent} over the game.`,
    text: `Whose moves did most to move Baghdad's consent, and did the ${us} team watch it as closely as the ${iran} team?`,
  });
  add({
    kind: 'resolve-trend',
    weight: 28,
    turn: null,
    cite: `US resolve at home went from ${game.start.us.resolve} to ${final.us.resolve}.`,
    text: `How far did each side's moves aim at opinion in Washington rather than at the other side's forces?`,
  });
  add({
    kind: 'outcome',
    weight: 40,
    turn: null,
    cite: outcome
      ? `${Week(s, outcome.turn)}: ${outcome.explanation}`
      : `The record stops in ${week(s, final.turn)}, before the game ended.`,
    text: outcome
      ? 'Was the ending decided in one week or built up over several, and which turn would each team play differently?'
      : 'Where was the game heading when the record stops, and what would each team do next?',
  });
  return out;
}

/** The turn a side scored most escalation points (the first, if tied), with its orders; null if it gave none. */
function loudestTurn(game: PlayedGame, side: 'us' | 'iran'): { turn: number; orders: Order[] } | null {
  let best: { turn: number; points: number; orders: Order[] } | null = null;
  for (const t of game.turns) {
    if (t.orders[side].length === 0) continue;
    const points = t.after.escalation[side] - t.before.escalation[side];
    if (best === null || points > best.points) best = { turn: t.turn, points, orders: t.orders[side] };
  }
  return best;
}

/** The longest run of turns with no attack and no US strike (the first, if several are as long). */
function quietestStretch(game: PlayedGame): { from: number; length: number } | null {
  let best: { from: number; length: number } | null = null;
  let from = 0;
  let length = 0;
  for (const t of game.turns) {
    const loud = t.events.some((e) => e.type === 'attack' || e.type === 'strike');
    if (loud) {
      length = 0;
      continue;
    }
    if (length === 0) from = t.turn;
    length++;
    if (best === null || length > best.length) best = { from, length };
  }
  return best;
}

/**
 * The 5 to 8 questions this game prompts most: at most one of each kind, the weightiest first, then shown in the
 * order of the weeks they cite (questions about the whole game last).
 */
export function discussionQuestions(game: PlayedGame): Question[] {
  const seen = new Set<string>();
  const chosen: Candidate[] = [];
  for (const c of questionCandidates(game).sort((a, b) => b.weight - a.weight || (a.turn ?? 99) - (b.turn ?? 99))) {
    if (seen.has(c.kind)) continue;
    seen.add(c.kind);
    chosen.push(c);
    if (chosen.length === MAX_QUESTIONS) break;
  }
  return chosen
    .sort((a, b) => (a.turn ?? Number.MAX_SAFE_INTEGER) - (b.turn ?? Number.MAX_SAFE_INTEGER))
    .map(({ kind, turn, cite, text }) => ({ kind, turn, cite, text }));
}
