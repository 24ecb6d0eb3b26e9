import { type Decide, decideHere } from '../ai/worker-client.ts';
import { z } from 'zod';
import { isAiId } from '../ai/roster.ts';
import { aiDice, type Decision } from '../ai/simple.ts';
import type { DeskPin } from './desk-pin.ts';
import {
  createGame,
  ENGINE_VERSION,
  type EngineError,
  fail,
  failMany,
  type Forecast,
  forecastOrder,
  type GameEvent,
  type GameState,
  hashState,
  type Inject,
  injectSchema,
  joinLedgers,
  jsonPath,
  type Ledger,
  type Order,
  ORDER_TYPES,
  orderSchema,
  parseReplay,
  type Replay,
  recordReplay,
  releaseAll,
  releaseInject,
  resolveTurn,
  type Result,
  type Ruling,
  rulingSchema,
  checkRulings,
  type Scenario,
  scenarioHash,
  type Seat,
  type SeatView,
  type Side,
  submitOrders,
  validateOrders,
  viewFor,
  withdrawOrders,
  REPLAY_FORMAT,
} from '../engine/index.ts';

/** Who sits where: the player's side, and an AI id or 'hotseat' (a second person at the same device). */
export interface Settings {
  scenarioId: string;
  seed: string;
  preset: string | null;
  side: Side;
  opponent: string;
  /** A classroom game: two teams at one projected screen (hotseat) with a facilitator who sees everything. */
  classroom?: boolean;
  /** The classroom timer for each team's orders, in seconds (0: none). */
  orderSeconds?: number;
  /** The facilitator's desk PIN, salted and hashed (desk-pin.ts); absent in games started without one. */
  deskPin?: DeskPin;
}

export interface TurnEvents {
  turn: number;
  events: GameEvent[];
  /** Why each watched figure moved as the week resolved, as the facilitator sees it: show a seat its `viewLedger`. */
  ledger: Ledger;
  /**
   * The same for the injects released before the week's orders, kept apart: their push on the ladder counts again in
   * the resolution's pressure, so joining the two would count it twice.
   */
  injectLedger: Ledger;
}

export const SAVE_FORMAT = 'two-boxers-save';
export const SAVE_VERSION = 1;

const settingsSchema = z.strictObject({
  scenarioId: z.string().min(1),
  seed: z.string().min(1),
  preset: z.string().nullable(),
  side: z.enum(['us', 'iran']),
  opponent: z.string().min(1),
  classroom: z.boolean().optional(),
  orderSeconds: z.int().min(0).max(3600).optional(),
  deskPin: z
    .strictObject({ salt: z.string().regex(/^[0-9a-f]{32}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) })
    .optional(),
});

const saveSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT),
  formatVersion: z.literal(SAVE_VERSION),
  engineVersion: z.string(),
  savedAt: z.string(),
  settings: settingsSchema,
  replay: z.unknown(),
  pending: z.strictObject({ us: z.array(orderSchema).nullable(), iran: z.array(orderSchema).nullable() }),
});

export type SaveFile = z.infer<typeof saveSchema> & { replay: Replay };

/** A turn as saves and links record it: the facilitator's injects and rulings, when there were any. */
export interface RecordedTurn {
  us: Order[];
  iran: Order[];
  injects?: Inject[] | undefined;
  rulings?: Ruling[] | undefined;
  hash?: string;
}

/**
 * One game as the browser plays it, with no DOM: the settings, the state, each turn's events (for the news and the
 * log), the AI opponent's moves, saves and share links. The screens only call this; it only calls the engine.
 */
export class Session {
  private constructor(
    readonly scenario: Scenario,
    readonly settings: Settings,
    public state: GameState,
    readonly turns: TurnEvents[],
  ) {}

  /** Events of the injects released for the turn being ordered: they open that turn's news. */
  released: GameEvent[] = [];
  /** The ledger of those injects. */
  releasedLedger: Ledger = [];
  /** The last turn as it stood just before it resolved (orders sealed): a ruling resolves it again from here. */
  private beforeLast: GameState | null = null;

  /** A new game, or an error naming what is wrong with the settings (its path is the setting's name). */
  static create(scenario: Scenario, settings: Settings): Result<Session> {
    if (settings.scenarioId !== scenario.id)
      return fail('session.scenario', `unknown scenario "${settings.scenarioId}"`, 'scenarioId');
    if (settings.opponent !== 'hotseat' && !isAiId(otherSide(settings.side), settings.opponent))
      return fail('session.opponent', `no computer player "${settings.opponent}" for that side`, 'opponent');
    const game = createGame(scenario, settings.seed, settings.preset === null ? {} : { preset: settings.preset });
    if (!game.ok) return game;
    return { ok: true, value: new Session(scenario, settings, game.value, []) };
  }

  get hotseat(): boolean {
    return this.settings.opponent === 'hotseat';
  }

  get over(): boolean {
    return this.state.outcome !== null;
  }

  /** The sides a person plays here: one against the computer, both in hotseat. */
  get humanSides(): Side[] {
    return this.hotseat ? ['us', 'iran'] : [this.settings.side];
  }

  /** The side that must give orders next: the player's side first, then in hotseat the other. */
  get sideToAct(): Side | null {
    if (this.over) return null;
    for (const side of this.humanSides) if (this.state.submitted[side] === null) return side;
    return null;
  }

  view(seat: Seat): SeatView {
    return viewFor(this.scenario, this.state, seat);
  }

  forecast(side: Side, order: Order): Forecast {
    return forecastOrder(this.scenario, viewFor(this.scenario, this.state, side, false), order);
  }

  /** Checks a draft (orders not yet committed) without sealing it: the order panel shows the errors. */
  checkDraft(side: Side, orders: Order[]): Result<Order[]> {
    return validateOrders(this.scenario, this.state, side, orders);
  }

  /**
   * Seals a side's orders. When the opponent is the computer it then decides, from its own view only (through
   * `decide`: a Web Worker in the browser, so the page never freezes); when both sides have orders the turn resolves
   * and its events come back (null while waiting for the other hotseat player).
   */
  async commit(side: Side, orders: Order[], decide: Decide = decideHere): Promise<Result<TurnEvents | null>> {
    const submitted = submitOrders(this.scenario, this.state, side, orders);
    if (!submitted.ok) return submitted;
    this.state = submitted.value;
    if (!this.hotseat) {
      const ai = otherSide(this.settings.side);
      if (this.state.submitted[ai] === null) {
        const view = viewFor(this.scenario, this.state, ai, false);
        let decision: Decision;
        try {
          decision = await decide(
            this.scenario,
            ai,
            this.settings.opponent,
            view,
            aiDice(this.settings.seed, ai, view.turn),
          );
        } catch (e) {
          this.state = withdrawOrders(this.state, side);
          return fail(
            'session.ai',
            `The computer player failed to decide: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
        let next = submitOrders(this.scenario, this.state, ai, decision.orders);
        if (!next.ok) next = submitOrders(this.scenario, this.state, ai, []);
        if (!next.ok) return next;
        this.state = next.value;
      }
    }
    if (this.state.submitted.us === null || this.state.submitted.iran === null) return { ok: true, value: null };
    return this.resolve([]);
  }

  /** Resolves the turn whose orders are sealed, opening its news with the injects released for it. */
  private resolve(rulings: readonly Ruling[]): Result<TurnEvents> {
    const turn = this.state.turn;
    const before = this.state;
    const resolved = resolveTurn(this.scenario, before, rulings);
    if (!resolved.ok) return resolved;
    this.beforeLast = before;
    this.state = resolved.value.state;
    const record: TurnEvents = {
      turn,
      events: [...this.released, ...resolved.value.events],
      ledger: resolved.value.ledger,
      injectLedger: this.releasedLedger,
    };
    this.released = [];
    this.releasedLedger = [];
    this.turns.push(record);
    return { ok: true, value: record };
  }

  /**
   * The facilitator releases an inject at the start of the turn (before either side commits): its effects apply at
   * once and it opens the turn's news.
   */
  release(inject: Inject): Result<GameEvent[]> {
    const r = releaseInject(this.scenario, this.state, inject);
    if (!r.ok) return r;
    this.state = r.value.state;
    this.released.push(...r.value.events);
    this.releasedLedger = joinLedgers(this.releasedLedger, r.value.ledger);
    return { ok: true, value: r.value.events };
  }

  /** The rulings standing on the last resolved turn. */
  get lastRulings(): Ruling[] {
    return this.state.history.at(-1)?.rulings ?? [];
  }

  /** Whether the last turn can still be overruled: nothing has happened since it resolved. */
  get canOverrule(): boolean {
    return (
      this.beforeLast !== null &&
      this.released.length === 0 &&
      this.state.submitted.us === null &&
      this.state.submitted.iran === null
    );
  }

  /**
   * The facilitator overrules rolls of the turn just resolved: the turn is resolved again from its sealed orders with
   * these rulings (the whole list: it replaces the last one). The game is untouched when a ruling finds no roll.
   */
  overrule(rulings: readonly Ruling[]): Result<TurnEvents> {
    if (!this.canOverrule || this.beforeLast === null)
      return fail('session.overrule', 'Only the turn just resolved can be overruled, before the next one begins.');
    const checked = checkRulings(this.scenario, rulings);
    if (!checked.ok) return checked;
    const lastTurn = this.turns.pop()!;
    const kept = { state: this.state, released: lastTurn.events.filter((e) => e.type === 'card' && e.released) };
    this.state = this.beforeLast;
    this.released = kept.released;
    this.releasedLedger = lastTurn.injectLedger;
    const r = this.resolve(checked.value);
    if (!r.ok) {
      this.state = kept.state;
      this.released = [];
      this.releasedLedger = [];
      this.turns.push(lastTurn);
    }
    return r;
  }

  /**
   * At one device (hotseat), the side whose orders are sealed while the other side still chooses: no save a player at
   * the device can read (the autosave, an export) may hold them. Null when no such orders stand.
   */
  get sealedWhileOtherChooses(): Side | null {
    if (!this.hotseat) return null;
    const sealed = (['us', 'iran'] as const).filter((side) => this.state.submitted[side] !== null);
    return sealed.length === 1 ? sealed[0]! : null;
  }

  /** Takes back a side's sealed orders (hotseat, before the other side commits). */
  uncommit(side: Side): void {
    this.state = withdrawOrders(this.state, side);
  }

  /** The save file: the settings, the replay of every resolved turn, and any orders sealed but not yet resolved. */
  toSave(savedAt: string): SaveFile {
    const replay = recordReplay(this.scenario, this.state);
    if (!replay.ok) throw new Error(`cannot record the game: ${replay.errors[0]?.message}`);
    return {
      format: SAVE_FORMAT,
      formatVersion: SAVE_VERSION,
      engineVersion: ENGINE_VERSION,
      savedAt,
      settings: { ...this.settings },
      replay: replay.value,
      pending: { us: this.state.submitted.us, iran: this.state.submitted.iran },
    };
  }

  /**
   * The save this browser keeps in its storage (the autosave, the replaced game), which anyone at the device can read:
   * as toSave, without orders sealed while the other side still chooses. Reloaded, the game is back at the start of
   * that week's orders, and the side that had sealed gives them again.
   */
  toStoredSave(savedAt: string): SaveFile {
    const save = this.toSave(savedAt);
    return this.sealedWhileOtherChooses === null ? save : { ...save, pending: { us: null, iran: null } };
  }

  /**
   * Rebuilds a game from a save: the replay is played again and every turn's hash checked, so a corrupted, edited
   * or foreign save is refused with a reason and nothing half-loaded. The caller keeps its current game on error.
   */
  static fromSave(scenarios: readonly Scenario[], input: unknown): Result<Session> {
    const format = typeof input === 'object' && input !== null ? (input as { format?: unknown }).format : undefined;
    if (format === REPLAY_FORMAT)
      return fail(
        'save.format',
        'This is a replay, not a save: open it with “Watch a replay…” or “Debrief a saved game or replay” on the title screen.',
      );
    if (format !== SAVE_FORMAT) return fail('save.format', 'This is not a Two Boxers save file.');
    const version = (input as { formatVersion?: unknown }).formatVersion;
    // Only a number can be older or newer: anything else is a damaged or hand-edited file, not another version's.
    if (typeof version !== 'number')
      return fail(
        'save.version',
        `The save's "formatVersion" is not a number (it is ${JSON.stringify(version) ?? 'missing'}): the file was edited or damaged.`,
        'formatVersion',
      );
    if (version !== SAVE_VERSION)
      return fail(
        'save.version',
        version < SAVE_VERSION
          ? `This save uses an older format (version ${version}) that this version of the game cannot read.`
          : `This save comes from a newer version of the game (format ${version}).`,
        'formatVersion',
      );
    const unknown = unknownOrder(input as { replay?: unknown; pending?: unknown; settings?: unknown }, scenarios);
    if (unknown) return fail('save.order-type', unknown.message, unknown.path);
    const parsed = saveSchema.safeParse(input);
    if (!parsed.success)
      return failMany(
        parsed.error.issues.map((i) => ({
          code: 'save.shape',
          message: `The save file is damaged: ${i.message}.`,
          path: jsonPath(i.path),
        })),
      );
    const save = parsed.data;
    if (save.engineVersion !== ENGINE_VERSION)
      return fail(
        'save.engine',
        `This save was made by version ${save.engineVersion} of the game's rules; this is version ${ENGINE_VERSION}, whose rules have changed since, so it cannot be continued. Start a new game.`,
        'engineVersion',
      );
    const scenario = scenarios.find((s) => s.id === save.settings.scenarioId);
    if (!scenario)
      return fail(
        'save.scenario',
        `The save is for a scenario this game does not have ("${save.settings.scenarioId}").`,
        'settings.scenarioId',
      );
    const replay = parseReplay(save.replay);
    if (!replay.ok)
      return failMany(
        replay.errors.map((e) => ({
          code: 'save.replay',
          message: `The save's game record is damaged: ${e.message}.`,
          path: e.path === undefined || e.path === '(root)' ? 'replay' : `replay.${e.path}`,
        })),
      );
    // Every turn's fingerprint covers the scenario's numbers: after an update that changes them, an old save cannot
    // play out as recorded, and saying "edited or damaged" would blame the player.
    if (replay.value.scenarioHash !== scenarioHash(scenario))
      return fail(
        'save.scenario',
        `This save was made with an earlier version of the ${scenario.name} scenario, whose rules or numbers have changed since, so it cannot be continued. Start a new game.`,
        'replay.scenarioHash',
      );
    if (replay.value.seed !== save.settings.seed)
      return fail('save.seed', 'The save has been edited: its seed does not match its game record.', 'settings.seed');
    return Session.fromRecord(
      scenario,
      save.settings,
      replay.value.turns,
      replay.value.finalHash,
      save.pending,
      replay.value.pending ?? [],
    );
  }

  /**
   * Replays recorded turns onto a fresh game, checking each hash; shared by saves and share links. Its errors' paths
   * say where a save holds what was refused (`settings.preset`, `replay.turns[1].iran[0].base`, `pending.us`).
   */
  static fromRecord(
    scenario: Scenario,
    settings: Settings,
    turns: readonly RecordedTurn[],
    finalHash: string | null,
    pending: { us: Order[] | null; iran: Order[] | null } = { us: null, iran: null },
    pendingInjects: readonly Inject[] = [],
  ): Result<Session> {
    const created = Session.create(scenario, settings);
    if (!created.ok) return failMany(created.errors.map((e) => ({ ...e, path: under('settings', e.path) })));
    const session = created.value;
    const release = (injects: readonly Inject[]): EngineError[] | null => {
      const r = releaseAll(scenario, session.state, injects);
      if (!r.ok) return r.errors;
      session.state = r.value.state;
      session.released = r.value.events;
      session.releasedLedger = r.value.ledger;
      return null;
    };
    /** The engine's errors, each told as `sentence: message.` at the place in the save its path points to. */
    const refusedAt = (code: string, sentence: string, errors: readonly EngineError[], at: (path?: string) => string) =>
      failMany<Session>(errors.map((e) => ({ code, message: `${sentence}: ${e.message}.`, path: at(e.path) })));
    for (const [i, t] of turns.entries()) {
      const turn = `replay.turns[${i}]`;
      if (session.over) return fail('save.turns', `The record goes on after the game ended (turn ${i + 1}).`, turn);
      const refused = release(t.injects ?? []);
      if (refused)
        return refusedAt('save.injects', `Turn ${i + 1} holds an inject the rules refuse`, refused, (p) =>
          under(turn, p),
        );
      for (const side of ['us', 'iran'] as const) {
        const sealed = submitOrders(scenario, session.state, side, t[side]);
        if (!sealed.ok)
          return refusedAt('save.orders', `Turn ${i + 1} holds an order the rules refuse`, sealed.errors, (p) =>
            ordersAt(`${turn}.${side}`, p),
          );
        session.state = sealed.value;
      }
      const rulings = checkRulings(scenario, t.rulings ?? []);
      const r = rulings.ok ? session.resolve(rulings.value) : rulings;
      if (!r.ok)
        return refusedAt('save.orders', `Turn ${i + 1} cannot be played`, r.errors, (p) =>
          rulings.ok ? turn : under(`${turn}.rulings`, p?.replace(/^(\d+)/, '[$1]')),
        );
      if (t.hash !== undefined && hashState(session.state) !== t.hash)
        return fail(
          'save.diverged',
          `Turn ${i + 1} does not play out as recorded: the file was edited or damaged.`,
          `${turn}.hash`,
        );
    }
    const refused = release(pendingInjects);
    if (refused)
      return refusedAt('save.injects', 'An inject of this turn is refused', refused, (p) =>
        under('replay', p?.replace(/^injects/, 'pending')),
      );
    if (finalHash !== null && hashState(session.state) !== finalHash)
      return fail(
        'save.diverged',
        'The game does not end where the record says: the file was edited or damaged.',
        'replay.finalHash',
      );
    for (const side of ['us', 'iran'] as const) {
      const orders = pending[side];
      if (orders === null) continue;
      const next = submitOrders(scenario, session.state, side, orders);
      if (!next.ok)
        return refusedAt(
          'save.pending',
          `The ${side === 'us' ? 'US' : 'Iranian'} side’s sealed orders are not legal`,
          next.errors,
          (p) => ordersAt(`pending.${side}`, p),
        );
      session.state = next.value;
    }
    return { ok: true, value: session };
  }

  /**
   * A new game that plays a record's first `weeks` weeks again exactly (orders, injects and rulings, each week's hash
   * checked) and goes on from there with these settings: the replay viewer's "fork here" and the debrief's "what if".
   * The injects of the week it opens on are not released again: the facilitator may, or may choose others.
   */
  static fork(scenario: Scenario, settings: Settings, replay: Replay, weeks: number): Result<Session> {
    if (!Number.isInteger(weeks) || weeks < 0 || weeks > replay.turns.length)
      return fail(
        'fork.week',
        `A game can be played on from week 1 to week ${replay.turns.length + 1} of its record, not from week ${weeks + 1}.`,
      );
    return Session.fromRecord(scenario, settings, replay.turns.slice(0, weeks), null);
  }

  /** A link payload that opens this game in another browser: settings, every turn's orders, the current hash. */
  toShareCode(): string {
    const replay = recordReplay(this.scenario, this.state);
    if (!replay.ok) throw new Error('cannot record the game');
    const facilitated = replay.value.turns.some((t) => t.injects || t.rulings) || replay.value.pending;
    const payload: SharePayload = {
      v: SHARE_VERSION,
      e: ENGINE_VERSION,
      s: withoutPin(this.settings), // a link opens the game on another device, whose desk is its own
      t: replay.value.turns.map((t) => [t.us, t.iran]),
      h: replay.value.finalHash,
      ...(facilitated && {
        f: replay.value.turns.map((t) => [t.injects ?? [], t.rulings ?? []]),
        p: replay.value.pending ?? [],
      }),
    };
    return toBase64Url(JSON.stringify(payload));
  }

  /** Opens a share code; an edited or truncated link is refused with a reason. */
  static fromShareCode(scenarios: readonly Scenario[], code: string): Result<Session> {
    let payload: unknown;
    try {
      payload = JSON.parse(fromBase64Url(code));
    } catch {
      return fail('share.code', 'This game link is damaged or incomplete: it could not be read.');
    }
    const made = (payload as { v?: unknown; e?: unknown; t?: unknown; h?: unknown } | null) ?? {};
    // A link from before the rules changed would not play out; say so rather than blame the link.
    const firstFormat = made.v === 1 && Array.isArray(made.t) && typeof made.h === 'string';
    if (firstFormat || (made.v === SHARE_VERSION && typeof made.e === 'string' && made.e !== ENGINE_VERSION))
      return fail(
        'share.engine',
        `This game link was made by ${firstFormat ? 'an earlier version' : `version ${String(made.e)}`} of the game's rules; this is version ${ENGINE_VERSION}, whose rules have changed since, so the game cannot be replayed. Start a new game.`,
      );
    const parsed = shareSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // zod lists every order type an order could have been: its first sentence is enough here.
      const said =
        issue && issue.message.length > 120
          ? issue.message.slice(0, issue.message.indexOf('.') + 1 || 120)
          : issue?.message;
      const where = issue ? ` (${linkPlace(issue.path)}: ${said})` : '';
      return fail('share.shape', `This game link has been altered: its contents are not a game${where}.`);
    }
    const p = parsed.data;
    const scenario = scenarios.find((s) => s.id === p.s.scenarioId);
    if (!scenario)
      return fail('share.scenario', `This link is for a scenario this game does not have ("${p.s.scenarioId}").`);
    if (p.f && p.f.length !== p.t.length)
      return fail('share.shape', "This game link has been altered: its facilitator's record does not match its turns.");
    const turns = p.t.map(([us, iran], i) => ({ us, iran, injects: p.f?.[i]?.[0], rulings: p.f?.[i]?.[1] }));
    // A desk PIN is never put in a link (withoutPin): one in a link was written by hand, and would lock this desk.
    const session = Session.fromRecord(scenario, withoutPin(p.s), turns, p.h, undefined, p.p ?? []);
    if (session.ok) return session;
    // A link carries one check, the final hash, so the week where an edit took effect cannot be named.
    if (session.errors[0]?.code === 'save.diverged')
      return fail(
        'share.diverged',
        `This game link has been altered: its ${turns.length} week${turns.length === 1 ? '' : 's'} of orders, played again from its seed, do not end where the link says (an order, the seed or the final check was changed).`,
      );
    // The paths point into a save file; a link's insides are nothing the player can open and look at.
    return failMany(session.errors.map(({ path: _, ...e }) => e));
  }
}

const SHARE_VERSION = 2; // 2: the link names the engine version (rules) it was made with
const shareSchema = z.strictObject({
  v: z.literal(SHARE_VERSION),
  e: z.string(),
  s: settingsSchema,
  t: z.array(z.tuple([z.array(orderSchema), z.array(orderSchema)])),
  h: z.string(),
  f: z.array(z.tuple([z.array(injectSchema), z.array(rulingSchema)])).optional(), // a facilitated game's inputs
  p: z.array(injectSchema).optional(), // injects released for the turn being ordered
});
type SharePayload = z.infer<typeof shareSchema>;

/** Where in a link a problem is, in words: the link's keys are short and mean nothing to a player. */
function linkPlace(path: readonly PropertyKey[]): string {
  const [head, index, side, ...rest] = path;
  const [order, ...field] = rest;
  const tail =
    typeof order === 'number'
      ? ` (order ${order + 1}${field.length > 0 ? `'s ${field.map(String).join('.')}` : ''})`
      : rest.length > 0
        ? ` (${rest.map(String).join('.')})`
        : '';
  if (head === 's') return index === undefined ? 'its settings' : `its settings' ${String(index)}`;
  if (head === 't' && typeof index === 'number')
    return side === undefined
      ? `week ${index + 1}`
      : `week ${index + 1}'s ${side === 0 ? 'US' : side === 1 ? 'Iranian' : String(side)} orders${tail}`;
  if (head === 'f' && typeof index === 'number') return `week ${index + 1}'s facilitator's record`;
  if (head === 't') return 'its weeks of orders';
  if (head === 'h') return 'its final check';
  if (head === 'p') return 'the injects released for the week being ordered';
  if (head === 'v' || head === 'e') return 'its version';
  return path.length === 0 ? 'the whole link' : path.map(String).join('.');
}

function withoutPin(settings: Settings): Settings {
  const { deskPin: _, ...rest } = settings;
  return rest;
}

export const otherSide = (side: Side): Side => (side === 'us' ? 'iran' : 'us');

/**
 * The first order of a save whose type this version of the game does not know, in the player's words, and its path:
 * the schema's own message lists every known type, which tells a player nothing. Null when every order's type is
 * known (the schema then checks the rest).
 */
function unknownOrder(
  save: { replay?: unknown; pending?: unknown; settings?: unknown },
  scenarios: readonly Scenario[],
): { message: string; path: string } | null {
  const known = new Set<string>(ORDER_TYPES);
  const scenarioId = (save.settings as { scenarioId?: unknown } | undefined)?.scenarioId;
  const scenario = scenarios.find((s) => s.id === scenarioId) ?? scenarios[0];
  const sideName = (side: Side) => scenario?.sides[side].name ?? side;
  const first = (orders: unknown): { type: string; index: number } | null => {
    if (!Array.isArray(orders)) return null;
    for (const [index, o] of orders.entries()) {
      const type = (o as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !known.has(type)) return { type, index };
    }
    return null;
  };
  const found = (order: { type: string; index: number }, where: string, at: string) => ({
    message: `This save holds an order this version of the game does not know ("${order.type}", ${where}). It was probably made with a newer or changed version of the game, so it cannot be opened here.`,
    path: `${at}[${order.index}].type`,
  });
  const turns = (save.replay as { turns?: unknown } | undefined)?.turns;
  if (Array.isArray(turns))
    for (const [i, t] of turns.entries())
      for (const side of ['us', 'iran'] as const) {
        const order = first((t as Record<string, unknown> | null)?.[side]);
        if (order) return found(order, `week ${i + 1}, orders of the ${sideName(side)}`, `replay.turns[${i}].${side}`);
      }
  for (const side of ['us', 'iran'] as const) {
    const order = first((save.pending as Record<string, unknown> | undefined)?.[side]);
    if (order) return found(order, `the sealed orders of the ${sideName(side)}`, `pending.${side}`);
  }
  return null;
}

/** `path` (an error's path, if any) inside the part of a save at `at`. */
function under(at: string, path: string | undefined): string {
  if (!path) return at;
  return path.startsWith('[') ? `${at}${path}` : `${at}.${path}`;
}

/** The engine names a side's orders `orders[i]`; a save keeps them as the list at `at` (`replay.turns[0].us[i]`). */
function ordersAt(at: string, path: string | undefined): string {
  return `${at}${(path ?? '').replace(/^orders/, '')}`;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(code: string): string {
  const b64 = code.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
