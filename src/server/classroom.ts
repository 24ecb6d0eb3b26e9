import { findAi } from '../ai/registry.ts';
import { aiIds } from '../ai/registry.ts';
import { type Decide, decideHere } from '../ai/worker-client.ts';
import { formatErrors, type Scenario, scenarioHash, type Seat, type Side, turnsFor } from '../engine/index.ts';
import {
  type ClientEventName,
  type ClientPayload,
  type ClientReplies,
  type CreateSessionReply,
  createSessionRequest,
  type GameOverview,
  handshakeAuth,
  type JoinReply,
  type JoinRequest,
  joinRequest,
  LIMITS,
  normalizeJoinCode,
  type Overview,
  parseClientPayload,
  type Refusal,
  refusal,
  type SeatState,
  stateStamp,
} from '../net/protocol.ts';
import { nameSkeleton } from '../net/team-name.ts';
import { AttemptLimiter, KnownCodes } from './limits.ts';
import { LiveGame, type Plan, type SessionFacts } from './live-game.ts';
import { codeHmac, joinCodeFor, newId, newSecret, newSeed, secretHash } from './secrets.ts';
import {
  type ClassTimer,
  type GameRow,
  type LogEntry,
  type SeatRow,
  type SessionRow,
  type Store,
  teamKey,
} from './store.ts';

export interface ClassroomOptions {
  scenarios: ReadonlyMap<string, Scenario>;
  defaultScenario: string;
  /** How long a class session's code and seats work, in hours. */
  sessionHours: number;
  /** Different wrong join codes allowed per address within the window before it must wait. */
  joinFailureLimit: number;
  joinFailureWindowMs: number;
  /**
   * Refused joins with the right code allowed per address, code and team name within a minute (60 when absent): a
   * device asking again and again for a taken seat waits, the rest of its class does not. Joins that succeed are not
   * counted (the store bounds them: one team per seat, a few class screens per game).
   */
  joinsPerMinute?: number;
  /**
   * A game nobody has read or changed for this long is unloaded from memory (`evictIdle`) and rebuilt from its stored
   * log on the next message for it; 0 keeps every game loaded.
   */
  gameIdleMs?: number;
  /** How computer players decide: on the AI threads in the server (ai-pool.ts); on this thread when absent. */
  decide?: Decide;
  now?: () => number;
}

/** Who is on the other end of a connection: a seat of one game, or the teacher's desk of one session. */
export type Caller =
  | { kind: 'seat'; tokenHash: string; seat: SeatRow['seat']; team: string; gameId: string; sessionId: string }
  /** joinCode: the class's code, drawn again from the secret the desk connected with (secrets.ts). */
  | { kind: 'desk'; sessionId: string; joinCode: string | null };

/** Told after every stored change: which games of which session changed, so their seats get their new states. */
export type ChangeListener = (sessionId: string, gameIds: readonly string[]) => void;
/** Counts the connections open on each seat of a game, for the desk's overview. */
export type ConnectionCounter = (gameId: string) => Promise<GameOverview['connected']>;
/** Told when the teacher releases a seat: the connections holding these tokens must be closed. */
export type RevokeListener = (tokenHashes: readonly string[]) => void;

/** The engine's name for a seat: a projector sees what the public sees. */
export const engineSeat = (seat: SeatRow['seat']): Seat => (seat === 'projector' ? 'public' : seat);

const rateLimited = (message: string, retryAfterSeconds: number): Refusal => ({
  ok: false,
  error: { code: 'rate-limited', message, retryAfterSeconds },
});

const unavailable = (why: string): Refusal => refusal('unavailable', `the game cannot be changed now (${why}): retry`);

/**
 * The classroom server's rules, apart from any transport: class sessions, joining, seats, commits and the teacher's
 * desk. The socket and HTTP layers only parse the wire and pass calls here; everything stored goes through the store
 * first and is announced (ChangeListener) only after the store has it.
 */
export class Classroom {
  private readonly games = new Map<string, LiveGame>();
  /** When each loaded game was last read or changed, by this process's clock. */
  private readonly usedAt = new Map<string, number>();
  private readonly sessions = new Map<string, SessionRow>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** By session, then seed: how many games were still being played when last read (countPlaying). */
  private readonly playingOnSeed = new Map<string, Map<string, number>>();
  /** Games known to be over: one stays over (LiveGame.planRuling), so it is never read again to count. */
  private readonly overGames = new Set<string>();
  /** Different wrong codes per address (a guesser tries a new one each time). */
  private readonly joinFailures: AttemptLimiter;
  /** The wrong codes already counted, per address, in the same window. */
  private readonly codesTried: AttemptLimiter;
  /** Refused joins with a right code, per address, code and team name (a seat asked for in a loop). */
  private readonly joinRefusals: AttemptLimiter;
  private readonly knownCodes = new KnownCodes();
  private readonly now: () => number;
  onChange: ChangeListener = () => {};
  onRevoke: RevokeListener = () => {};
  /** The devices connected to each seat of a game: the transport knows them (sockets.ts); none without one. */
  connections: ConnectionCounter = async () => ({ us: 0, iran: 0, projectors: 0 });

  private constructor(
    readonly store: Store,
    private readonly pepper: Buffer,
    private readonly options: ClassroomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.joinFailures = new AttemptLimiter(options.joinFailureLimit, options.joinFailureWindowMs);
    this.codesTried = new AttemptLimiter(1, options.joinFailureWindowMs);
    this.joinRefusals = new AttemptLimiter(options.joinsPerMinute ?? 60, 60_000);
  }

  static async open(store: Store, options: ClassroomOptions): Promise<Classroom> {
    return new Classroom(store, await store.pepper(), options);
  }

  /** A teacher's new class session: its games, the join code for the class and the secret for the desk. */
  async createSession(input: unknown): Promise<CreateSessionReply> {
    const parsed = createSessionRequest.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.join('.');
      return refusal('bad-message', `${path || 'body'}: ${issue.message}`, path || undefined);
    }
    const req = parsed.data;
    const scenarioId = req.scenarioId ?? this.options.defaultScenario;
    const scenario = this.options.scenarios.get(scenarioId);
    if (!scenario)
      return refusal(
        'bad-message',
        `unknown scenario "${scenarioId}": expected one of ${[...this.options.scenarios.keys()].join(', ')}`,
        'scenarioId',
      );
    const preset = req.preset ?? null;
    const length = turnsFor(scenario, preset === null ? {} : { preset });
    if (!length.ok) return refusal('bad-message', formatErrors(length.errors), 'preset');
    const players = { us: req.computer?.us ?? 'team', iran: req.computer?.iran ?? 'team' };
    for (const side of ['us', 'iran'] as const) {
      const id = players[side];
      if (id !== 'team' && !findAi(side, id))
        return refusal(
          'bad-message',
          `no computer player "${id}" for ${side}: expected one of ${aiIds(side).join(', ')}`,
          `computer.${side}`,
        );
    }
    if (players.us !== 'team' && players.iran !== 'team')
      return refusal('bad-message', 'at least one side must be played by a team', 'computer');
    const now = this.now();
    const facilitatorSecret = newSecret();
    const code = joinCodeFor(facilitatorSecret);
    const session: SessionRow = {
      sessionId: newId(),
      codeHmac: codeHmac(this.pepper, code.code),
      deskHash: secretHash(facilitatorSecret),
      scenarioId,
      preset,
      seed: req.seed ?? newSeed(),
      createdAt: now,
      expiresAt: now + this.options.sessionHours * 3_600_000,
      paused: false,
      timer: null,
    };
    const games: GameRow[] = Array.from({ length: req.games ?? 1 }, (_, i) => ({
      gameId: newId(),
      sessionId: session.sessionId,
      index: i + 1,
      scenarioId,
      scenarioHash: scenarioHash(scenario),
      seed: session.seed,
      preset,
      players,
    }));
    await this.store.createSession(session, games);
    this.sessions.set(session.sessionId, session);
    return {
      ok: true,
      sessionId: session.sessionId,
      joinCode: code.shown,
      facilitatorSecret,
      expiresAt: session.expiresAt,
      games: games.map((g) => ({ gameId: g.gameId, index: g.index, players: g.players })),
    };
  }

  /**
   * A team joins with the class code. What one device gets wrong holds up that device, not the others behind the same
   * school address: wrong codes lock the address against guessing, but not against a code already used rightly there
   * (KnownCodes); and refusals of a right code (a taken seat asked for in a loop) count per address, code and team
   * name, and never stop a join that succeeds.
   */
  async join(input: unknown, address: string): Promise<JoinReply> {
    const now = this.now();
    const parsed = joinRequest.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.join('.');
      return refusal('bad-message', `${path || 'body'}: ${issue.message}`, path || undefined);
    }
    const req = parsed.data;
    const code = normalizeJoinCode(req.code);
    const hmac = code === null ? null : codeHmac(this.pepper, code);
    const asked = `${address}\n${hmac}\n${teamKey(req.team)}`;
    const known = hmac !== null && this.knownCodes.has(address, hmac, now);
    const guessing = known ? 0 : this.joinFailures.blockedFor(address, now);
    if (guessing > 0)
      return rateLimited(`too many wrong class codes from this network: try again in ${guessing} s`, guessing);
    const looping = this.joinRefusals.blockedFor(asked, now);
    if (looping > 0)
      return rateLimited(
        `team "${req.team}" has asked too often from this network: try again in ${looping} s`,
        looping,
      );
    const session = hmac === null ? null : await this.store.sessionByCode(hmac);
    if (!session || hmac === null) {
      // Only a new code is a guess: the same mistyped code again (or the class's code misprinted on the board, typed by
      // every device) tells nothing more; and what cannot be a code at all was not looked up.
      const guess = `${address}\n${hmac}`;
      if (hmac !== null && this.codesTried.blockedFor(guess, now) === 0) {
        this.codesTried.record(guess, now);
        this.joinFailures.record(address, now);
      }
      return refusal('wrong-code', 'no class session has this code: check it on the board', 'code');
    }
    if (session.expiresAt <= now) {
      this.joinRefusals.record(asked, now);
      return refusal('session-expired', 'this class session has ended');
    }
    this.knownCodes.add(address, hmac, session.expiresAt, now);
    // One join at a time per session in this process, so that two teams typing look-alike names at once cannot both
    // get past the check below.
    const reply = await this.serial(`join:${session.sessionId}`, () => this.seatFor(session, req, now));
    if (!reply.ok) this.joinRefusals.record(asked, now);
    return reply;
  }

  /** The seat a join with the right code gets, or why not. */
  private async seatFor(session: SessionRow, req: JoinRequest, now: number): Promise<JoinReply> {
    const games = await this.store.gamesOf(session.sessionId);
    if (req.seat !== 'projector') {
      const other = await this.lookAlike(games, req.team, now);
      if (other)
        return refusal(
          'name-taken',
          `the name "${req.team}" is already taken by a team with a name that looks the same ("${other.team}", game ${other.game}): choose another name`,
          'team',
        );
    }
    let game: GameRow | undefined;
    if (req.game !== undefined) {
      game = games.find((g) => g.index === req.game);
      if (!game) return refusal('no-such-game', `this class session has no game ${req.game}`, 'game');
    } else if (req.seat === 'projector') {
      game = games[0];
    } else {
      const side = req.seat;
      for (const g of games) {
        if (g.players[side] !== 'team') continue;
        const live = await this.store.liveSeats(g.gameId);
        if (live.some((s) => s.seat === side)) continue;
        const hold = await this.store.seatHold(g.gameId, side, now);
        if (hold && teamKey(hold.team) !== teamKey(req.team)) continue;
        game = g;
        break;
      }
      const name = side === 'us' ? 'US' : 'Iran';
      if (!games.some((g) => g.players[side] === 'team'))
        return refusal('forbidden', `the computer plays ${name} in this class session`, 'seat');
      if (!game) {
        // Every seat on that side is held: the teacher decides, so the request shows on the desk (for game 1's
        // seat, the one a team without a game number was sent to) as it does when a team names its game.
        const first = games.find((g) => g.players[side] === 'team')!;
        await this.store.addSeatRequest({
          sessionId: session.sessionId,
          gameId: first.gameId,
          seat: side,
          team: req.team,
          at: now,
        });
        this.onChange(session.sessionId, []);
        return refusal('seat-taken', `every ${name} seat is taken: ask your teacher`, 'seat');
      }
    }
    if (!game) return refusal('no-such-game', 'this class session has no game');
    if (req.seat !== 'projector' && game.players[req.seat] !== 'team')
      return refusal('forbidden', `in game ${game.index} that side is played by the computer`, 'seat');
    if (req.seat === 'projector') {
      const screens = (await this.store.liveSeats(game.gameId)).filter((s) => s.seat === 'projector').length;
      if (screens >= LIMITS.projectorsPerGame)
        return refusal(
          'forbidden',
          `game ${game.index} already has ${LIMITS.projectorsPerGame} class screens: use one of them`,
          'seat',
        );
    }
    const token = newSecret();
    const added = await this.store.addSeat({
      tokenHash: secretHash(token),
      gameId: game.gameId,
      seat: req.seat,
      team: req.team,
      createdAt: now,
      revokedAt: null,
    });
    if (added === 'held')
      return refusal(
        'seat-held',
        `your teacher is keeping this seat in game ${game.index} for another team: ask your teacher`,
        'seat',
      );
    if (added === 'taken') {
      if (req.seat !== 'projector') {
        // The teacher decides: the request shows on the desk until the seat is released.
        const request = { sessionId: session.sessionId, gameId: game.gameId, seat: req.seat, team: req.team, at: now };
        await this.store.addSeatRequest(request);
        this.onChange(session.sessionId, []);
      }
      return refusal(
        'seat-taken',
        `another team holds this seat in game ${game.index}: your teacher can see your request and release it`,
        'seat',
      );
    }
    const live = this.games.get(game.gameId);
    if (live) live.setSeats(await this.store.liveSeats(game.gameId));
    await this.announce(session.sessionId, [game.gameId]);
    return {
      ok: true,
      token,
      sessionId: session.sessionId,
      gameId: game.gameId,
      game: game.index,
      seat: req.seat,
      team: req.team,
    };
  }

  /**
   * A team of the session whose name looks like this one (the same skeleton, team-name.ts) without being the same
   * name as a teacher reads it (teamKey: that is the same team coming back): among the team seats held, and the
   * seats the teacher keeps for a named team. The projectors' names are no team's and are not compared.
   */
  private async lookAlike(
    games: readonly GameRow[],
    team: string,
    now: number,
  ): Promise<{ team: string; game: number } | null> {
    const skeleton = nameSkeleton(team);
    const key = teamKey(team);
    for (const g of games) {
      const names = (await this.store.liveSeats(g.gameId)).filter((s) => s.seat !== 'projector').map((s) => s.team);
      for (const side of ['us', 'iran'] as const) {
        const hold = await this.store.seatHold(g.gameId, side, now);
        if (hold) names.push(hold.team);
      }
      const other = names.find((n) => teamKey(n) !== key && nameSkeleton(n) === skeleton);
      if (other !== undefined) return { team: other, game: g.index };
    }
    return null;
  }

  /**
   * Who a connection's handshake says it is; a refusal says why not. Checked again on every reconnection. A desk or a
   * seat that connects from `address` makes its class's code known there (KnownCodes): the class behind that address
   * can join even while wrong codes from it must wait.
   */
  async authenticate(auth: unknown, address?: string): Promise<Caller | Refusal> {
    const parsed = handshakeAuth.safeParse(auth);
    if (!parsed.success) return refusal('unauthorized', 'a seat token or the facilitator secret is required');
    const now = this.now();
    if ('desk' in parsed.data) {
      const session = await this.store.sessionByDesk(secretHash(parsed.data.desk));
      if (!session) return refusal('unauthorized', 'this is not the facilitator secret of any class session');
      if (session.expiresAt <= now) return refusal('session-expired', 'this class session has ended');
      this.sessions.set(session.sessionId, session);
      if (address !== undefined) this.knownCodes.add(address, session.codeHmac, session.expiresAt, now);
      const code = joinCodeFor(parsed.data.desk);
      // A session created before codes were drawn from the secret has a code this cannot give back.
      const joinCode = codeHmac(this.pepper, code.code) === session.codeHmac ? code.shown : null;
      return { kind: 'desk', sessionId: session.sessionId, joinCode };
    }
    const tokenHash = secretHash(parsed.data.token);
    const seat = await this.store.seatByToken(tokenHash);
    if (!seat) return refusal('unauthorized', 'this seat token is not known: join again with the class code');
    if (seat.revokedAt !== null) return refusal('seat-revoked', 'the teacher released this seat: join again');
    const game = await this.store.game(seat.gameId);
    const session = game && (await this.store.session(game.sessionId));
    if (!game || !session) return refusal('unauthorized', 'this seat belongs to no game');
    if (session.expiresAt <= now) return refusal('session-expired', 'this class session has ended');
    this.sessions.set(session.sessionId, session);
    if (address !== undefined) this.knownCodes.add(address, session.codeHmac, session.expiresAt, now);
    return {
      kind: 'seat',
      tokenHash,
      seat: seat.seat,
      team: seat.team,
      gameId: seat.gameId,
      sessionId: session.sessionId,
    };
  }

  /** One client->server event from an authenticated caller: parsed, checked, done, answered. */
  async handle<E extends ClientEventName>(caller: Caller, event: E, payload: unknown): Promise<ClientReplies[E]> {
    const parsed = parseClientPayload(event, payload);
    if (!parsed.ok) return parsed as ClientReplies[E];
    const session = await this.freshSession(caller.sessionId);
    if (!session) return refusal('unauthorized', 'this class session no longer exists') as ClientReplies[E];
    if (session.expiresAt <= this.now())
      return refusal('session-expired', 'this class session has ended') as ClientReplies[E];
    if (event.startsWith('desk:') && caller.kind !== 'desk')
      return refusal('forbidden', "the teacher's desk needs the facilitator's secret") as ClientReplies[E];
    const reply = await this.dispatch(caller, session, event, parsed.value);
    return reply as ClientReplies[E];
  }

  private async dispatch(
    caller: Caller,
    session: SessionRow,
    event: ClientEventName,
    payload: ClientPayload<ClientEventName>,
  ): Promise<ClientReplies[ClientEventName]> {
    switch (event) {
      case 'sync': {
        const p = payload as ClientPayload<'sync'>;
        if (caller.kind !== 'seat') return refusal('forbidden', 'the desk asks for a game with "desk:view"');
        if (p.gameId !== undefined && p.gameId !== caller.gameId)
          return refusal('not-your-game', 'this seat belongs to another game', 'gameId');
        const game = await this.live(caller.gameId);
        if ('error' in game) return game;
        if (game.state.outcome !== null) await this.countPlaying(session.sessionId);
        const facts = this.facts(session);
        const stamp = stateStamp({
          seq: game.head,
          paused: facts.paused,
          timerEndsAt: game.timerEndsAt(facts.timer),
          seats: game.seats,
          gamesStillPlaying: game.gamesStillPlaying(facts),
        });
        if (p.unlessStamp === stamp) return { ok: true, unchanged: true };
        return { ok: true, state: game.stateFor(engineSeat(caller.seat), facts, this.now()) };
      }
      case 'commit':
        return this.commit(caller, session, payload as ClientPayload<'commit'>);
      case 'game:record': {
        if (caller.kind !== 'seat')
          return refusal('forbidden', 'the desk asks for a game\'s record with "desk:replay"');
        const game = await this.live(caller.gameId, false);
        if ('error' in game) return game;
        // The record is every secret of both sides: while the game runs, no seat may have it (LiveGame.planRuling
        // keeps a finished game finished, so what a seat was given stays the record of a game that is over).
        if (game.state.outcome === null)
          return refusal(
            'not-over',
            `the game's record holds both sides' secrets, so it is given once the game is over; week ${game.state.turn} of ${game.state.lastTurn} is being played`,
          );
        // It holds the seed too, and every game of the session plays the same one: a team still playing that got it
        // from a finished one would know every roll to come, and from the rolls the other side's sealed orders.
        const others = (await this.countPlaying(session.sessionId)).playing.get(game.row.seed) ?? 0;
        if (others > 0)
          return refusal(
            'others-playing',
            `your game is over, but ${others === 1 ? '1 other game of the class is' : `${others} other games of the class are`} still being played with the same dice, and this record would give them away: it is given once every game has ended`,
          );
        return { ok: true, replay: game.replay(), seq: game.head };
      }
      case 'desk:overview':
        return {
          ok: true,
          overview: await this.overview(session.sessionId),
          joinCode: caller.kind === 'desk' ? caller.joinCode : null,
        };
      case 'desk:view': {
        const game = await this.gameOfSession(session, (payload as ClientPayload<'desk:view'>).gameId);
        if ('error' in game) return game;
        return { ok: true, state: game.stateFor('facilitator', this.facts(session), this.now()) };
      }
      case 'desk:watch': {
        const { gameId } = payload as ClientPayload<'desk:watch'>;
        if (gameId === null) return { ok: true, state: null };
        const game = await this.gameOfSession(session, gameId);
        if ('error' in game) return game;
        return { ok: true, state: game.stateFor('facilitator', this.facts(session), this.now()) };
      }
      case 'desk:pause':
      case 'desk:resume': {
        await this.store.setPause(session.sessionId, event === 'desk:pause');
        await this.announceSession(session.sessionId);
        return { ok: true };
      }
      case 'desk:timer': {
        const { seconds } = payload as ClientPayload<'desk:timer'>;
        let timer: ClassTimer | null = null;
        if (seconds > 0) {
          // For the week each game is ordering now: it ends with that week (LiveGame.timerEndsAt).
          const weeks: Record<string, number> = {};
          for (const row of await this.store.gamesOf(session.sessionId)) {
            const game = await this.live(row.gameId, false);
            if (!('error' in game) && game.state.outcome === null) weeks[row.gameId] = game.state.turn;
          }
          // A finished game has no week to time: with none left running, no timer is set.
          if (Object.keys(weeks).length > 0) timer = { endsAt: this.now() + seconds * 1000, weeks };
        }
        await this.store.setTimer(session.sessionId, timer);
        await this.announceSession(session.sessionId);
        return { ok: true, timerEndsAt: timer?.endsAt ?? null };
      }
      case 'desk:inject': {
        const p = payload as ClientPayload<'desk:inject'>;
        const rows = await this.store.gamesOf(session.sessionId);
        const targets = p.game === 'all' ? rows : rows.filter((g) => g.gameId === p.game);
        if (targets.length === 0) return refusal('no-such-game', 'this class session has no such game', 'game');
        const games: { gameId: string; ok: boolean; error?: Refusal['error'] }[] = [];
        for (const row of targets) {
          const r = await this.change(session.sessionId, row.gameId, (g) => g.planInject(p.inject));
          games.push(r.ok ? { gameId: row.gameId, ok: true } : { gameId: row.gameId, ok: false, error: r.error });
        }
        // One game refusing (say, its teams have already committed) leaves the others released: say which.
        if (games.every((g) => !g.ok)) return { ok: false, error: games[0]!.error! };
        return { ok: true, games };
      }
      case 'desk:ruling': {
        const p = payload as ClientPayload<'desk:ruling'>;
        const game = await this.gameOfSession(session, p.gameId);
        if ('error' in game) return game;
        const r = await this.change(session.sessionId, p.gameId, (g) => g.planRuling(p.rulings));
        return r.ok ? { ok: true, seq: r.seq } : r;
      }
      case 'desk:release-seat': {
        const p = payload as ClientPayload<'desk:release-seat'>;
        const game = await this.gameOfSession(session, p.gameId);
        if ('error' in game) return game;
        const now = this.now();
        const hold =
          p.keepFor === undefined ? undefined : { team: p.keepFor, until: now + LIMITS.seatHoldSeconds * 1000 };
        const tokens = await this.store.revokeSeat(p.gameId, p.seat, now, hold);
        game.setSeats(await this.store.liveSeats(p.gameId));
        this.onRevoke(tokens);
        await this.announce(session.sessionId, [p.gameId]);
        return hold
          ? { ok: true, released: tokens.length, heldUntil: hold.until }
          : { ok: true, released: tokens.length };
      }
      case 'desk:dismiss-request': {
        const p = payload as ClientPayload<'desk:dismiss-request'>;
        const game = await this.gameOfSession(session, p.gameId);
        if ('error' in game) return game;
        await this.store.dropSeatRequest(p.gameId, p.seat, p.team);
        this.onChange(session.sessionId, []);
        return { ok: true };
      }
      case 'desk:replay': {
        const game = await this.gameOfSession(session, (payload as ClientPayload<'desk:replay'>).gameId);
        if ('error' in game) return game;
        return { ok: true, replay: game.replay() };
      }
      default: {
        const never: never = event;
        return refusal('unknown-event', `unknown event "${String(never)}"`);
      }
    }
  }

  private async commit(
    caller: Caller,
    session: SessionRow,
    p: ClientPayload<'commit'>,
  ): Promise<ClientReplies['commit']> {
    if (caller.kind !== 'seat' || caller.seat === 'projector')
      return refusal('forbidden', 'only a team seat gives orders');
    const side: Side = caller.seat;
    // The token is checked again here, not only at connection: the teacher may have released the seat since.
    const seat = await this.store.seatByToken(caller.tokenHash);
    if (!seat || seat.revokedAt !== null) return refusal('seat-revoked', 'the teacher released this seat: join again');
    const r = await this.change(session.sessionId, caller.gameId, (g) =>
      g.planCommit(side, p.turn, p.commitId, p.orders, session.paused, this.options.decide ?? decideHere),
    );
    return r.ok ? { ok: true, seq: r.seq, dup: r.dup } : r;
  }

  /**
   * Plans a change on the game's cache, stores it, then applies and announces it; one change at a time per game in
   * this process, and the store's compare-and-set on the log head catches another process that got there first (the
   * change is then planned again on the caught-up game: a retried commit comes back as a duplicate, not twice).
   */
  private change(
    sessionId: string,
    gameId: string,
    plan: (game: LiveGame) => Plan | Promise<Plan>,
  ): Promise<{ ok: true; seq: number; dup: boolean } | Refusal> {
    return this.serial(gameId, async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        const game = await this.live(gameId, false);
        if ('error' in game) return game;
        const head = game.head;
        const wasOver = game.state.outcome !== null;
        const planned = await plan(game);
        if ('error' in planned) return planned;
        if (planned.kind === 'dup') return { ok: true, seq: planned.seq, dup: true };
        // A read while a computer player decided may have caught the game up with another process's entries.
        if (game.head !== head || this.games.get(gameId) !== game) continue;
        const stored = await this.store.append(gameId, head, planned.entries);
        if (!stored.ok) continue;
        const entries: { seq: number; entry: LogEntry }[] = planned.entries.map((entry, i) => ({
          seq: head + 1 + i,
          entry,
        }));
        game.catchUp(entries);
        await this.announce(sessionId, [gameId], !wasOver && game.state.outcome !== null);
        return { ok: true, seq: head + 1, dup: false };
      }
      return unavailable('another server kept changing it');
    });
  }

  private serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const run = before.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  /**
   * The game, caught up with its stored log, and with its seats when asked (a sync, the desk): a change skips that
   * read, since a join or a release announces itself to every process through the rooms.
   */
  private async live(gameId: string, withSeats = true): Promise<LiveGame | Refusal> {
    let game = this.games.get(gameId);
    if (!game) {
      const row = await this.store.game(gameId);
      if (!row) return refusal('no-such-game', 'no such game');
      const scenario = this.options.scenarios.get(row.scenarioId);
      if (!scenario || scenarioHash(scenario) !== row.scenarioHash)
        return unavailable(`its scenario "${row.scenarioId}" is not the one it was started with on this server`);
      game = new LiveGame(scenario, row);
      this.games.set(gameId, game);
    }
    try {
      game.catchUp(await this.store.entries(gameId, game.head));
    } catch (e) {
      this.games.delete(gameId);
      this.usedAt.delete(gameId);
      console.error(e);
      return unavailable('its stored record does not replay');
    }
    if (withSeats || !game.seatsKnown) game.setSeats(await this.store.liveSeats(gameId));
    this.usedAt.set(gameId, this.now());
    return game;
  }

  /** How many games this process holds in memory. */
  get loadedGames(): number {
    return this.games.size;
  }

  /**
   * Unloads the games idle for `gameIdleMs` or longer, and the sessions that have ended; returns the games unloaded.
   * The store holds everything (the log is the truth), so the next message for a game rebuilds it from its log, at
   * the same state, with its stored commits answered as before. A game with a change in flight stays.
   */
  evictIdle(): string[] {
    const idle = this.options.gameIdleMs ?? 0;
    if (idle <= 0) return [];
    const now = this.now();
    const gone: string[] = [];
    for (const gameId of this.games.keys()) {
      if (this.queues.has(gameId) || now - (this.usedAt.get(gameId) ?? 0) < idle) continue;
      this.games.delete(gameId);
      this.usedAt.delete(gameId);
      gone.push(gameId);
    }
    for (const [sessionId, session] of this.sessions)
      if (session.expiresAt <= now) {
        this.sessions.delete(sessionId);
        this.playingOnSeed.delete(sessionId);
      }
    return gone;
  }

  private async gameOfSession(session: SessionRow, gameId: string): Promise<LiveGame | Refusal> {
    const game = await this.live(gameId);
    if ('error' in game) return game;
    if (game.row.sessionId !== session.sessionId)
      return refusal('not-your-game', 'that game is in another class session');
    return game;
  }

  private async freshSession(sessionId: string): Promise<SessionRow | null> {
    const session = await this.store.session(sessionId);
    if (session) this.sessions.set(sessionId, session);
    return session;
  }

  private async announceSession(sessionId: string): Promise<void> {
    await this.freshSession(sessionId);
    const games = await this.store.gamesOf(sessionId);
    for (const g of games) await this.live(g.gameId, false);
    await this.announce(
      sessionId,
      games.map((g) => g.gameId),
    );
  }

  /**
   * Tells the transport which games changed (ChangeListener). A finished game's seats are told how many games on
   * its dice still play, so that count is read again first; and when a game has just ended, every finished game of
   * the session is announced too, since their count went down (the last one to end opens their records).
   */
  private async announce(sessionId: string, gameIds: readonly string[], ended = false): Promise<void> {
    const isOver = (id: string) => this.overGames.has(id) || (this.games.get(id)?.state.outcome ?? null) !== null;
    if (!ended && !gameIds.some(isOver)) return this.onChange(sessionId, gameIds);
    // One at a time per session, so that a count read earlier is never announced after one read later.
    await this.serial(`announce:${sessionId}`, async () => {
      const { over } = await this.countPlaying(sessionId);
      if (ended)
        // Loaded again if this process let one go idle: its seats may be connected to another process.
        for (const id of over) if (!this.games.has(id)) await this.live(id, false);
      this.onChange(sessionId, ended ? [...new Set([...gameIds, ...over])] : gameIds);
    });
  }

  /**
   * Reads from the store which games of the session are still being played, by seed, and keeps the counts for the
   * states sent (SessionFacts.playingOnSeed); also which games are over. Read, not taken from this process's cache:
   * another process may have ended a game. Only games not known to be over are read.
   */
  private async countPlaying(sessionId: string): Promise<{ playing: ReadonlyMap<string, number>; over: string[] }> {
    const counted = new Map<string, number>();
    const over: string[] = [];
    for (const row of await this.store.gamesOf(sessionId)) {
      let playing = 0;
      if (!this.overGames.has(row.gameId)) {
        const game = await this.live(row.gameId, false);
        // A game that cannot be read now counts as played: its record is nobody's yet.
        if ('error' in game || game.state.outcome === null) playing = 1;
        else this.overGames.add(row.gameId);
      }
      if (playing === 0) over.push(row.gameId);
      counted.set(row.seed, (counted.get(row.seed) ?? 0) + playing);
    }
    // Games only ever end, so a count read before another that finished first never raises it again.
    const known = this.playingOnSeed.get(sessionId);
    for (const [seed, n] of counted) counted.set(seed, Math.min(n, known?.get(seed) ?? n));
    this.playingOnSeed.set(sessionId, counted);
    return { playing: counted, over };
  }

  private facts(session: SessionRow): SessionFacts {
    return {
      sessionId: session.sessionId,
      paused: session.paused,
      timer: session.timer,
      playingOnSeed: this.playingOnSeed.get(session.sessionId) ?? new Map(),
    };
  }

  /**
   * A seat's state of a game as this process last stored or read it, for the announcements after a change: with the
   * newest week's ledger only (each client keeps the ones it had).
   */
  stateOf(gameId: string, seat: Seat): SeatState | null {
    const game = this.games.get(gameId);
    const session = game && this.sessions.get(game.row.sessionId);
    if (!game || !session) return null;
    this.usedAt.set(gameId, this.now());
    return game.stateFor(seat, this.facts(session), this.now(), 'newest');
  }

  /** Every game of the session side by side, for the teacher's desk. */
  async overview(sessionId: string): Promise<Overview> {
    const session = this.sessions.get(sessionId) ?? (await this.freshSession(sessionId));
    if (!session) throw new Error(`no session ${sessionId}`);
    const games: GameOverview[] = [];
    const rows = await this.store.gamesOf(sessionId);
    const now = this.now();
    for (const row of rows) {
      const game = this.games.get(row.gameId) ?? (await this.live(row.gameId));
      if ('error' in game) continue;
      const s = game.state;
      const heldFor = async (side: Side) => (await this.store.seatHold(row.gameId, side, now))?.team ?? null;
      games.push({
        gameId: row.gameId,
        index: row.index,
        seq: game.head,
        turn: s.turn,
        lastTurn: s.lastTurn,
        rung: s.ladder.rung,
        peak: s.ladder.peak,
        committed: { us: s.submitted.us !== null, iran: s.submitted.iran !== null },
        seats: { ...game.seats },
        connected: await this.connections(row.gameId),
        held: { us: await heldFor('us'), iran: await heldFor('iran') },
        players: row.players,
        timerEndsAt: game.timerEndsAt(session.timer),
        outcome: s.outcome,
        hash: game.hash(),
      });
    }
    const index = new Map(rows.map((g) => [g.gameId, g.index]));
    const requests = (await this.store.seatRequests(sessionId, 20)).map((r) => ({
      gameId: r.gameId,
      game: index.get(r.gameId) ?? 0,
      seat: r.seat,
      team: r.team,
      at: r.at,
    }));
    return {
      sessionId,
      requests,
      expiresAt: session.expiresAt,
      paused: session.paused,
      // The class's timer while any game is still in the week it was set for (each game's own is in its row).
      timerEndsAt: games.find((g) => g.timerEndsAt !== null)?.timerEndsAt ?? null,
      serverTime: this.now(),
      games,
    };
  }
}
