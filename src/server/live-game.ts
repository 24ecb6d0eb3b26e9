import { aiDice } from '../ai/simple.ts';
import type { Decide } from '../ai/worker-client.ts';
import {
  canonicalJson,
  checkRulings,
  createGame,
  formatErrors,
  type GameEvent,
  type GameState,
  hashState,
  type Inject,
  joinLedgers,
  type Ledger,
  type Order,
  otherSide,
  type Replay,
  recordReplay,
  releaseInject,
  resolveTurn,
  type Ruling,
  type Scenario,
  type Seat,
  type Side,
  submitOrders,
  viewEvents,
  viewFor,
  viewLedger,
} from '../engine/index.ts';
import { type NewsEntry, type Refusal, refusal, type SeatState, type SeatsTaken } from '../net/protocol.ts';
import type { ClassTimer, GameRow, LogEntry, SeatRow, StoredEntry } from './store.ts';

export type Plan = { kind: 'append'; entries: LogEntry[] } | { kind: 'dup'; seq: number } | Refusal;

/** The facts about the session that every seat's state carries beside its view. */
export interface SessionFacts {
  sessionId: string;
  paused: boolean;
  timer: ClassTimer | null;
  /**
   * How many of the session's games on each seed were still being played when last read from the store
   * (Classroom.countPlaying): a finished game's record and hash wait for every game on its dice. A seed missing here
   * has not been counted, and a finished game on it gives neither.
   */
  playingOnSeed: ReadonlyMap<string, number>;
}

/**
 * One game as the server holds it in memory: the engine's state rebuilt from the game's log, and what each seat may
 * be shown. The log in the store is the truth; this is a cache that catches up by applying the entries it has not
 * seen (another process may have written them). Planning a change runs the engine on the cache and returns the log
 * entries to append; nothing here is changed until the store has them.
 */
export class LiveGame {
  head = 0;
  state: GameState;
  /** The last turn as it stood before it resolved: a ruling resolves it again from here. */
  private beforeLast: GameState | null = null;
  /**
   * Each resolved turn's events, opened by the injects released for it, and why each figure moved (the engine's
   * ledger as the facilitator sees it; each seat is sent its own `viewLedger`): the injects' apart, as the one-device
   * game keeps them (ui/session.ts), since their push on the ladder counts again in the week's.
   */
  private readonly news: { turn: number; events: GameEvent[]; ledger: Ledger; injectLedger: Ledger }[] = [];
  /** Events of the injects released for the turn being ordered, and their ledger. */
  private released: GameEvent[] = [];
  private releasedLedger: Ledger = [];
  /**
   * Each seat's commit per turn, by `turn:seat`, so a retried commit is answered as the first one: its orders as
   * canonical JSON, since a retry carries the same orders and the same id with others is no retry.
   */
  private readonly commits = new Map<string, { commitId: string; seq: number; orders: string }>();
  seats: SeatsTaken = { us: null, iran: null, projectors: 0 };

  constructor(
    readonly scenario: Scenario,
    readonly row: GameRow,
  ) {
    const created = createGame(scenario, row.seed, row.preset === null ? {} : { preset: row.preset });
    if (!created.ok) throw new Error(`game ${row.gameId} cannot be created: ${formatErrors(created.errors)}`);
    this.state = created.value;
  }

  /** Applies stored entries in order. A stored entry the engine refuses, or a hash that differs, is corruption. */
  catchUp(entries: readonly StoredEntry[]): void {
    for (const { seq, entry } of entries) {
      if (seq !== this.head + 1) throw new Error(`game ${this.row.gameId}: log entry ${seq} after ${this.head}`);
      const problem = this.apply(seq, entry);
      if (problem) throw new Error(`game ${this.row.gameId}, log entry ${seq} (${entry.kind}): ${problem}`);
      this.head = seq;
    }
  }

  private apply(seq: number, entry: LogEntry): string | null {
    switch (entry.kind) {
      case 'orders': {
        const r = submitOrders(this.scenario, this.state, entry.seat, entry.orders);
        if (!r.ok) return formatErrors(r.errors);
        this.state = r.value;
        this.commits.set(`${entry.turn}:${entry.seat}`, {
          commitId: entry.commitId,
          seq,
          orders: canonicalJson(entry.orders),
        });
        return null;
      }
      case 'inject': {
        const r = releaseInject(this.scenario, this.state, entry.inject);
        if (!r.ok) return formatErrors(r.errors);
        this.state = r.value.state;
        this.released.push(...r.value.events);
        this.releasedLedger = joinLedgers(this.releasedLedger, r.value.ledger);
        return null;
      }
      case 'resolve': {
        const before = this.state;
        const r = resolveTurn(this.scenario, before, []);
        if (!r.ok) return formatErrors(r.errors);
        if (hashState(r.value.state) !== entry.hash) return `the turn resolves to another state than was stored`;
        this.beforeLast = before;
        this.state = r.value.state;
        this.news.push({
          turn: entry.turn,
          events: [...this.released, ...r.value.events],
          ledger: r.value.ledger,
          injectLedger: this.releasedLedger,
        });
        this.released = [];
        this.releasedLedger = [];
        return null;
      }
      case 'ruling': {
        const again = this.overruled(entry.rulings);
        if ('error' in again) return again.error.message;
        if (hashState(again.state) !== entry.hash) return `the ruling resolves to another state than was stored`;
        this.state = again.state;
        const last = this.news[this.news.length - 1]!;
        this.news[this.news.length - 1] = { ...last, events: again.events, ledger: again.ledger };
        return null;
      }
      default: {
        const never: never = entry;
        return `unknown log entry ${JSON.stringify(never)}`;
      }
    }
  }

  /** The last turn resolved again from its sealed orders with these rulings, its news kept opened by its injects. */
  private overruled(rulings: Ruling[]): { state: GameState; events: GameEvent[]; ledger: Ledger } | Refusal {
    const last = this.news.at(-1);
    if (
      this.beforeLast === null ||
      last === undefined ||
      this.released.length > 0 ||
      this.state.submitted.us !== null ||
      this.state.submitted.iran !== null
    )
      return refusal('refused', 'only the turn just resolved can be ruled on, before anything happens in the next one');
    // The engine's own check first: resolveTurn trusts its rulings to name real groups and one roll each.
    const checked = checkRulings(this.scenario, rulings);
    if (!checked.ok)
      return { ok: false, error: { code: 'refused', message: formatErrors(checked.errors), path: 'rulings' } };
    const r = resolveTurn(this.scenario, this.beforeLast, checked.value);
    if (!r.ok) return refusal('refused', formatErrors(r.errors));
    const injects = last.events.filter((e) => e.type === 'card' && e.released);
    return { state: r.value.state, events: [...injects, ...r.value.events], ledger: r.value.ledger };
  }

  /**
   * A team's orders for the turn. Checked in this order: a retry of a stored commit is answered as stored (whatever
   * the turn is now, paused or not) and its id with other orders refused, then the end of the game, the pause, the turn, and the engine's rules. When the other side is a computer player its orders
   * come in the same append, and when both sides are in, the turn's resolution too: one transaction for all. The
   * computer player decides through `decide` (on another thread in the server), on the view and dice it would have
   * here; the caller holds the game's queue meanwhile and checks that the head has not moved before storing.
   */
  async planCommit(
    seat: Side,
    turn: number,
    commitId: string,
    orders: Order[],
    paused: boolean,
    decide: Decide,
  ): Promise<Plan> {
    const stored = this.commits.get(`${turn}:${seat}`);
    if (stored?.commitId === commitId) {
      // Answered as stored, the new orders dropped, this would tell a client its orders were in when they were not.
      if (stored.orders !== canonicalJson(orders))
        return refusal(
          'commit-conflict',
          `commit "${commitId}" for week ${turn} is already in with other orders: those stand, and these were not taken`,
          'commitId',
        );
      return { kind: 'dup', seq: stored.seq };
    }
    if (stored) return refusal('already-committed', `your orders for week ${turn} are already in`);
    if (this.state.outcome) return refusal('game-over', 'the game is over');
    if (paused) return refusal('paused', 'the teacher has paused the game');
    if (turn !== this.state.turn)
      return refusal(
        'stale-turn',
        `these orders are for week ${turn}, but week ${this.state.turn} is being ordered`,
        'turn',
      );
    const submitted = submitOrders(this.scenario, this.state, seat, orders);
    if (!submitted.ok)
      return { ok: false, error: { code: 'illegal-orders', message: formatErrors(submitted.errors), path: 'orders' } };
    const entries: LogEntry[] = [{ kind: 'orders', turn, seat, commitId, orders: submitted.value.submitted[seat]! }];
    let state = submitted.value;
    const other = otherSide(seat);
    const computer = this.row.players[other];
    if (computer !== 'team' && state.submitted[other] === null) {
      const decision = await decide(
        this.scenario,
        other,
        computer,
        viewFor(this.scenario, state, other),
        aiDice(this.row.seed, computer, turn),
      );
      const theirs = submitOrders(this.scenario, state, other, decision.orders);
      if (!theirs.ok)
        throw new Error(`computer player ${computer} gave illegal orders: ${formatErrors(theirs.errors)}`);
      state = theirs.value;
      entries.push({
        kind: 'orders',
        turn,
        seat: other,
        commitId: `computer-${turn}`,
        orders: state.submitted[other]!,
      });
    }
    if (state.submitted.us !== null && state.submitted.iran !== null) {
      const resolved = resolveTurn(this.scenario, state, []);
      if (!resolved.ok) throw new Error(`turn ${turn} does not resolve: ${formatErrors(resolved.errors)}`);
      entries.push({ kind: 'resolve', turn, hash: hashState(resolved.value.state) });
    }
    return { kind: 'append', entries };
  }

  planInject(inject: Inject): Plan {
    const r = releaseInject(this.scenario, this.state, inject);
    if (!r.ok) return { ok: false, error: { code: 'refused', message: formatErrors(r.errors), path: 'inject' } };
    return { kind: 'append', entries: [{ kind: 'inject', turn: this.state.turn, inject }] };
  }

  /**
   * A ruling on the turn just resolved. One on a game's last turn may change how it ended but not reopen it: once a
   * game is over its seats may fetch its whole record (game:record), both sides' secrets, so it must stay over. (Only
   * here, not in `apply`: a log stored before this rule still replays.)
   */
  planRuling(rulings: Ruling[]): Plan {
    const again = this.overruled(rulings);
    if ('error' in again) return again;
    if (this.state.outcome !== null && again.state.outcome === null)
      return refusal(
        'refused',
        'the game is over and its teams may have seen its whole record (who really fired, every sealed order), so a ruling cannot reopen it: choose one that keeps the game over',
      );
    const turn = this.news.at(-1)!.turn;
    return { kind: 'append', entries: [{ kind: 'ruling', turn, rulings, hash: hashState(again.state) }] };
  }

  get seatsKnown(): boolean {
    return this.seatsRead;
  }
  private seatsRead = false;

  setSeats(live: readonly SeatRow[]): void {
    this.seatsRead = true;
    const team = (side: Side) => {
      const player = this.row.players[side];
      if (player !== 'team') return `computer: ${player}`;
      return live.find((s) => s.seat === side)?.team ?? null;
    };
    this.seats = { us: team('us'), iran: team('iran'), projectors: live.filter((s) => s.seat === 'projector').length };
  }

  /**
   * What one seat is sent: its view, its news and why its figures moved (`viewLedger`), never another seat's orders,
   * hidden causes or the dice. `ledgers`: 'all' weeks' (a sync, after which the client keeps them) or the 'newest'
   * resolved week's only (the push after a change: an older week's ledger never changes, only the last is ruled on).
   */
  stateFor(seat: Seat, session: SessionFacts, now: number, ledgers: 'all' | 'newest' = 'all'): SeatState {
    const engineSeat = seat;
    const newest = this.news.length - 1;
    const news: NewsEntry[] = this.news.map((n, i) =>
      ledgers === 'all' || i === newest
        ? {
            turn: n.turn,
            events: viewEvents(n.events, engineSeat),
            ledger: viewLedger(n.ledger, engineSeat),
            injectLedger: viewLedger(n.injectLedger, engineSeat),
          }
        : { turn: n.turn, events: viewEvents(n.events, engineSeat) },
    );
    if (this.released.length > 0) news.push({ turn: this.state.turn, events: viewEvents(this.released, engineSeat) });
    const gamesStillPlaying = seat === 'facilitator' ? null : this.gamesStillPlaying(session);
    return {
      sessionId: session.sessionId,
      gameId: this.row.gameId,
      game: this.row.index,
      seat: seat === 'public' ? 'projector' : seat,
      team: seat === 'us' || seat === 'iran' ? this.seats[seat] : null,
      seq: this.head,
      paused: session.paused,
      timerEndsAt: this.timerEndsAt(session.timer),
      serverTime: now,
      seats: { ...this.seats },
      view: viewFor(this.scenario, this.state, engineSeat),
      news,
      gamesStillPlaying,
      ...((seat === 'facilitator' || gamesStillPlaying === 0) && { hash: this.hash() }),
    };
  }

  /**
   * For a seat of this game once it is over: how many other games on its seed are still being played (its record
   * is the seats' at 0); null while it runs, or when the count has not been read.
   */
  gamesStillPlaying(session: SessionFacts): number | null {
    if (this.state.outcome === null) return null;
    return session.playingOnSeed.get(this.row.seed) ?? null;
  }

  /**
   * When the desk's timer runs out in this game, or null: the timer belongs to the week the game was ordering when the
   * teacher set it, so it ends with that week (resolved) and with the game.
   */
  timerEndsAt(timer: ClassTimer | null): number | null {
    if (timer === null || this.state.outcome !== null || timer.weeks[this.row.gameId] !== this.state.turn) return null;
    return timer.endsAt;
  }

  /** The state hash, computed once per change: the desk's overview asks for every game's after each change. */
  hash(): string {
    if (this.hashed?.head !== this.head || this.hashed.state !== this.state)
      this.hashed = { head: this.head, state: this.state, hash: hashState(this.state) };
    return this.hashed.hash;
  }
  private hashed: { head: number; state: GameState; hash: string } | null = null;

  replay(): Replay {
    const r = recordReplay(this.scenario, this.state);
    if (!r.ok) throw new Error(`game ${this.row.gameId} does not replay: ${formatErrors(r.errors)}`);
    return r.value;
  }
}
