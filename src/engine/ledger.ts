import type { LadderMove } from './ladder.ts';
import { clamp } from './math.ts';
import { AIR_DEFENCE, type AttackKind, type OrderType } from './scenario.ts';
import type { BaseState, Casualties, FrontState, GameState, Seat, Side } from './state.ts';

/**
 * The ledger: every change a week made to a figure the players watch, split by its cause, the parts summing exactly
 * to the change. The turn's steps never write a watched figure themselves: they call `adjust` (and its kin below),
 * which writes the figure and books the part, clamps included. When a resolution closes, `closeLedger` checks every
 * watched figure against its parts and throws on a figure that moved without a cause, so a rule cannot slip one in.
 */

/** The single-number figures: the week's ladder pressure and the rung, Baghdad, the US, ISIS and Iran's purse. */
export const SCALARS = [
  'pressure', // this week's push on the ladder: 0 when the week starts (an inject's push counts in the turn after)
  'rung',
  'consent',
  'evictionPressure',
  'resolve',
  'credibility',
  'politicalCapital',
  'isis',
  'iranResources',
] as const;
export type Scalar = (typeof SCALARS)[number];
/** The scalars a step adjusts by number (the rung moves only by the ladder's moves, pressure only by `push`). */
export type Figure = Exclude<Scalar, 'pressure' | 'rung'>;
const FIGURES: readonly Figure[] = SCALARS.filter((v): v is Figure => v !== 'pressure' && v !== 'rung');

export const CASUALTY_KINDS = [
  'usKilled',
  'usWounded',
  'iraqiForcesKilled',
  'civiliansKilled',
  'proxiesKilled',
] as const;
export type CasualtyKind = (typeof CASUALTY_KINDS)[number];

/** A base's state as players see it, as numbers: air defence as its level (0 none, 1 C-RAM, 2 Patriot), handed over 0/1. */
export const BASE_FIELDS = ['garrison', 'exposure', 'airDefence', 'handedOver', 'handoverTurns'] as const;
export type BaseField = (typeof BASE_FIELDS)[number];

/** A watched figure. A front that did not exist before the week counts from 0. */
export type Variable =
  | { kind: Scalar }
  | { kind: 'casualties'; of: CasualtyKind }
  | { kind: 'deniability'; front: string }
  | { kind: 'base'; base: string; field: BaseField };

/**
 * Why a figure moved, with what a reader needs to word it. `only` marks a cause one side keeps secret (its hidden
 * order, or a number that reads the US's confidence): `viewLedger` folds it into an unseen part for everyone else.
 */
export type Cause = (
  | { kind: 'order'; side: Side; order: OrderType; target: string | null } // an order's effects
  | { kind: 'cost'; side: Side; order: OrderType } // the price paid for an order as it is given
  | {
      kind: 'attack';
      attackId: number;
      attack: AttackKind;
      target: string;
      claim: string; // a front id, 'open' or 'unclaimed'
      group?: string | null; // Iran and the facilitator only: who really fired (null: the IRGC's own missiles)
      autonomous?: boolean; // Iran and the facilitator only
      deaths?: number; // the ladder's push for the Americans it killed, told apart from the attack's own push
    }
  | { kind: 'strike'; strikeId: number; site: string; group: string }
  | { kind: 'leak'; group: string } // a US strike plan leaked
  | { kind: 'card'; card: string; title: string; released?: 'deck' | 'written' } // released: the facilitator's inject
  | { kind: 'injects' } // the push on the ladder of the injects released before this week's orders
  | { kind: 'vote'; passed: boolean; ruled: boolean } // ruled: the facilitator decided the vote
  | { kind: 'red-line'; status: 'honoured' | 'broken' | 'unanswered' | 'answered' }
  | { kind: 'government'; stage: 'confirmed' }
  | { kind: 'brink'; side: Side } // the side held its fire at the brink while the other fired: it backed down
  | { kind: 'isis-attack' }
  | { kind: 'handover'; base: string } // a handover under way counting down, and completing
  | { kind: 'drift'; rule: 'consent' | 'isis-growth' | 'isis-pandemic' | 'counter-isis' | 'fatigue' | 'waiver-lapsed' }
  | { kind: 'decay'; rule: 'eviction-pressure' }
  | { kind: 'income'; rule: 'iran' | 'pandemic' | 'waiver' | 'economic-attack' | 'us-capital' }
  | { kind: 'rung'; move: LadderMove['cause']; story?: string } // the ladder's moves (ladder.ts)
  | { kind: 'clamp'; limit: number } // the figure hit a limit: what the other parts would have passed it by
  | { kind: 'unseen' } // viewLedger only: the sum of the parts this seat may not see
) & { only?: Side };
export type CauseKind = Cause['kind'];

/**
 * An order's effects as a cause; `secret` marks an order the other side does not see. One function rather than a
 * closure made per order: the turn's steps run in every playout of the strategist, and under tsx (which keeps
 * function names) every closure made costs a property definition.
 */
export function orderCause(side: Side, order: OrderType, target: string | null = null, secret = false): Cause {
  return secret ? { kind: 'order', side, order, target, only: side } : { kind: 'order', side, order, target };
}

/** One part of a figure's change. */
export interface LedgerPart {
  cause: Cause;
  delta: number;
}

/** One figure's week: before → after and the parts, which sum exactly to after − before. */
export interface LedgerLine {
  variable: Variable;
  before: number;
  after: number;
  parts: LedgerPart[];
  only?: Side; // a figure only one side sees (its purse, a front the US does not know of)
  /**
   * viewLedger only, on the week's pressure: pushes this seat may not see are left out, and `after` is the sum of the
   * parts it may see. The pressure is nowhere in a seat's view, so its total with an unseen part would tell the size
   * of a hidden push (Iran's restraint to the US, the US's confidence in a deniable attack to Iran).
   */
  partial?: true;
}

/** Every watched figure that moved or was pushed this week, in a fixed order: scalars, casualties, fronts, bases. */
export type Ledger = LedgerLine[];

/** A figure's key in the books: its scalar's name, or the kind and the front or base it belongs to. */
export type LedgerKey = Scalar | `casualties.${CasualtyKind}` | `deniability.${string}` | `${BaseField}.${string}`;

/** A part as the steps book it, keyed by its figure. */
export interface LedgerEntry {
  key: LedgerKey;
  delta: number;
  cause: Cause;
}

/** What the helpers need of a turn (TurnContext has it): the working state, the entries, the week's pressure. */
export interface Books {
  readonly d: GameState;
  readonly ledger: LedgerEntry[];
  pressure: number;
  /** Book the parts (false: only write the figures, for a resolution that keeps no record). */
  readonly record: boolean;
}

const frontKey = (id: string): LedgerKey => `deniability.${id}`;
const baseKey = (site: string, field: BaseField): LedgerKey => `${field}.${site}`;
const casualtyKey = (k: CasualtyKind): LedgerKey => `casualties.${k}`;
// The casualty keys made once: casualties are booked in every clash.
const CASUALTY_KEYS: Record<CasualtyKind, LedgerKey> = {
  usKilled: casualtyKey('usKilled'),
  usWounded: casualtyKey('usWounded'),
  iraqiForcesKilled: casualtyKey('iraqiForcesKilled'),
  civiliansKilled: casualtyKey('civiliansKilled'),
  proxiesKilled: casualtyKey('proxiesKilled'),
};

function read(d: GameState, v: Figure): number {
  switch (v) {
    case 'consent':
      return d.baghdad.consent;
    case 'evictionPressure':
      return d.baghdad.evictionPressure;
    case 'resolve':
      return d.us.resolve;
    case 'credibility':
      return d.us.credibility;
    case 'politicalCapital':
      return d.us.politicalCapital;
    case 'isis':
      return d.isis;
    case 'iranResources':
      return d.iran.resources;
    default:
      throw new Error(`not a figure: ${v satisfies never}`);
  }
}

function write(d: GameState, v: Figure, x: number): void {
  switch (v) {
    case 'consent':
      d.baghdad.consent = x;
      return;
    case 'evictionPressure':
      d.baghdad.evictionPressure = x;
      return;
    case 'resolve':
      d.us.resolve = x;
      return;
    case 'credibility':
      d.us.credibility = x;
      return;
    case 'politicalCapital':
      d.us.politicalCapital = x;
      return;
    case 'isis':
      d.isis = x;
      return;
    case 'iranResources':
      d.iran.resources = x;
      return;
    default:
      throw new Error(`not a figure: ${v satisfies never}`);
  }
}

/** Books a part without writing: for a move made elsewhere (the ladder's step, a front created). Zero is not booked. */
export function book(t: Books, key: LedgerKey, delta: number, cause: Cause): void {
  if (delta !== 0 && t.record) t.ledger.push({ key, delta, cause });
}

/** Adds `delta` for `cause` with no limit: the caller clamps once after several parts (`limit`). */
export function shift(t: Books, v: Figure, delta: number, cause: Cause): void {
  if (delta === 0) return;
  write(t.d, v, read(t.d, v) + delta);
  if (t.record) t.ledger.push({ key: v, delta, cause });
}

/** Clamps a figure to [lo, hi], booking what the limit took off (or added) as its own part. */
export function limit(t: Books, v: Figure, lo = 0, hi = 100): void {
  const raw = read(t.d, v);
  const x = clamp(raw, lo, hi);
  if (x === raw) return;
  write(t.d, v, x);
  if (t.record) t.ledger.push({ key: v, delta: x - raw, cause: { kind: 'clamp', limit: x } });
}

/** Adds `delta` to a watched figure for `cause`, kept within [lo, hi] (the clamp booked apart): the steps' one write. */
export function adjust(t: Books, v: Figure, delta: number, cause: Cause, lo = 0, hi = 100): void {
  // shift then limit, in one read and one write: this is the hottest of the helpers.
  const raw = read(t.d, v) + delta;
  const x = clamp(raw, lo, hi);
  write(t.d, v, x);
  if (!t.record) return;
  if (delta !== 0) t.ledger.push({ key: v, delta, cause });
  if (x !== raw) t.ledger.push({ key: v, delta: x - raw, cause: { kind: 'clamp', limit: x } });
}

/** Adds to the week's ladder pressure. */
export function push(t: Books, delta: number, cause: Cause): void {
  if (delta === 0) return;
  t.pressure += delta;
  if (t.record) t.ledger.push({ key: 'pressure', delta, cause });
}

/** A front's deniability, kept within 0-100. */
export function adjustFront(t: Books, f: FrontState, delta: number, cause: Cause): void {
  const raw = f.deniability + delta;
  f.deniability = clamp(raw, 0, 100);
  const key = frontKey(f.id);
  book(t, key, delta, cause);
  if (f.deniability !== raw) book(t, key, f.deniability - raw, { kind: 'clamp', limit: f.deniability });
}

/** A new front's deniability, counted from 0. */
export function bookNewFront(t: Books, f: FrontState, cause: Cause): void {
  book(t, frontKey(f.id), f.deniability, cause);
}

/** A base's number (garrison, exposure, handover countdown); exposure is kept within 0-100. */
export function adjustBase(
  t: Books,
  b: BaseState,
  field: 'garrison' | 'exposure' | 'handoverTurns',
  delta: number,
  cause: Cause,
): void {
  const raw = b[field] + delta;
  const x = field === 'exposure' ? clamp(raw, 0, 100) : raw;
  b[field] = x;
  const key = baseKey(b.site, field);
  book(t, key, delta, cause);
  if (x !== raw) book(t, key, x - raw, { kind: 'clamp', limit: x });
}

/** A base's air defence set to a level. */
export function setAirDefence(t: Books, b: BaseState, level: BaseState['airDefence'], cause: Cause): void {
  book(t, baseKey(b.site, 'airDefence'), AIR_DEFENCE.indexOf(level) - airLevel(b), cause);
  b.airDefence = level;
}

/** A base passes to Iraqi hands. */
export function setHandedOver(t: Books, b: BaseState, cause: Cause): void {
  if (!b.handedOver) book(t, baseKey(b.site, 'handedOver'), 1, cause);
  b.handedOver = true;
}

/** Adds to one kind of casualties. */
export function addDead(t: Books, kind: CasualtyKind, n: number, cause: Cause): void {
  if (n === 0) return;
  t.d.casualties[kind] += n;
  if (t.record) t.ledger.push({ key: CASUALTY_KEYS[kind], delta: n, cause });
}

/** Adds a clash's dead and wounded, each kind for the same cause. */
export function addAllDead(t: Books, c: Casualties, cause: Cause): void {
  // Most clashes hurt nobody: one test for them all.
  if (c.usKilled + c.usWounded + c.iraqiForcesKilled + c.civiliansKilled + c.proxiesKilled === 0) return;
  for (const k of CASUALTY_KINDS) addDead(t, k, c[k], cause);
}

const airLevel = (b: BaseState) => AIR_DEFENCE.indexOf(b.airDefence);
function baseField(b: BaseState, field: BaseField): number {
  switch (field) {
    case 'airDefence':
      return airLevel(b);
    case 'handedOver':
      return b.handedOver ? 1 : 0;
    default:
      return b[field];
  }
}

/** The parts booked for `key`, taken out of `byKey`; throws when they do not sum to the figure's change. */
function take(byKey: Map<LedgerKey, LedgerPart[]>, key: LedgerKey, from: number, to: number): LedgerPart[] | undefined {
  const parts = byKey.size === 0 ? undefined : byKey.get(key);
  let sum = 0;
  if (parts) {
    for (const p of parts) sum += p.delta;
    byKey.delete(key);
  }
  if (sum !== to - from) throw new Error(`ledger: ${key} went ${from} → ${to}, but its booked causes sum to ${sum}`);
  return parts;
}

const ONLY: Partial<Record<Scalar, Side>> = { iranResources: 'iran', politicalCapital: 'us' };

/**
 * The week's ledger, from the books the steps kept: one line per watched figure that moved or was pushed. Throws
 * (a bug in a rule, not bad input) when a figure moved by other than the sum of its parts. `pressure` is the week's
 * ladder pressure, which lives on the turn, not in the state.
 */
export function closeLedger(
  before: GameState,
  after: GameState,
  entries: readonly LedgerEntry[],
  pressure: number,
): Ledger {
  const byKey = new Map<LedgerKey, LedgerPart[]>();
  for (const e of entries) {
    const parts = byKey.get(e.key);
    if (parts) parts.push({ cause: e.cause, delta: e.delta });
    else byKey.set(e.key, [{ cause: e.cause, delta: e.delta }]);
  }
  // Every watched figure is compared, before against after, in every resolution of every batch game: a figure that
  // neither moved nor has parts costs a comparison and no allocation.
  const lines: Ledger = [];
  const line = (variable: Variable, from: number, to: number, parts: LedgerPart[], only: Side | undefined) =>
    lines.push(
      only ? { variable, before: from, after: to, parts, only } : { variable, before: from, after: to, parts },
    );
  let parts = take(byKey, 'pressure', 0, pressure);
  if (parts) line({ kind: 'pressure' }, 0, pressure, parts, undefined);
  parts = take(byKey, 'rung', before.ladder.rung, after.ladder.rung);
  if (parts) line({ kind: 'rung' }, before.ladder.rung, after.ladder.rung, parts, undefined);
  for (const v of FIGURES) {
    const from = read(before, v);
    const to = read(after, v);
    parts = take(byKey, v, from, to);
    if (parts) line({ kind: v }, from, to, parts, ONLY[v]);
  }
  for (const k of CASUALTY_KINDS) {
    const from = before.casualties[k];
    const to = after.casualties[k];
    parts = take(byKey, CASUALTY_KEYS[k], from, to);
    if (parts) line({ kind: 'casualties', of: k }, from, to, parts, undefined);
  }
  // Fronts are only ever added, and bases never: the same index is the same front or base (checked by id).
  const fronts = after.iran.fronts;
  for (let i = 0; i < fronts.length; i++) {
    const f = fronts[i]!;
    const was = before.iran.fronts[i];
    if (was !== undefined && was.id !== f.id) throw new Error(`ledger: front ${f.id} is not where it was`);
    const from = was === undefined ? 0 : was.deniability;
    if (from === f.deniability && byKey.size === 0) continue;
    parts = take(byKey, frontKey(f.id), from, f.deniability);
    // A front the US has not seen claim anything is Iran's secret, as in viewFor.
    const only = f.claims > 0 || f.exposed ? undefined : 'iran';
    if (parts) line({ kind: 'deniability', front: f.id }, from, f.deniability, parts, only);
  }
  const bases = after.us.bases;
  for (let i = 0; i < bases.length; i++) {
    const b = bases[i]!;
    const was = before.us.bases[i];
    if (was?.site !== b.site) throw new Error(`ledger: base ${b.site} is not where it was`);
    for (const field of BASE_FIELDS) {
      const from = baseField(was, field);
      const to = baseField(b, field);
      if (from === to && byKey.size === 0) continue;
      parts = take(byKey, baseKey(b.site, field), from, to);
      if (parts) line({ kind: 'base', base: b.site, field }, from, to, parts, undefined);
    }
  }
  if (byKey.size > 0) throw new Error(`ledger: ${[...byKey.keys()].join(', ')} is not a watched figure`);
  return lines;
}

const seesAll = (seat: Seat, only: Side | undefined) => only === undefined || seat === 'facilitator' || seat === only;

/**
 * The ledger a seat may see, as `viewEvents` filters events: the figures its view hides are left out, a cause it may
 * not see is folded into one unseen part per figure (so the parts still sum to the change), and an attack's true
 * author is named only to Iran and the facilitator.
 */
export function viewLedger(ledger: Ledger, seat: Seat): Ledger {
  if (seat === 'facilitator') return ledger;
  const out: Ledger = [];
  const knowsAuthor = seat === 'iran';
  for (const line of ledger) {
    if (!seesAll(seat, line.only)) continue;
    const parts: LedgerPart[] = [];
    let unseen: LedgerPart | undefined;
    for (const p of line.parts) {
      if (!seesAll(seat, p.cause.only)) {
        if (unseen) unseen.delta += p.delta;
        else {
          unseen = { cause: { kind: 'unseen' }, delta: p.delta };
          parts.push(unseen);
        }
      } else if (p.cause.kind === 'attack' && !knowsAuthor) {
        const { group: _group, autonomous: _autonomous, ...seen } = p.cause;
        parts.push({ cause: seen, delta: p.delta });
      } else parts.push(p);
    }
    if (unseen && line.variable.kind === 'pressure') {
      const seen = parts.filter((p) => p !== unseen);
      out.push({ ...line, parts: seen, after: line.before + seen.reduce((a, p) => a + p.delta, 0), partial: true });
      continue;
    }
    const kept = unseen && unseen.delta === 0 ? parts.filter((p) => p !== unseen) : parts;
    out.push({ ...line, parts: kept });
  }
  return out;
}

/** Two ledgers one after the other (injects released in a row) as one: each figure's parts in order. */
export function joinLedgers(first: Ledger, second: Ledger): Ledger {
  const out: Ledger = first.map((l) => ({ ...l, parts: [...l.parts] }));
  for (const line of second) {
    const same = out.find((l) => sameVariable(l.variable, line.variable));
    if (same) {
      // The week's pressure starts from 0 in each: add the changes rather than take the last value.
      same.after += line.after - line.before;
      same.parts.push(...line.parts);
      if (line.only) same.only = line.only;
      else delete same.only;
    } else out.push(line);
  }
  return out;
}

/** Whether two variables name the same figure. */
export function sameVariable(a: Variable, b: Variable): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'casualties') return b.kind === 'casualties' && a.of === b.of;
  if (a.kind === 'deniability') return b.kind === 'deniability' && a.front === b.front;
  if (a.kind === 'base') return b.kind === 'base' && a.base === b.base && a.field === b.field;
  return true;
}
