import { freeze } from 'immer';
import { attributionConfidence, likelihoodWord } from './attribution.ts';
import { addDays } from './dates.ts';
import type { Audience, GameEvent } from './events.ts';
import { type Inject, type Ruling, rulingKey } from './rulings.ts';
import { incidentChance, stepLadder } from './ladder.ts';
import { chance, clamp, perMille, roundTen } from './math.ts';
import { type AttackOrder, embassyOf, type Order, specOf } from './orders.ts';
import { checkOutcome } from './outcome.ts';
import { fail, ok, type Result } from './result.ts';
import { Dice } from './rng.ts';
import { type AttackKind, type Effects, pandemicOn, type Scenario } from './scenario.ts';
import {
  type BaseState,
  type Casualties,
  campaignLeaked,
  copyBaghdad,
  copyBase,
  copyCasualties,
  copyEstimate,
  copyFront,
  copyGroup,
  copyIran,
  copyPlan,
  copyRedLine,
  copyState,
  copyUs,
  type GameState,
  type GroupState,
  noCasualties,
  type Side,
} from './state.ts';

export interface TurnResult {
  state: GameState;
  events: GameEvent[];
}

type D = GameState;

interface EffectTarget {
  group?: string;
  front?: string;
  base?: string;
}
const NO_TARGET: EffectTarget = {};
const add = (v: number, by: number, hi = 100): number => clamp(v + by, 0, hi);

/** Everything one turn's resolution needs, so the rules read as plain steps. Lives only during `resolveTurn`. */
class Turn {
  readonly events: GameEvent[] = [];
  pressure = 0; // ladder pressure this turn, severity scaled by attribution for deniable acts
  firstJumps = 0;
  usKilledThisTurn = 0;
  siegeSucceeded = false;
  kineticResponse = false; // the US struck a proxy this turn
  attackedGroups = new Set<string>();
  readonly dice: Dice;
  readonly ruled = new Set<string>(); // the rulings that found their roll

  constructor(
    readonly s: Scenario,
    readonly d: D,
    readonly rulings: readonly Ruling[] = [],
  ) {
    this.dice = new Dice(d.rng);
  }

  /** The facilitator's ruling on a roll, if any (marked as used: a ruling that finds no roll is an error). */
  ruling<T extends Ruling['type']>(type: T, matches: (r: Extract<Ruling, { type: T }>) => boolean) {
    const r = this.rulings.find((x): x is Extract<Ruling, { type: T }> => x.type === type && matches(x as never));
    if (r) this.ruled.add(rulingKey(r));
    return r;
  }

  emit(audience: Audience, event: DistributiveOmit<GameEvent, 'audience'>): void {
    this.events.push({ audience, ...event } as GameEvent);
  }

  group(id: string): GroupState {
    const g = this.d.iran.groups.find((x) => x.id === id);
    if (!g) throw new Error(`no group ${id}`);
    return g;
  }

  base(id: string): BaseState {
    const b = this.d.us.bases.find((x) => x.site === id);
    if (!b) throw new Error(`no base ${id}`);
    return b;
  }

  /**
   * Applies a set of deltas, clamping every variable to its range; only the deltas that are not zero are touched.
   * `ladder: false` leaves out the ladder pressure (the caller adds its own), as a copy with `ladder: 0` would.
   */
  apply(effects: Effects | undefined, target: EffectTarget = NO_TARGET, ladder = true): void {
    if (!effects) return;
    const e = denseOf(effects);
    const d = this.d;
    if (e.consent) d.baghdad.consent = add(d.baghdad.consent, e.consent);
    if (e.evictionPressure) d.baghdad.evictionPressure = add(d.baghdad.evictionPressure, e.evictionPressure);
    if (e.designateSupport) d.baghdad.designateSupport = add(d.baghdad.designateSupport, e.designateSupport);
    if (e.usResolve) d.us.resolve = add(d.us.resolve, e.usResolve);
    if (e.credibility) d.us.credibility = add(d.us.credibility, e.credibility);
    if (e.politicalCapital) d.us.politicalCapital = add(d.us.politicalCapital, e.politicalCapital);
    if (e.isr) d.us.isr = add(d.us.isr, e.isr, 5);
    if (e.counterIsis) d.us.counterIsis = add(d.us.counterIsis, e.counterIsis);
    if (e.isis) d.isis = add(d.isis, e.isis);
    if (e.iranResources) d.iran.resources = add(d.iran.resources, e.iranResources);
    if (e.iranIncome) d.iran.income = add(d.iran.income, e.iranIncome, 50);
    if (e.pmuCohesion) d.iran.pmuCohesion = add(d.iran.pmuCohesion, e.pmuCohesion);
    if (e.missileCapability) d.iran.missileCapability = add(d.iran.missileCapability, e.missileCapability);
    if (e.allAggression || e.allCohesion)
      for (const g of d.iran.groups) {
        if (e.allAggression) g.aggression = add(g.aggression, e.allAggression);
        if (e.allCohesion) g.cohesion = add(g.cohesion, e.allCohesion);
      }
    if (target.group && (e.groupArsenal || e.groupStrength || e.groupCohesion || e.groupAggression)) {
      const g = this.group(target.group);
      if (e.groupArsenal) g.arsenal = add(g.arsenal, e.groupArsenal);
      if (e.groupStrength) g.strength = add(g.strength, e.groupStrength);
      if (e.groupCohesion) g.cohesion = add(g.cohesion, e.groupCohesion);
      if (e.groupAggression) g.aggression = add(g.aggression, e.groupAggression);
    }
    if (target.front && e.frontDeniability) {
      const f = d.iran.fronts.find((x) => x.id === target.front);
      if (f) f.deniability = add(f.deniability, e.frontDeniability);
    }
    if (target.base && e.baseExposure) {
      const b = this.base(target.base);
      b.exposure = add(b.exposure, e.baseExposure);
    }
    if (ladder) this.pressure += e.ladder;
  }

  addCasualties(c: Casualties): void {
    const t = this.d.casualties;
    t.usKilled += c.usKilled;
    t.usWounded += c.usWounded;
    t.iraqiForcesKilled += c.iraqiForcesKilled;
    t.civiliansKilled += c.civiliansKilled;
    t.proxiesKilled += c.proxiesKilled;
  }

  /** US losses move opinion at home, the ladder, and (with a red line standing) put credibility at stake. */
  usLosses(c: Casualties): void {
    const a = this.s.attacks;
    const d = this.d;
    if (c.usKilled > 0) {
      this.usKilledThisTurn += c.usKilled;
      this.pressure += c.usKilled * a.ladderPerDeath;
      if (!d.firsts.usDeath) {
        d.firsts.usDeath = true;
        this.firstJumps += this.s.ladder.firstUsDeath;
      }
    }
    d.us.resolve = clamp(
      d.us.resolve - c.usKilled * a.resolvePerDeath - Math.trunc((c.usWounded * a.resolvePerTenWounded) / 10),
      0,
      100,
    );
  }

  crossRedLine(): void {
    for (const r of this.d.us.redLines) {
      if (r.status !== 'standing') continue;
      r.status = 'crossed';
      r.crossedTurn = this.d.turn;
      r.deadline = this.d.turn + this.s.redLines.responseWindow - 1;
      this.emit('all', { type: 'red-line', status: 'crossed' });
    }
  }

  // ---- Iran: proxy attacks -------------------------------------------------------------------------------------

  proxyAttack(order: AttackOrder, autonomous: boolean): void {
    const s = this.s;
    const d = this.d;
    const kind: AttackKind = order.type;
    const profile = s.attacks.profiles[kind];
    const g = this.group(order.group);
    if (g.arsenal < profile.arsenalCost) {
      if (!autonomous)
        this.emit('iran', { type: 'order-failed', side: 'iran', order: kind, reason: 'not enough rockets' });
      return;
    }
    g.arsenal -= profile.arsenalCost;
    this.attackedGroups.add(g.id);
    const target =
      order.type === 'rocket-attack' || order.type === 'lethal-barrage'
        ? order.base
        : order.type === 'embassy-attack'
          ? embassyOf(s)
          : order.type === 'economic-attack'
            ? order.site
            : 'convoy';
    // A base handed over this week keeps its walls (its exposure) but not its Americans or their air defence.
    const site = d.us.bases.find((b) => b.site === target);
    const base = site && !site.handedOver ? site : undefined;
    const exposure = site ? site.exposure : 100;
    const intercept = base ? s.attacks.intercept[base.airDefence] : 0;
    const id = d.nextId++;
    const caught = d.curfew && this.dice.chance(s.attacks.curfewCaught);
    const projectiles = caught ? 0 : this.dice.between(profile.rockets[0], profile.rockets[1]);
    const casualties = noCasualties();
    let intercepted = 0;
    let hits = 0;
    const hitChance = chance(perMille(profile.hitPerMille, exposure * 10));
    for (let i = 0; i < projectiles; i++) {
      if (this.dice.chance(intercept)) intercepted++;
      else if (this.dice.chance(hitChance)) hits++;
    }
    const usPresent = base !== undefined && base.garrison > 0;
    for (let i = 0; i < hits; i++) {
      if (usPresent && this.dice.chance(profile.killPerHit)) casualties.usKilled++;
      if (usPresent && this.dice.chance(profile.woundPerHit))
        casualties.usWounded += this.dice.between(s.attacks.woundedPerWound[0], s.attacks.woundedPerWound[1]);
      if (this.dice.chance(profile.iraqiPerHit)) casualties.iraqiForcesKilled++;
      if (this.dice.chance(profile.civilianPerHit)) casualties.civiliansKilled++;
    }
    const missed = this.ruling('attack-missed', (r) => r.attack === id);
    if (missed) {
      hits = 0;
      Object.assign(casualties, noCasualties());
    }
    this.emit('all', {
      type: 'attack',
      attackId: id,
      kind,
      target,
      projectiles,
      intercepted,
      hits,
      caught,
      casualties,
    });
    if (missed) this.emit('all', { type: 'ruling', ruling: missed });
    this.emit('iran', { type: 'perpetrator', attackId: id, group: g.id, autonomous });
    this.addCasualties(casualties);
    this.usLosses(casualties);
    if (casualties.usKilled > 0) this.crossRedLine();
    const iraqiDead = casualties.iraqiForcesKilled + casualties.civiliansKilled;
    d.baghdad.consent = clamp(d.baghdad.consent + iraqiDead * s.attacks.consentPerIraqiDeath, 0, 100);

    // The claim, then what US intelligence makes of it. A team caught in the act claims nothing and leaves no doubt;
    // a claim through an exposed front reads as an open claim by its sponsor (which a false flag can exploit).
    let confidence: number;
    let suspect: string | null = g.id;
    if (caught) {
      confidence = s.attribution.ceiling;
    } else if (order.claim === 'open') {
      this.emit('all', { type: 'claimed', attackId: id, claim: 'open', name: g.id });
      confidence = attributionConfidence(s, d.us.isr, d.curfew, 'open');
    } else if (order.claim === 'unclaimed') {
      confidence = attributionConfidence(s, d.us.isr, d.curfew, 'unclaimed');
    } else {
      const front = d.iran.fronts.find((f) => f.id === order.claim)!;
      front.claims++;
      front.deniability = clamp(front.deniability - s.attribution.claimWear, 0, 100);
      this.emit('all', { type: 'claimed', attackId: id, claim: front.id, name: front.name });
      this.checkExposure(front.id);
      if (front.exposed) {
        confidence = attributionConfidence(s, d.us.isr, d.curfew, 'open');
        suspect = front.sponsor;
      } else confidence = attributionConfidence(s, d.us.isr, d.curfew, { deniability: front.deniability });
    }
    if (!caught && suspect === g.id && !this.dice.chance(confidence)) {
      // Misattribution: the US names another group, more likely an aggressive one.
      const others = d.iran.groups.filter((x) => x.id !== g.id);
      const pick = this.dice.weighted(others.map((x) => x.aggression + 1));
      suspect = pick >= 0 ? others[pick]!.id : null;
    }
    const named = this.ruling('attack-attributed', (r) => r.attack === id);
    if (named) suspect = named.suspect;
    const word = likelihoodWord(s, confidence).word;
    this.emit('us', { type: 'attributed', attackId: id, suspect, confidence, word });
    if (named) this.emit('us', { type: 'ruling', ruling: named });
    d.attacks.push({
      id,
      turn: d.turn,
      kind,
      target,
      group: g.id,
      autonomous,
      claim: order.claim,
      suspect,
      confidence,
      casualties,
    });
    const spec = specOf(s, kind);
    // A deniable act escalates only as far as it is pinned on someone.
    const ladder = order.claim === 'open' ? spec.ladder : perMille(spec.ladder, confidence);
    this.pressure += caught ? 0 : ladder;
    this.apply(spec.effects, { group: g.id }, false);
    if (kind === 'economic-attack') d.iran.incomeLossTurns = 1;
  }

  /** Once a front's deniability wears thin, its sponsor is plain to see: the US view names it from then on. */
  checkExposure(frontId: string): void {
    const f = this.d.iran.fronts.find((x) => x.id === frontId);
    if (f && !f.exposed && f.deniability < this.s.attribution.exposedBelow) {
      f.exposed = true;
      this.emit('all', { type: 'front-exposed', front: f.id, sponsor: f.sponsor });
    }
  }

  /** Groups whose aggression outruns Iran's control may fire on their own (Iran does not fully own its proxies). */
  autonomousAttacks(): void {
    const s = this.s;
    const d = this.d;
    const redLine = d.us.redLines.some((r) => r.status === 'standing');
    for (const g of d.iran.groups) {
      const pm = chance(
        (g.aggression - s.attacks.autonomyThreshold) * s.attacks.autonomyPerAggression -
          (redLine ? s.attacks.redLineDeterrence : 0),
      );
      if (g.restrainedTurns > 0 || this.attackedGroups.has(g.id) || pm <= 0) continue;
      if (!this.dice.chance(pm)) continue;
      const bases = d.us.bases.filter((b) => !b.handedOver);
      const pick = this.dice.weighted(bases.map((b) => b.exposure));
      if (pick < 0) continue;
      const front = d.iran.fronts
        .filter((f) => f.sponsor === g.id && !f.retired)
        .sort((a, b) => b.deniability - a.deniability)[0];
      this.proxyAttack(
        { type: 'rocket-attack', group: g.id, base: bases[pick]!.site, claim: front ? front.id : 'unclaimed' },
        true,
      );
    }
  }

  // ---- Iran: everything else ------------------------------------------------------------------------------------

  iranOrder(order: Order): void {
    const s = this.s;
    const d = this.d;
    const spec = specOf(s, order.type);
    const act = (target: string | null = null, audience: Audience = 'all') =>
      this.emit(audience, { type: 'act', side: 'iran', order: order.type, target });
    switch (order.type) {
      case 'create-front': {
        const pool = s.iran.frontNamePool[d.iran.frontNamesUsed]!;
        d.iran.frontNamesUsed++;
        const id = `front-${d.iran.frontNamesUsed}`;
        d.iran.fronts.push({
          id,
          name: pool.name,
          sponsor: order.group,
          deniability: s.domestic.newFrontDeniability,
          claims: 0,
          retired: false,
          exposed: false,
          createdTurn: d.turn,
        });
        if (order.retire) {
          const old = d.iran.fronts.find((f) => f.id === order.retire);
          if (old) old.retired = true;
        }
        this.emit('iran', {
          type: 'front-created',
          front: id,
          name: pool.name,
          sponsor: order.group,
          retired: order.retire,
        });
        this.apply(spec.effects, { group: order.group });
        return;
      }
      case 'missile-strike':
        this.missileStrike(order.base, order.warned);
        return;
      case 'embassy-siege': {
        const success = this.dice.chance(s.domestic.siegeChance);
        this.emit('all', { type: 'siege', success });
        if (success) {
          this.siegeSucceeded = true;
          this.apply(spec.effects);
          this.pressure += spec.ladder;
          this.crossRedLine();
        } else this.apply(spec.failEffects);
        return;
      }
      case 'smuggle-missiles': {
        const detected = this.dice.chance(s.domestic.smuggleDetect + d.us.isr * s.domestic.smuggleDetectPerIsr);
        this.emit(detected ? 'all' : 'iran', { type: 'shipment', group: order.group, detected });
        const g = this.group(order.group);
        g.arsenal = clamp(g.arsenal + s.domestic.smuggleArsenal, 0, 100);
        this.apply(spec.effects, { group: order.group }, false);
        if (detected) this.pressure += spec.ladder;
        return;
      }
      case 'restrain-proxies':
        for (const g of d.iran.groups) g.restrainedTurns = s.attacks.restrainTurns;
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        act(null, 'iran');
        return;
      case 'info-operation': {
        const leakBonus = d.us.plans.some((p) => p.leaked) ? s.domestic.infoOpLeakBonus : 0;
        this.apply({ ...spec.effects, evictionPressure: (spec.effects.evictionPressure ?? 0) + leakBonus });
        this.pressure += spec.ladder;
        act();
        return;
      }
      case 'envoy':
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        act(null, 'iran');
        return;
      case 'public-threat':
      case 'military-drill':
      case 'eviction-campaign':
      case 'horizontal-escalation':
      case 'iran-swiss-message':
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        act();
        return;
      case 'rocket-attack':
      case 'lethal-barrage':
      case 'embassy-attack':
      case 'economic-attack':
      case 'convoy-attack':
        return; // resolved earlier, with the other attacks
      default:
        throw new Error(`not an Iran order: ${order.type}`);
    }
  }

  missileStrike(target: string, warned: boolean): void {
    const s = this.s;
    const d = this.d;
    const profile = s.attacks.profiles['missile-strike'];
    const spec = specOf(s, 'missile-strike');
    const base = this.base(target);
    d.iran.missileCapability = clamp(d.iran.missileCapability - profile.arsenalCost, 0, 100);
    if (warned) this.emit('all', { type: 'missile-warning', target });
    const id = d.nextId++;
    const projectiles = this.dice.between(profile.rockets[0], profile.rockets[1]);
    const intercept = s.attacks.missileIntercept[base.airDefence];
    const hitChance = chance(perMille(profile.hitPerMille, base.exposure * 10));
    const kill = warned ? perMille(profile.killPerHit, s.attacks.warnedFactor) : profile.killPerHit;
    const casualties = noCasualties();
    let intercepted = 0;
    let hits = 0;
    for (let i = 0; i < projectiles; i++) {
      if (this.dice.chance(intercept)) intercepted++;
      else if (this.dice.chance(hitChance)) hits++;
    }
    for (let i = 0; i < hits; i++) {
      if (base.garrison > 0 && this.dice.chance(kill)) casualties.usKilled++;
      if (base.garrison > 0 && this.dice.chance(profile.woundPerHit))
        casualties.usWounded += this.dice.between(s.attacks.woundedPerWound[0], s.attacks.woundedPerWound[1]);
      if (this.dice.chance(profile.iraqiPerHit)) casualties.iraqiForcesKilled++;
      if (this.dice.chance(profile.civilianPerHit)) casualties.civiliansKilled++;
    }
    const missed = this.ruling('attack-missed', (r) => r.attack === id);
    if (missed) {
      hits = 0;
      Object.assign(casualties, noCasualties());
    }
    this.emit('all', {
      type: 'attack',
      attackId: id,
      kind: 'missile-strike',
      target,
      projectiles,
      intercepted,
      hits,
      caught: false,
      casualties,
    });
    if (missed) this.emit('all', { type: 'ruling', ruling: missed });
    this.emit('all', { type: 'perpetrator', attackId: id, group: null, autonomous: false });
    this.emit('us', {
      type: 'attributed',
      attackId: id,
      suspect: null,
      confidence: s.attribution.stateAct,
      word: likelihoodWord(s, s.attribution.stateAct).word,
    });
    this.addCasualties(casualties);
    this.usLosses(casualties);
    if (casualties.usKilled > 0) this.crossRedLine();
    d.attacks.push({
      id,
      turn: d.turn,
      kind: 'missile-strike',
      target,
      group: null,
      autonomous: false,
      claim: 'open',
      suspect: null,
      confidence: s.attribution.stateAct,
      casualties,
    });
    if (!d.firsts.stateStrike) {
      d.firsts.stateStrike = true;
      this.firstJumps += s.ladder.firstStateStrike;
    }
    this.apply(warned ? (spec.failEffects ?? spec.effects) : spec.effects);
    this.pressure += spec.ladder;
  }

  // ---- US ------------------------------------------------------------------------------------------------------

  /** US postures come first in the week: they shape how this week's attacks land. */
  usPosture(order: Order): boolean {
    const s = this.s;
    const d = this.d;
    const spec = specOf(s, order.type);
    switch (order.type) {
      case 'hand-over-base':
        this.handOver(order.base);
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        return true;
      case 'deploy-air-defence': {
        const b = this.base(order.base);
        b.airDefence = b.airDefence === 'none' ? 'cram' : 'patriot';
        this.emit('all', { type: 'air-defence', base: b.site, level: b.airDefence });
        this.apply(spec.effects, { base: b.site });
        this.pressure += spec.ladder;
        return true;
      }
      case 'reinforce': {
        const b = this.base(order.base);
        b.garrison += s.domestic.reinforceTroops;
        d.us.troops += s.domestic.reinforceTroops;
        d.us.resolve = clamp(d.us.resolve + s.domestic.reinforceResolve, 0, 100);
        this.emit('all', { type: 'reinforced', base: b.site, troops: s.domestic.reinforceTroops });
        this.apply(spec.effects, { base: b.site });
        this.pressure += spec.ladder;
        return true;
      }
      case 'surge-isr':
        d.us.isrSurged = true;
        this.apply(spec.effects);
        this.emit('us', { type: 'isr', level: d.us.isr });
        this.pressure += spec.ladder;
        return true;
      case 'ordered-departure': {
        d.us.departureOrdered = true;
        const e = this.base(embassyOf(s));
        e.exposure = clamp(e.exposure + s.domestic.departureExposure, 0, 100);
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        this.emit('all', { type: 'act', side: 'us', order: order.type, target: e.site });
        return true;
      }
      case 'red-line':
        d.us.redLines.push({ declaredTurn: d.turn, status: 'standing', crossedTurn: null, deadline: null });
        d.us.credibility = clamp(d.us.credibility + s.redLines.declareCredibility, 0, 100);
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        this.emit('all', { type: 'red-line', status: 'declared' });
        return true;
      default:
        return false;
    }
  }

  handOver(baseId: string): void {
    const d = this.d;
    const b = this.base(baseId);
    const hub = this.base(this.s.us.hub);
    hub.garrison += b.garrison;
    b.garrison = 0;
    b.handedOver = true;
    b.handoverTurns = 0;
    d.us.counterIsis = clamp(d.us.counterIsis - this.s.isis.counterIsisPerBase, 0, 100);
    this.emit('all', { type: 'handover', base: baseId });
  }

  usOrder(order: Order): void {
    const s = this.s;
    const d = this.d;
    const spec = specOf(s, order.type);
    const act = (target: string | null = null) =>
      this.emit('all', { type: 'act', side: 'us', order: order.type, target });
    switch (order.type) {
      case 'strike-site': {
        const site = s.iran.proxySites.find((p) => p.site === order.site)!;
        this.strike(order.site, site.group, 'strike', 1000);
        this.apply(spec.effects, { group: site.group }, false);
        this.pressure += spec.ladder;
        return;
      }
      case 'campaign': {
        const drafted = d.us.plans.find((p) => p.group === order.group && !p.active && p.turnsLeft === 0);
        const duration = spec.duration ?? 1;
        if (drafted) {
          drafted.active = true;
          drafted.turnsLeft = duration;
          drafted.startedTurn = d.turn;
        } else
          d.us.plans.push({
            id: d.nextId++,
            kind: 'campaign',
            group: order.group,
            turnsLeft: duration,
            active: true,
            leaked: false,
            startedTurn: d.turn,
          });
        this.emit('us', { type: 'campaign', group: order.group, status: 'started' });
        return; // its strikes run with the campaigns below, this turn included
      }
      case 'leadership-strike': {
        const g = this.group(order.group);
        const leader = s.iran.groups.find((x) => x.id === g.id)!.leader;
        const leaked = this.dice.chance(spec.leakChance ?? 0);
        if (leaked) this.leak(g.id);
        const killed = this.dice.chance(leaked ? s.strikes.leakedLeaderKillChance : s.strikes.leaderKillChance);
        this.kineticResponse = true;
        this.pressure += spec.ladder;
        if (killed) {
          g.leaderAlive = false;
          g.cohesion = clamp(g.cohesion + s.strikes.leaderKillCohesion, 0, 100);
          g.aggression = clamp(g.aggression + s.strikes.leaderKillAggression, 0, 100);
          if (!d.firsts.leaderKilled) {
            d.firsts.leaderKilled = true;
            this.firstJumps += s.ladder.firstLeaderKilled;
          }
          this.emit('all', { type: 'leader-killed', group: g.id, leader });
          this.apply(spec.effects, { group: g.id });
        } else {
          this.emit('all', { type: 'leader-escaped', group: g.id, leader });
          this.apply(spec.failEffects, { group: g.id });
        }
        return;
      }
      case 'publish-evidence': {
        const f = d.iran.fronts.find((x) => x.id === order.front)!;
        const strip = -(spec.effects.frontDeniability ?? 0) + d.us.isr * s.domestic.evidencePerIsr;
        f.deniability = clamp(f.deniability - strip, 0, 100);
        this.apply({ ...spec.effects, frontDeniability: 0 });
        this.pressure += spec.ladder;
        this.emit('all', { type: 'evidence', front: f.id, deniability: f.deniability });
        this.checkExposure(f.id);
        return;
      }
      case 'waiver-shorten':
        d.baghdad.waiverTurns = Math.min(d.baghdad.waiverTurns, s.baghdad.waiverShortenTo);
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        this.emit('all', { type: 'waiver', turnsLeft: d.baghdad.waiverTurns, change: 'shortened' });
        return;
      case 'waiver-extend':
        d.baghdad.waiverTurns += s.baghdad.waiverExtendBy;
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        this.emit('all', { type: 'waiver', turnsLeft: d.baghdad.waiverTurns, change: 'extended' });
        return;
      case 'back-designate':
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        this.emit('all', { type: 'government', stage: 'backed', name: d.baghdad.designate });
        return;
      case 'counter-isis': {
        // Counter-ISIS work needs a presence: it scales with the bases still held.
        const held = d.us.bases.filter((b) => !b.handedOver).length;
        const share = Math.trunc((held * 1000) / d.us.bases.length);
        this.apply({
          ...spec.effects,
          isis: perMille(spec.effects.isis ?? 0, share),
          counterIsis: perMille(spec.effects.counterIsis ?? 0, share),
        });
        this.pressure += spec.ladder;
        this.emit('all', { type: 'counter-isis', isis: d.isis });
        return;
      }
      case 'us-swiss-message':
      case 'sanctions':
      case 'hold':
        this.apply(spec.effects);
        this.pressure += spec.ladder;
        act();
        return;
      case 'hand-over-base':
      case 'deploy-air-defence':
      case 'reinforce':
      case 'surge-isr':
      case 'ordered-departure':
      case 'red-line':
        return; // postures, resolved at the start of the week
      default:
        throw new Error(`not a US order: ${order.type}`);
    }
  }

  leak(group: string): void {
    const s = this.s;
    this.emit('all', { type: 'plan-leaked', group });
    this.apply({ consent: s.strikes.leakConsent, evictionPressure: s.strikes.leakPressure });
  }

  /** A US strike on a proxy site. `efficiency` (per-mille) scales the damage: campaigns spread it over weeks. */
  strike(siteId: string, groupId: string, kind: 'strike' | 'campaign', efficiency: number): void {
    const s = this.s;
    const d = this.d;
    const st = s.strikes;
    const site = s.iran.proxySites.find((p) => p.site === siteId)!;
    const g = this.group(groupId);
    const dice = this.dice;
    const strikeId = d.nextId++;
    let arsenalLost = Math.min(g.arsenal, perMille(dice.between(st.arsenalLoss[0], st.arsenalLoss[1]), efficiency));
    let strengthLost = Math.min(g.strength, perMille(dice.between(st.strengthLoss[0], st.strengthLoss[1]), efficiency));
    const casualties = noCasualties();
    casualties.proxiesKilled = perMille(dice.between(st.proxiesKilled[0], st.proxiesKilled[1]), efficiency);
    if (dice.chance(site.civilianRisk))
      casualties.iraqiForcesKilled = dice.between(st.iraqiKilled[0], st.iraqiKilled[1]);
    if (dice.chance(perMille(site.civilianRisk, st.civilianShare))) casualties.civiliansKilled = 1;
    const missed = this.ruling('strike-missed', (r) => r.strike === strikeId);
    if (missed) {
      arsenalLost = 0;
      strengthLost = 0;
      Object.assign(casualties, noCasualties());
    }
    g.arsenal -= arsenalLost;
    g.strength -= strengthLost;
    this.addCasualties(casualties);
    const iraqiDead = casualties.iraqiForcesKilled + casualties.civiliansKilled;
    const justified = d.attacks.some((a) => a.group === groupId && a.turn > d.turn - st.window);
    let consent = st.consent - iraqiDead * st.consentPerIraqiKilled;
    let pressure = st.evictionPressure;
    if (site.stateInstitution) {
      consent += st.stateInstitutionConsent;
      pressure += st.stateInstitutionPressure;
    }
    if (!justified) consent += st.wrongTargetConsent;
    // The US pays for acting on weak intelligence whatever the truth: it is judged on what it could show.
    const bestConfidence = d.attacks
      .filter((a) => a.suspect === groupId && a.turn > d.turn - st.window)
      .reduce((m, a) => Math.max(m, a.confidence), 0);
    if (bestConfidence < st.lowConfidence) consent += st.lowConfidenceConsent;
    d.baghdad.consent = clamp(d.baghdad.consent + consent, 0, 100);
    d.baghdad.evictionPressure = clamp(d.baghdad.evictionPressure + pressure, 0, 100);
    d.strikes.push({ id: strikeId, turn: d.turn, site: siteId, group: groupId, kind, justified, casualties });
    // A campaign's strikes read as plain strikes while its plan is secret (the record keeps the truth).
    const secret = kind === 'campaign' && !campaignLeaked(d, groupId);
    this.emit('all', {
      type: 'strike',
      strikeId,
      site: siteId,
      group: groupId,
      kind: secret ? 'strike' : kind,
      arsenalLost,
      strengthLost,
      casualties,
    });
    if (missed) this.emit('all', { type: 'ruling', ruling: missed });
    if (!justified) this.emit('iran', { type: 'misdirected', strikeId, group: groupId });
    this.kineticResponse = true;
    // The US assesses its own strike damage: its estimate of the group drops by what it saw destroyed.
    const estimate = d.us.intel.find((e) => e.group === groupId);
    if (estimate) {
      estimate.arsenal = Math.max(0, estimate.arsenal - arsenalLost);
      estimate.strength = Math.max(0, estimate.strength - strengthLost);
    }
  }

  /**
   * US intelligence refreshes its picture of each group now and then (more often with more ISR), rather than
   * reading it live: a live estimate would move with every attack and give away who fired.
   */
  intelligence(): void {
    const s = this.s;
    const d = this.d;
    const refresh = s.attribution.intelRefresh + d.us.isr * s.attribution.intelRefreshPerIsr;
    for (const estimate of d.us.intel) {
      if (!this.dice.chance(refresh)) continue;
      const g = this.group(estimate.group);
      estimate.strength = roundTen(g.strength);
      estimate.arsenal = roundTen(g.arsenal);
      estimate.asOf = d.turn;
    }
  }

  campaigns(): void {
    const s = this.s;
    const d = this.d;
    const spec = specOf(s, 'campaign');
    for (const plan of d.us.plans) {
      if (!plan.active) continue;
      if (!plan.leaked && this.dice.chance(spec.leakChance ?? 0)) {
        plan.leaked = true;
        this.leak(plan.group);
      }
      const sites = s.iran.proxySites.filter((p) => p.group === plan.group);
      const duration = spec.duration ?? 1;
      const site = sites[(duration - plan.turnsLeft) % Math.max(1, sites.length)];
      const efficiency = perMille(s.strikes.campaignEfficiency, plan.leaked ? s.strikes.leakedEfficiency : 1000);
      if (site) this.strike(site.site, plan.group, 'campaign', efficiency);
      this.apply(spec.effects, { group: plan.group }, false);
      this.pressure += spec.ladder;
      plan.turnsLeft--;
      if (plan.turnsLeft <= 0) {
        plan.active = false;
        plan.turnsLeft = 0;
        this.emit(plan.leaked ? 'all' : 'us', { type: 'campaign', group: plan.group, status: 'ended' });
      }
    }
  }

  redLines(): void {
    const s = this.s;
    const d = this.d;
    for (const r of d.us.redLines) {
      if (r.status !== 'crossed') continue;
      if (this.kineticResponse) {
        r.status = 'honoured';
        d.us.credibility = clamp(d.us.credibility + s.redLines.honouredCredibility, 0, 100);
        this.emit('all', { type: 'red-line', status: 'honoured' });
      } else if (r.deadline !== null && d.turn >= r.deadline) {
        r.status = 'broken';
        d.us.credibility = clamp(d.us.credibility + s.redLines.brokenCredibility, 0, 100);
        d.us.resolve = clamp(d.us.resolve + s.redLines.brokenResolve, 0, 100);
        this.emit('all', { type: 'red-line', status: 'broken' });
      }
    }
  }

  // ---- The actors the engine runs ------------------------------------------------------------------------------

  baghdad(): void {
    const s = this.s;
    const d = this.d;
    const b = d.baghdad;
    const sb = s.baghdad;
    b.evictionPressure = clamp(b.evictionPressure - sb.pressureDecay, 0, 100);
    if (b.consent < sb.consent) b.consent = Math.min(sb.consent, b.consent + sb.consentDrift);
    else if (b.consent > sb.consent) b.consent = Math.max(sb.consent, b.consent - sb.consentDrift);
    if (b.waiverTurns > 0) {
      b.waiverTurns--;
      if (b.waiverTurns === 0) this.emit('all', { type: 'waiver', turnsLeft: 0, change: 'lapsed' });
    } else b.consent = clamp(b.consent + sb.waiverLapseConsent, 0, 100);
    const gov = sb.government;
    if (b.stage === 'designate') {
      b.designateTurns--;
      const confirm = chance(gov.confirmChance + (b.designateSupport - 50) * gov.supportWeight);
      if (this.dice.chance(confirm)) this.confirmGovernment();
      else if (b.designateTurns <= 0) this.withdrawDesignate();
    }
    const threshold = sb.voteAt + (b.stage === 'confirmed' ? gov.confirmedVoteBonus : 0);
    const cooled = b.lastVoteTurn === null || d.turn - b.lastVoteTurn >= sb.voteCooldown;
    if (b.evictionPressure >= threshold && cooled) this.vote();
  }

  confirmGovernment(): void {
    const b = this.d.baghdad;
    b.stage = 'confirmed';
    b.consent = clamp(b.consent + this.s.baghdad.government.confirmedConsent, 0, 100);
    this.emit('all', { type: 'government', stage: 'confirmed', name: b.designate });
  }

  withdrawDesignate(): void {
    const b = this.d.baghdad;
    const gov = this.s.baghdad.government;
    this.emit('all', { type: 'government', stage: 'withdrawn', name: b.designate });
    const next = gov.successors[b.successorsUsed];
    if (next === undefined) {
      b.stage = 'caretaker';
      return;
    }
    b.successorsUsed++;
    b.designate = next;
    b.designateTurns = gov.designateTurns;
    b.designateSupport = gov.successorSupport;
    this.emit('all', { type: 'government', stage: 'named', name: next });
  }

  vote(): void {
    const s = this.s;
    const b = this.d.baghdad;
    let votesFor = 0;
    let votesAgainst = 0;
    for (const bloc of s.baghdad.blocs) {
      const lean = chance(bloc.lean + b.evictionPressure * bloc.pressureWeight);
      if (this.dice.chance(lean)) votesFor += bloc.seats;
      else votesAgainst += bloc.seats;
    }
    const overruled = this.ruling('vote', () => true);
    const passed = overruled ? overruled.passed : votesFor >= s.baghdad.seatsToPass;
    b.lastVoteTurn = this.d.turn;
    let expelled = false;
    if (passed) {
      b.votesPassed++;
      b.consent = clamp(b.consent + s.baghdad.voteConsentDrop, 0, 100);
      expelled = b.consent <= s.baghdad.expulsionConsent;
    }
    this.expelled ||= expelled;
    this.emit('all', { type: 'vote', votesFor, votesAgainst, passed, expelled });
    if (overruled) this.emit('all', { type: 'ruling', ruling: overruled });
  }
  expelled = false;

  isis(): void {
    const s = this.s;
    const d = this.d;
    const i = s.isis;
    d.isis = clamp(
      d.isis + i.growth + d.pandemic * i.pandemicGrowth - Math.trunc(d.us.counterIsis / i.counterIsisDivisor),
      0,
      100,
    );
    if (d.isis >= i.attackAt) {
      const killed = this.dice.between(i.attackIraqiKilled[0], i.attackIraqiKilled[1]);
      d.casualties.iraqiForcesKilled += killed;
      d.baghdad.consent = clamp(d.baghdad.consent + i.consentPerAttack, 0, 100);
      this.emit('all', { type: 'isis-attack', iraqiKilled: killed });
    }
  }

  pandemicAndPartners(): void {
    const s = this.s;
    const d = this.d;
    const { level, curfew } = pandemicOn(s, d.turn);
    if (level !== d.pandemic || curfew !== d.curfew) this.emit('all', { type: 'pandemic', level, curfew });
    d.pandemic = level;
    d.curfew = curfew;
  }

  partnersLeave(count: number): void {
    const d = this.d;
    for (let i = 0; i < count && d.partners > 0; i++) {
      d.partners--;
      d.us.counterIsis = clamp(d.us.counterIsis - this.s.partnerLeaveCounterIsis, 0, 100);
      this.emit('all', { type: 'partner-left', remaining: d.partners });
    }
  }

  economy(): void {
    const s = this.s;
    const d = this.d;
    let income = d.iran.income - d.pandemic * s.pandemic.iranDrainPerLevel;
    if (d.baghdad.waiverTurns === 0) income -= s.baghdad.waiverIranIncome;
    if (d.iran.incomeLossTurns > 0) {
      income += s.domestic.economicIncome;
      d.iran.incomeLossTurns--;
    }
    d.iran.resources = clamp(d.iran.resources + income, 0, 100);
    d.us.politicalCapital = clamp(d.us.politicalCapital + s.us.capitalPerTurn, 0, 100);
    if (d.ladder.rung >= s.domestic.ladderFatigueFrom)
      d.us.resolve = clamp(d.us.resolve - s.domestic.ladderFatigue, 0, 100);
    if (d.pandemic > 0 && d.partners > 0 && this.dice.chance(d.pandemic * s.pandemic.partnerLeaveChancePerLevel))
      this.partnersLeave(1);
    if (!d.us.isrSurged && d.us.isr > s.us.baseIsr) d.us.isr--;
    d.us.isrSurged = false;
    for (const g of d.iran.groups) if (g.restrainedTurns > 0) g.restrainedTurns--;
    for (const b of d.us.bases) {
      if (b.handedOver || b.handoverTurns <= 0) continue;
      b.handoverTurns--;
      if (b.handoverTurns === 0) this.handOver(b.site);
    }
  }

  /** The event deck: dated or conditional injects, each fired at most once. */
  cards(): void {
    const d = this.d;
    // Read the draft once: each read goes through an immer proxy, and every card checks several conditions.
    const now = {
      turn: d.turn,
      pandemic: d.pandemic,
      rung: d.ladder.rung,
      isis: d.isis,
      consent: d.baghdad.consent,
      usKilled: d.casualties.usKilled,
      partners: d.partners,
      curfew: d.curfew,
    };
    const fired = new Set(d.cardsFired);
    for (const card of this.s.cards) {
      if (fired.has(card.id)) continue;
      const w = card.when;
      const held =
        (w.turn === undefined || now.turn === w.turn) &&
        (w.fromTurn === undefined || now.turn >= w.fromTurn) &&
        (w.minPandemic === undefined || now.pandemic >= w.minPandemic) &&
        (w.minRung === undefined || now.rung >= w.minRung) &&
        (w.maxRung === undefined || now.rung <= w.maxRung) &&
        (w.minIsis === undefined || now.isis >= w.minIsis) &&
        (w.maxConsent === undefined || now.consent <= w.maxConsent) &&
        (w.minUsKilled === undefined || now.usKilled >= w.minUsKilled) &&
        (w.minPartners === undefined || now.partners >= w.minPartners) &&
        (w.curfew === undefined || now.curfew === w.curfew);
      if (!held) continue;
      if (w.chance !== undefined && !this.dice.chance(w.chance)) continue;
      this.playCard(card);
    }
  }

  /** A card of the deck comes into play, by its conditions or because the facilitator released it. */
  playCard(card: Scenario['cards'][number], released?: 'deck'): void {
    const d = this.d;
    d.cardsFired.push(card.id);
    this.emit('all', {
      type: 'card',
      card: card.id,
      title: card.title,
      text: card.text,
      ...(released && { released }),
    });
    this.apply(card.effects);
    this.partnersLeave(card.partnersLeave);
    if (card.designate === 'confirm' && d.baghdad.stage === 'designate') this.confirmGovernment();
    if (card.designate === 'withdraw' && d.baghdad.stage === 'designate') this.withdrawDesignate();
  }

  /** The facilitator's inject: effects now, its push on the ladder kept for the turn's resolution. */
  inject(inject: Inject): void {
    const s = this.s;
    const d = this.d;
    if (inject.type === 'card') this.playCard(s.cards.find((c) => c.id === inject.card)!, 'deck');
    else {
      const variant = s
        .injectTemplates!.find((t) => t.id === inject.template)!
        .variants.find((v) => v.id === inject.variant)!;
      this.emit('all', {
        type: 'card',
        card: inject.template,
        title: inject.title,
        text: inject.text,
        released: 'written',
      });
      this.apply(variant.effects);
      this.partnersLeave(variant.partnersLeave);
    }
    const record = d.facilitator ?? { injects: [], pressure: 0 };
    d.facilitator = {
      injects: [...record.injects, { turn: d.turn, inject }],
      pressure: record.pressure + this.pressure,
    };
  }

  escalationScore(side: Side, orders: readonly Order[]): number {
    let points = 0;
    for (const o of orders) points += this.s.rivera[specOf(this.s, o.type).severity];
    this.d.escalation[side] += points;
    return points;
  }

  ladder(): void {
    const s = this.s;
    const d = this.d;
    const start = d.ladder.rung;
    const chance = incidentChance(s, start);
    const incident = chance > 0 && this.dice.chance(chance);
    const { ladder, moves } = stepLadder(s, d.ladder, this.pressure, this.firstJumps);
    d.ladder = ladder;
    if (this.siegeSucceeded && d.ladder.rung < s.ladder.siegeFloor) {
      moves.push({ from: d.ladder.rung, to: s.ladder.siegeFloor, cause: 'siege' });
      d.ladder.rung = s.ladder.siegeFloor;
      d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
    }
    // An incident undoes the week's calming and lifts the crisis a rung above where the week began.
    if (incident && d.ladder.rung < s.ladder.war) {
      const to = Math.min(Math.max(d.ladder.rung, start) + 1, s.ladder.war);
      const stories = s.ladder.incidents.stories;
      const story = stories.length > 0 ? stories[this.dice.int(stories.length)] : undefined;
      moves.push({ from: d.ladder.rung, to, cause: 'incident', ...(story !== undefined && { story }) });
      d.ladder.rung = to;
      d.ladder.peak = Math.max(d.ladder.peak, d.ladder.rung);
      d.ladder.quietTurns = 0;
    }
    for (const m of moves)
      this.emit('all', {
        type: 'rung',
        from: m.from,
        to: m.to,
        pressure: this.pressure,
        cause: m.cause,
        ...(m.story !== undefined && { story: m.story }),
      });
  }

  run(us: Order[], iran: Order[]): void {
    const s = this.s;
    const d = this.d;
    this.emit('all', { type: 'turn-started', turn: d.turn, date: addDays(s.startDate, (d.turn - 1) * s.turnDays) });
    if (d.facilitator && d.facilitator.pressure !== 0) {
      this.pressure += d.facilitator.pressure;
      d.facilitator = { ...d.facilitator, pressure: 0 };
    }
    for (const o of us) d.us.politicalCapital -= specOf(s, o.type).cost;
    for (const o of iran) d.iran.resources -= specOf(s, o.type).cost;
    const usPoints = this.escalationScore('us', us);
    let iranPoints = this.escalationScore('iran', iran);
    this.pandemicAndPartners();
    const postured = new Set<Order>();
    // Handovers last, whatever the order given: troops sent to a base handed over the same week move on to the hub
    // with its garrison instead of staying behind in a base that is no longer American.
    for (const o of us) if (o.type !== 'hand-over-base' && this.usPosture(o)) postured.add(o);
    for (const o of us) if (o.type === 'hand-over-base' && this.usPosture(o)) postured.add(o);
    for (const o of iran) if (o.type === 'restrain-proxies') this.iranOrder(o);
    for (const o of iran) {
      if (
        o.type === 'rocket-attack' ||
        o.type === 'lethal-barrage' ||
        o.type === 'embassy-attack' ||
        o.type === 'economic-attack' ||
        o.type === 'convoy-attack'
      )
        this.proxyAttack(o, false);
    }
    const ordered = d.attacks.length;
    this.autonomousAttacks();
    // Unordered attacks still count against the axis on the escalation score.
    const unordered = (d.attacks.length - ordered) * s.rivera[specOf(s, 'rocket-attack').severity];
    iranPoints += unordered;
    d.escalation.iran += unordered;
    for (const o of iran) if (o.type !== 'restrain-proxies') this.iranOrder(o);
    for (const o of us) if (!postured.has(o)) this.usOrder(o);
    this.campaigns();
    this.redLines();
    this.baghdad();
    this.isis();
    this.economy();
    this.intelligence();
    this.cards();
    this.ladder();
    d.history.push({
      turn: d.turn,
      orders: { us, iran },
      rung: d.ladder.rung,
      escalation: { us: usPoints, iran: iranPoints },
      consent: d.baghdad.consent,
      evictionPressure: d.baghdad.evictionPressure,
      usResolve: d.us.resolve,
      isis: d.isis,
      usKilled: d.casualties.usKilled,
      ...(this.rulings.length > 0 && { rulings: [...this.rulings] }),
    });
    const outcome = checkOutcome(s, d, this.expelled);
    if (outcome) {
      d.outcome = outcome;
      this.emit('all', { type: 'game-over', result: outcome.result, reason: outcome.reason });
    } else d.turn++;
    d.rng = this.dice.save();
  }
}

/** Effects with every field present (0 when absent), so that `apply` reads one shape. */
type DenseEffects = Required<Effects>;

// The scenario's effects come in as many shapes as there are combinations of fields, and apply reads every field of
// each: V8's reads go megamorphic and apply alone was a tenth of a turn. A dense copy, made once per effects
// object, has one shape.
const denseEffects = new WeakMap<Effects, DenseEffects>();

function denseOf(e: Effects): DenseEffects {
  let dense = denseEffects.get(e);
  if (dense === undefined) {
    dense = {
      consent: e.consent ?? 0,
      evictionPressure: e.evictionPressure ?? 0,
      usResolve: e.usResolve ?? 0,
      credibility: e.credibility ?? 0,
      politicalCapital: e.politicalCapital ?? 0,
      isr: e.isr ?? 0,
      counterIsis: e.counterIsis ?? 0,
      isis: e.isis ?? 0,
      iranResources: e.iranResources ?? 0,
      iranIncome: e.iranIncome ?? 0,
      pmuCohesion: e.pmuCohesion ?? 0,
      missileCapability: e.missileCapability ?? 0,
      groupArsenal: e.groupArsenal ?? 0,
      groupStrength: e.groupStrength ?? 0,
      groupCohesion: e.groupCohesion ?? 0,
      groupAggression: e.groupAggression ?? 0,
      allAggression: e.allAggression ?? 0,
      allCohesion: e.allCohesion ?? 0,
      frontDeniability: e.frontDeniability ?? 0,
      baseExposure: e.baseExposure ?? 0,
      designateSupport: e.designateSupport ?? 0,
      ladder: e.ladder ?? 0,
    };
    denseEffects.set(e, dense);
  }
  return dense;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let freezeStates = true;

/**
 * Whether resolved states are deep-frozen (the default: in tests and the UI it turns an accidental mutation into
 * an error). Batch runs switch it off, as they do immer's auto-freeze.
 */
export function setStateFreezing(on: boolean): void {
  freezeStates = on;
}

/** A new state as the engine hands it out: deep-frozen, unless freezing is off. */
export const handOut = (state: GameState): GameState => (freezeStates ? freeze(state, true) : state);

/**
 * A working copy for one resolution: every part a turn may change is copied, the records of past turns are shared.
 * Resolution does not run inside an immer draft: a turn reads and writes hundreds of fields, and through immer's
 * proxies that cost about 120 µs a turn here against 15 µs on plain objects (npm run bench), too slow for batches
 * of thousands of games. Frozen inputs make a missed copy fail loudly in the tests.
 */
function workingCopy(s: GameState): GameState {
  const next = copyState(s);
  next.rng = { c: s.rng.c, s0: s.rng.s0, s1: s.rng.s1, s2: s.rng.s2 };
  next.submitted = { us: null, iran: null };
  const us = copyUs(s.us);
  us.bases = s.us.bases.map(copyBase);
  us.redLines = s.us.redLines.map(copyRedLine);
  us.plans = s.us.plans.map(copyPlan);
  us.intel = s.us.intel.map(copyEstimate);
  next.us = us;
  const iran = copyIran(s.iran);
  iran.groups = s.iran.groups.map(copyGroup);
  iran.fronts = s.iran.fronts.map(copyFront);
  next.iran = iran;
  next.baghdad = copyBaghdad(s.baghdad);
  next.ladder = { rung: s.ladder.rung, peak: s.ladder.peak, quietTurns: s.ladder.quietTurns };
  next.firsts = { usDeath: s.firsts.usDeath, leaderKilled: s.firsts.leaderKilled, stateStrike: s.firsts.stateStrike };
  next.escalation = { us: s.escalation.us, iran: s.escalation.iran };
  next.casualties = copyCasualties(s.casualties);
  next.attacks = [...s.attacks];
  next.strikes = [...s.strikes];
  next.cardsFired = [...s.cardsFired];
  next.history = [...s.history];
  if (s.facilitator) next.facilitator = { ...s.facilitator, injects: [...s.facilitator.injects] };
  return next;
}

/**
 * Resolves the turn once both sides have submitted: one step on a working copy, one RNG restore and save.
 * Returns the new state and the events in the order they happened; the input state is left untouched.
 */
export function resolveTurn(scenario: Scenario, state: GameState, rulings: readonly Ruling[] = []): Result<TurnResult> {
  if (state.outcome) return fail('game.over', 'the game is over');
  const { us, iran } = state.submitted;
  if (!us || !iran)
    return fail(
      'orders.missing',
      `waiting for ${!us && !iran ? 'both sides' : !us ? 'the US' : 'Iran'} to submit orders`,
    );
  const next = workingCopy(state);
  const turn = new Turn(scenario, next, rulings);
  turn.run(us, iran);
  const unmatched = rulings.find((r) => !turn.ruled.has(rulingKey(r)));
  if (unmatched) return fail('ruling.unmatched', `turn ${state.turn} has no ${rulingKey(unmatched)} to rule on`);
  return ok({ state: handOut(next), events: turn.events });
}

/**
 * An inject's effects on the turn being ordered (checked by the caller: facilitator.ts). No dice are rolled: a released
 * card comes into play whatever its conditions say.
 */
export function injectEffects(scenario: Scenario, state: GameState, inject: Inject): TurnResult {
  const next = workingCopy(state);
  next.submitted = { ...state.submitted };
  const turn = new Turn(scenario, next);
  turn.inject(inject);
  return { state: handOut(next), events: turn.events };
}
