import { isSide } from '../engine/index.ts';
import { isOrderLegal, type OrderFacts, type Scenario, type SeatView, type Side } from '../engine/index.ts';
import { frontExposedIn, frontNamesUsedIn } from './belief.ts';
import { DOCTRINES, type Doctrine, type DoctrineBook } from './doctrine.ts';
import { decideDoctrine } from './doctrine-policy.ts';
import { rosterOf } from './roster.ts';
import { decideScript, type Script } from './scripts.ts';
import type { Policy } from './simple.ts';
import { strategistPolicy } from './strategist.ts';

export interface AiPlayer {
  id: string;
  side: Side;
  label: string;
  description: string;
  policy: Policy;
  /**
   * A doctrine decides in well under a millisecond; a strategist searches and belongs off the main thread; a script
   * is a fixed plan kept as a measuring instrument (scripts.ts).
   */
  kind: 'doctrine' | 'strategist' | 'script';
}

/**
 * What a side's view says of its own orders' legality. The view fixes which orders are legal for its own side, so
 * these are the facts the point estimate of belief.ts would give, read straight from the view: building that whole
 * believed state was an eighth of a batch's time. Fields only the other side's orders read (Iran's guess at US
 * capital, say) are left at what the view shows: no verdict reads them. tests/ai/legal.test.ts compares the two
 * checks on every order.
 */
export function orderFactsOf(scenario: Scenario, view: SeatView): OrderFacts {
  return {
    outcome: view.outcome,
    baghdad: view.baghdad,
    us: {
      politicalCapital: view.us.politicalCapital ?? 0,
      isr: view.us.isr ?? scenario.us.baseIsr,
      redLines: view.us.redLines,
      departureOrdered: view.us.departureOrdered,
      bases: view.us.bases,
      plans: view.us.plans,
    },
    iran: {
      resources: view.iran.resources ?? 0,
      missileCapability: view.iran.missileCapability ?? 0,
      frontNamesUsed: frontNamesUsedIn(view),
      groups: view.iran.groups,
      fronts: view.iran.fronts.map((f) => ({
        id: f.id,
        retired: f.retired,
        claims: f.claims,
        exposed: frontExposedIn(scenario, view, f),
      })),
    },
  };
}

/** A doctrine as a policy: it reads only the view, and checks each order it considers against what the view shows. */
export function doctrinePolicy(doctrine: Doctrine): Policy {
  return (scenario, view, dice) => {
    if (view.outcome || !isSide(view.seat)) return { orders: [], reasons: [] };
    const side = view.seat;
    const facts = orderFactsOf(scenario, view);
    return decideDoctrine(scenario, doctrine, view, dice, (o) => isOrderLegal(scenario, facts, side, o));
  };
}

/** A script as a policy: it reads only the view and keeps only the orders the view shows to be legal. */
export function scriptPolicy(script: Script): Policy {
  return (scenario, view, dice) => {
    if (view.outcome || view.seat !== script.side) return { orders: [], reasons: [] };
    const facts = orderFactsOf(scenario, view);
    return decideScript(scenario, script, view, dice, (o) => isOrderLegal(scenario, facts, script.side, o));
  };
}

/** Every computer player a doctrine book defines (roster.ts lists them), each with the policy that decides for it. */
export function playersOf(book: DoctrineBook): AiPlayer[] {
  return rosterOf(book).map((p) => ({
    id: p.id,
    side: p.side,
    label: p.label,
    description: p.description,
    policy:
      p.kind === 'doctrine'
        ? doctrinePolicy(p.doctrine)
        : p.kind === 'strategist'
          ? strategistPolicy(p.level, book)
          : scriptPolicy(p.script),
    kind: p.kind,
  }));
}

/**
 * Every computer player, by id, ready to decide: the CLI's --us/--iran, the tournament, the lab and the AI worker
 * pick from this one list, built from scenarios/doctrines.json (the browser's menus read roster.ts).
 */
export const AI_PLAYERS: readonly AiPlayer[] = playersOf(DOCTRINES);

/** The computer player with this id for this side, or undefined. */
export const findAi = (side: Side, id: string): AiPlayer | undefined =>
  AI_PLAYERS.find((p) => p.side === side && p.id === id);

/** The ids a side can choose from, for error messages and menus. */
export const aiIds = (side: Side): string[] => AI_PLAYERS.filter((p) => p.side === side).map((p) => p.id);
