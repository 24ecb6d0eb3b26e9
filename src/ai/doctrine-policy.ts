import { isSide } from '../engine/index.ts';
import {
  type Dice,
  ORDER_TYPES,
  type Order,
  type OrderType,
  type Scenario,
  type SeatView,
  type Side,
  specOf,
} from '../engine/index.ts';
import type { Doctrine, Traits } from './doctrine.ts';
import type { Decision } from './simple.ts';
import {
  type Provocation,
  provocations,
  provocationText,
  quietLastTurn,
  unavengedLeader,
  usWeakness,
} from './situation.ts';
import { capitalise, count, names } from './words.ts';

/**
 * The doctrine engine: one policy for every doctrine, reading its personality from data. Each order the side could
 * give gets a utility (the doctrine's weight for the order type plus what the situation adds, scaled by its
 * traits) and the reason a student would give for it; the doctrine then picks its best orders, varying among those
 * within its `spread` of the best so that it is neither predictable nor erratic. Integer arithmetic only, and every
 * draw from the AI's own dice, so a seed always gives the same choice.
 */

/** An order a doctrine considers, what it is worth to it and why (the words are built only for orders chosen). */
export interface Option {
  order: Order;
  utility: number;
  why: () => string;
}

/** Whether an order is legal for the side now, alone (targets and budget). */
export type LegalCheck = (order: Order) => boolean;

interface Ctx {
  s: Scenario;
  v: SeatView;
  t: Traits;
  weights: Weights;
  n: ReturnType<typeof names>;
  out: Option[];
  risk: number; // US: how close Baghdad is to voting us out, 0-4
  dice: Dice;
  forgive: boolean;
  danger: number; // rungs at or above the caution rung
  provocations: Provocation[];
  top: Provocation | undefined; // the worst unanswered provocation that calls for an answer
  quiet: boolean;
}

const idiv = (a: number, b: number) => Math.trunc(a / b);

type Weights = Readonly<Record<OrderType, number>>;
const fullWeights = new WeakMap<Doctrine, Weights>();

/**
 * A doctrine's weight for every order type, 0 where it names none: the models read a weight for each option in every
 * turn of every playout, and a missing key costs a slow lookup (up the prototype chain) where a present one is a
 * plain property read. Built once per doctrine, every type in the same order, so every doctrine's has one shape.
 */
function weightsOf(d: Doctrine): Weights {
  let full = fullWeights.get(d);
  if (!full) {
    const built = {} as Record<OrderType, number>;
    for (const type of ORDER_TYPES) built[type] = d.weights[type] ?? 0;
    full = built;
    fullWeights.set(d, full);
  }
  return full;
}

/**
 * The first of `items` that `keep` admits and that no other admitted item sorts before: what
 * `items.filter(keep).sort(order)[0]` gives (the sort is stable), without copying or sorting. The models run in
 * every turn of every playout, so these copies were a good part of the strategist's allocations.
 */
function firstBest<T>(items: readonly T[], keep: (x: T) => boolean, order: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) if (keep(x) && (best === undefined || order(x, best) < 0)) best = x;
  return best;
}

function context(s: Scenario, d: Doctrine, v: SeatView, dice: Dice, forgive: boolean): Ctx {
  const t = d.traits;
  const all = provocations(s, v, t.memory);
  const top = all.find(
    (p) =>
      !p.answered &&
      p.points >= t.provokedAt &&
      (v.seat === 'iran' || (p.group !== null && p.confidence >= t.minConfidence)),
  );
  const b = v.baghdad;
  return {
    s,
    v,
    t,
    weights: weightsOf(d),
    n: names(s),
    out: [],
    risk:
      Number(b.consent < 45) +
      Number(b.consent < 35) +
      Number(b.evictionPressure >= 45) +
      Number(b.evictionPressure >= 55),
    dice,
    forgive,
    danger: Math.max(0, v.ladder.rung - t.caution + 1),
    provocations: all,
    top,
    quiet: quietLastTurn(v),
  };
}

const w = (c: Ctx, type: OrderType): number => c.weights[type];

const tell = (c: Ctx, p: Provocation): string => provocationText(c.s, p);

/** US: what a change in Baghdad's consent and parliament's pressure is worth, more as a vote to expel us nears. */
const appraise = (c: Ctx, consent: number, eviction: number): number =>
  c.v.seat === 'us' ? idiv(c.t.politics * (1 + c.risk) * (2 * consent - eviction), 40) : 0;

/** Adds an option; for the US, what the order's own effects do in Baghdad counts too. */
function add(c: Ctx, order: Order, utility: number, why: () => string): void {
  if (c.v.seat !== 'us') {
    c.out.push({ order, utility, why }); // appraise is nothing to Iran: no need to look up the order's effects
    return;
  }
  const e = specOf(c.s, order.type).effects;
  c.out.push({ order, utility: utility + appraise(c, e.consent ?? 0, e.evictionPressure ?? 0), why });
}

/** US: what a strike costs in Baghdad (a PMU position costs more). */
function strikeCost(c: Ctx, stateInstitution: boolean): number {
  const st = c.s.strikes;
  return appraise(
    c,
    st.consent + (stateInstitution ? st.stateInstitutionConsent : 0),
    st.evictionPressure + (stateInstitution ? st.stateInstitutionPressure : 0),
  );
}

const costInBaghdad = (stateInstitution: boolean) =>
  stateInstitution ? 'though hitting a PMU position will anger Baghdad' : 'at a cost in Baghdad';

// ---- The US -----------------------------------------------------------------------------------------------------

/** The proxy site to hit for a group: a depot before a PMU position (part of the Iraqi state), the least risk to civilians first. */
function siteFor(s: Scenario, group: string) {
  return firstBest(
    s.iran.proxySites,
    (p) => p.group === group,
    (a, b) => Number(a.stateInstitution) - Number(b.stateInstitution) || a.civilianRisk - b.civilianRisk,
  );
}

/** The group the US has blamed most often lately, with good enough evidence. */
function mostSuspected(c: Ctx): string | null {
  const tally = new Map<string, number>();
  for (const a of c.v.attacks)
    if (a.turn >= c.v.turn - c.s.strikes.window && a.suspect && (a.confidence ?? 0) >= c.t.minConfidence)
      tally.set(a.suspect, (tally.get(a.suspect) ?? 0) + 1 + 3 * a.casualties.usKilled);
  let best: string | null = null;
  let most = 0;
  for (const [g, k] of tally)
    if (k > most) {
      best = g;
      most = k;
    }
  return best;
}

function usOptions(c: Ctx): Option[] {
  const { s, v, t, n, top, danger } = c;
  const rung = v.ladder.rung;
  const redLineCrossed = v.us.redLines.some((r) => r.status === 'crossed');
  const redLineStanding = v.us.redLines.some((r) => r.status === 'standing' || r.status === 'crossed');
  const consent = v.baghdad.consent;
  const campaignActive = v.us.plans.some((p) => p.active);
  let recentKilled = 0;
  for (const p of c.provocations) recentKilled += p.usKilled;

  // Answering an attack: tit-for-tat's one strike, the hawk's first step.
  if (top?.group && !c.forgive) {
    const site = siteFor(s, top.group);
    if (site) {
      const utility =
        w(c, 'strike-site') +
        t.retaliation +
        6 * Math.min(top.points, 10) +
        (redLineCrossed ? 25 : 0) -
        20 * danger +
        strikeCost(c, site.stateInstitution);
      const evidence = top.word ? ` (our analysts: ${top.word})` : '';
      const group = top.group;
      add(c, { type: 'strike-site', site: site.site }, utility, () =>
        redLineCrossed
          ? `${tell(c, top)} and our red line stands: striking ${n.site(site.site)} keeps our word, ${costInBaghdad(site.stateInstitution)}.`
          : `${tell(c, top)} and we blame ${n.group(group)}${evidence}: one strike on ${n.site(site.site)} answers in kind, ${costInBaghdad(site.stateInstitution)}.`,
      );
    }
  }
  // Striking first, on the group behind recent attacks.
  const suspect = mostSuspected(c);
  if (!top && t.initiative > 0 && suspect) {
    const site = siteFor(s, suspect);
    if (site)
      add(
        c,
        { type: 'strike-site', site: site.site },
        w(c, 'strike-site') + t.initiative - 25 * danger + strikeCost(c, site.stateInstitution),
        () =>
          `${n.group(suspect)} keeps firing at us: hitting ${n.site(site.site)} before the next attack shows we will not wait to bleed, ${costInBaghdad(site.stateInstitution)}.`,
      );
  }
  // Going beyond a proportionate answer.
  const target = top?.group ?? suspect;
  const repeated = new Set(
    c.provocations.filter((p) => p.points >= t.provokedAt && p.group === target).map((p) => p.turn),
  ).size;
  if (target && !campaignActive && t.escalation > 0 && (repeated >= 2 || recentKilled >= 2))
    add(
      c,
      { type: 'campaign', group: target },
      w(c, 'campaign') + t.escalation + 10 * (repeated - 1) + 5 * recentKilled - 25 * danger + 2 * strikeCost(c, false),
      () =>
        `${n.group(target)} has hit us ${count(repeated, 'week')} running: a campaign wears down its fighters and rockets, though the plan may leak and Baghdad will object.`,
    );
  const leaderOf = top?.group;
  if (top && leaderOf && top.usKilled >= 2 && t.escalation >= 50 && !c.forgive)
    add(
      c,
      { type: 'leadership-strike', group: leaderOf },
      w(c, 'leadership-strike') + t.escalation - 30 - 30 * danger,
      () =>
        `${tell(c, top)}: striking ${n.leader(leaderOf)} shows the price of killing Americans, though Iran may answer directly.`,
    );
  if (!redLineStanding)
    add(
      c,
      { type: 'red-line' },
      w(c, 'red-line') + (recentKilled > 0 ? 10 : 0),
      () =>
        'A public red line tells Tehran that killing Americans will be answered: it works only if we keep our word.',
    );
  // Calming things down.
  const forgiven = c.forgive && top ? top : null;
  add(
    c,
    { type: 'us-swiss-message' },
    w(c, 'us-swiss-message') +
      15 * danger +
      (c.quiet && rung >= 4 ? t.reconcile : 0) +
      (forgiven ? 10 + idiv(t.reconcile, 2) : 0),
    () =>
      forgiven
        ? `We let it pass that ${lower(tell(c, forgiven))}: a strike on what may be the wrong group starts a spiral.`
        : danger > 0
          ? `The crisis stands at ${n.rung(rung)}: a private message through the Swiss can stop a slide to war.`
          : 'Last week was quiet: a private message through the Swiss answers calm with calm.',
  );
  add(
    c,
    { type: 'hold' },
    w(c, 'hold') + 2 + ((v.us.politicalCapital ?? 0) < 8 ? 10 : 0),
    () => 'Nothing calls for action this week: we save political capital for when it does.',
  );
  add(
    c,
    { type: 'counter-isis' },
    w(c, 'counter-isis') + idiv(t.politics, 2) + 2 * Math.max(0, v.isis - 25),
    () => `ISIS stands at ${v.isis}: operations with Iraqi forces keep it down and remind Baghdad why we are here.`,
  );
  const expiring = v.baghdad.waiverTurns <= 1;
  add(
    c,
    { type: 'waiver-extend' },
    w(c, 'waiver-extend') + (expiring ? 20 + idiv(t.politics, 2) : 0) - (v.us.credibility < 53 ? 15 : 0),
    () =>
      expiring
        ? `The electricity waiver runs out ${v.baghdad.waiverTurns === 0 ? 'now' : 'next week'}: Iraq needs the power, and a lapse costs us Baghdad's goodwill.`
        : `Baghdad is turning against us (consent ${consent}, eviction pressure ${v.baghdad.evictionPressure}): more time on the electricity waiver buys goodwill, though hawks at home will call it soft.`,
  );
  add(
    c,
    { type: 'waiver-shorten' },
    w(c, 'waiver-shorten'),
    () => 'A shorter electricity waiver cuts Tehran’s income, whatever it costs us in Baghdad.',
  );
  if (v.baghdad.stage === 'designate' && v.baghdad.designateSupport < 60)
    add(
      c,
      { type: 'back-designate' },
      w(c, 'back-designate') + idiv(t.politics, 3) + (v.baghdad.designateTurns <= 2 ? 5 : 0),
      () => `${v.baghdad.designate} needs votes to form a government that works with us: our public backing may help.`,
    );
  const unsure = c.provocations.find((p) => p.kind !== 'missile-strike' && p.confidence < 600);
  if ((v.us.isr ?? 5) < 4)
    add(c, { type: 'surge-isr' }, w(c, 'surge-isr') + idiv(t.defence, 2) + (unsure ? 15 : 0), () =>
      unsure
        ? `We could only say “${unsure.word}” about who hit ${n.site(unsure.place)}: more surveillance makes the next answer surer.`
        : 'More eyes over the militias make the next attack easier to pin on the right group.',
    );
  // The live, unsponsored front that claimed the worst provocation that any such front claimed.
  let claimed: SeatView['iran']['fronts'][number] | undefined;
  for (const p of c.provocations) {
    const id = v.attacks.find((a) => a.turn === p.turn && a.target === p.place)?.claim;
    claimed = v.iran.fronts.find((f) => f.id === id && !f.retired && f.sponsor === null);
    if (claimed) break;
  }
  const front =
    claimed ??
    firstBest(
      v.iran.fronts,
      (f) => !f.retired && f.sponsor === null && f.claims > 0,
      (a, b) => b.deniability - a.deniability,
    );
  if (front)
    add(
      c,
      { type: 'publish-evidence', front: front.id },
      w(c, 'publish-evidence') + idiv(t.defence, 2) + (claimed ? 10 : 0),
      () =>
        `${n.front(front.id)} ${claimed ? 'claimed the latest attack' : 'hides whoever is firing at us'}: publishing what we know about who stands behind it costs them their cover.`,
    );
  const attackedBases = new Map<string, number>();
  for (const p of c.provocations) attackedBases.set(p.place, (attackedBases.get(p.place) ?? 0) + p.points);
  const defendable = firstBest(
    v.us.bases,
    (b) => !b.handedOver && b.garrison > 0 && b.airDefence !== 'patriot',
    (a, b) =>
      (attackedBases.get(b.site) ?? 0) - (attackedBases.get(a.site) ?? 0) ||
      b.exposure * b.garrison - a.exposure * a.garrison,
  );
  if (defendable && consent >= (specOf(s, 'deploy-air-defence').minConsent ?? 0)) {
    const hit = attackedBases.get(defendable.site) ?? 0;
    add(
      c,
      { type: 'deploy-air-defence', base: defendable.site },
      w(c, 'deploy-air-defence') + idiv(t.defence, 2) + (hit > 0 ? 10 + 3 * Math.min(hit, 5) : 0),
      () => {
        // Say what guards the base now and what the next step would stop, in the model's own odds.
        const site = n.site(defendable.site);
        const a = s.attacks;
        const pc = (pm: number) => `${Math.round(pm / 10)}%`;
        const [guard, next] =
          defendable.airDefence === 'none'
            ? ['nothing guards it', `C-RAM guns there would shoot down about ${pc(a.intercept.cram)} of the rockets`]
            : [
                'only C-RAM guns guard it, against rockets alone',
                `Patriots there would also shoot down about ${pc(a.missileIntercept.patriot)} of the missiles`,
              ];
        return `${hit > 0 ? `Rockets keep falling on ${site}` : capitalise(site)}, and ${guard}: ${next}.`;
      },
    );
  }
  let held = 0;
  for (const b of v.us.bases) if (!b.handedOver) held++;
  const handable = firstBest(
    v.us.bases,
    (b) => !b.handedOver && b.handoverTurns === 0 && b.canHandOver && !b.key && b.exposure >= 50,
    (a, b) => (attackedBases.get(b.site) ?? 0) - (attackedBases.get(a.site) ?? 0) || b.exposure - a.exposure,
  );
  if (handable && held > s.victory.iran.tokenBases + 3)
    add(
      c,
      { type: 'hand-over-base', base: handable.site },
      w(c, 'hand-over-base') + t.consolidate + (attackedBases.has(handable.site) ? 10 : 0),
      () =>
        `${capitalise(n.site(handable.site))} is exposed and hard to defend: handing it to Iraqi forces removes a target, though Tehran will call it retreat.`,
    );
  const doubtful = c.provocations.find((p) => !p.answered && p.group !== null && p.confidence < t.minConfidence);
  add(c, { type: 'sanctions' }, w(c, 'sanctions') + (doubtful || forgiven ? idiv(t.retaliation, 3) : 0), () =>
    doubtful
      ? `We cannot be sure who hit ${n.site(doubtful.place)} (“${doubtful.word}”): sanctions on the Quds Force’s money answer without bombing the wrong group.`
      : 'New designations squeeze the money that pays for the rockets.',
  );
  const embassy = v.us.bases.find((b) => !b.canHandOver && !b.key);
  if (!v.us.departureOrdered && embassy && attackedBases.has(embassy.site))
    add(
      c,
      { type: 'ordered-departure' },
      w(c, 'ordered-departure') + idiv(t.defence, 2) + 10,
      () => 'Rockets hit the Green Zone: sending non-essential staff home leaves fewer people in harm’s way.',
    );
  const reinforce = firstBest(
    v.us.bases,
    (b) => !b.handedOver && b.key,
    (a, b) => b.exposure - a.exposure,
  );
  if (reinforce)
    add(
      c,
      { type: 'reinforce', base: reinforce.site },
      w(c, 'reinforce') + (recentKilled > 0 ? idiv(t.escalation, 4) : 0),
      () => `More troops at ${n.site(reinforce.site)} show Tehran we are staying, though Baghdad will not like it.`,
    );
  return c.out;
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

// ---- Iran -------------------------------------------------------------------------------------------------------

type ProxyAttack = 'rocket-attack' | 'lethal-barrage' | 'embassy-attack' | 'economic-attack' | 'convoy-attack';

/** Iran: how an attack is claimed, by the doctrine's taste for deniability and the fronts it has left. */
function claimFor(c: Ctx, best: SeatView['iran']['fronts'][number] | undefined, answering: boolean): string {
  if (c.t.deniability >= 30) {
    if (best && best.deniability - c.s.attribution.claimWear >= c.s.attribution.exposedBelow + 5) return best.id;
    return 'unclaimed';
  }
  return answering && c.top !== undefined && c.top.points >= 4 ? 'open' : 'unclaimed';
}

function claimText(c: Ctx, id: string): string {
  if (id === 'unclaimed') return 'and no one claims them';
  if (id === 'open') return 'and we say openly that it was us';
  return `and ${c.n.front(id)} takes the credit, so no one can prove it was us`;
}

/** Iran: the group that fires: the one just struck (an eye for an eye), else the best armed. */
function shooter(c: Ctx, kind: ProxyAttack, answering: boolean): SeatView['iran']['groups'][number] | undefined {
  const cost = c.s.attacks.profiles[kind].arsenalCost;
  let best: SeatView['iran']['groups'][number] | undefined;
  for (const g of c.v.iran.groups) {
    if (g.arsenal < cost) continue;
    if (answering && g.id === c.top?.group) return g;
    if (!best || g.arsenal > best.arsenal || (g.arsenal === best.arsenal && g.strength > best.strength)) best = g;
  }
  return best;
}

/** Iran: a base to fire at, drawn with weights: exposed and unguarded first; a killer's aim goes to the garrisons. */
function targetBase(
  c: Ctx,
  held: SeatView['us']['bases'],
  lethal: boolean,
): SeatView['us']['bases'][number] | undefined {
  if (held.length === 0) return undefined;
  const weights = held.map((b) => {
    const guard = b.airDefence === 'none' ? 3 : 2;
    const x = b.exposure * guard * (lethal ? 1 + idiv(b.garrison, 200) : 1) - (b.garrison > 0 ? 0 : b.exposure);
    return Math.max(1, x);
  });
  return held[c.dice.weighted(weights)] ?? held[0];
}

/** Iran: why it fires, in words: to answer a blow, to press a weak enemy, or to keep up the pressure. */
function attackWhy(
  c: Ctx,
  weak: { value: number; sign: string | null },
  answering: boolean,
  what: string,
  base: string,
  claimId: string,
): string {
  if (answering && c.top) return `${tell(c, c.top)}: ${what} on ${base} answer in kind, ${claimText(c, claimId)}.`;
  if (weak.sign && c.t.opportunism > 0 && weak.value >= 20)
    return `The Americans look weak (${weak.sign}): ${what} on ${base} press them while they doubt, ${claimText(c, claimId)}.`;
  return `${capitalise(what)} on ${base} remind the Americans they are not safe here, ${claimText(c, claimId)}.`;
}

function iranOptions(c: Ctx): Option[] {
  const { s, v, t, n, top, danger } = c;
  const weak = usWeakness(s, v);
  const deterred = v.us.redLines.some((r) => r.status === 'standing') && v.us.credibility >= 50;
  const answering = top !== undefined && !c.forgive;
  // The live fronts' most deniable (the first of equals) and most worn (the last of equals), as a stable sort by
  // deniability would put them first and last.
  let best: SeatView['iran']['fronts'][number] | undefined;
  let worn: SeatView['iran']['fronts'][number] | undefined;
  for (const f of v.iran.fronts) {
    if (f.retired) continue;
    if (!best || f.deniability > best.deniability) best = f;
    if (!worn || f.deniability <= worn.deniability) worn = f;
  }
  const held = v.us.bases.filter((b) => !b.handedOver);
  const pressure = answering
    ? t.retaliation + 5 * Math.min(top.points, 8)
    : idiv(t.opportunism * weak.value, 100) + t.initiative;

  const rocketGroup = shooter(c, 'rocket-attack', answering);
  const rocketBase = targetBase(c, held, t.lethality >= 50);
  if (rocketGroup && rocketBase) {
    const id = claimFor(c, best, answering);
    add(
      c,
      { type: 'rocket-attack', group: rocketGroup.id, base: rocketBase.site, claim: id },
      w(c, 'rocket-attack') + pressure - 20 * danger - (deterred ? 10 : 0),
      () => attackWhy(c, weak, answering, 'rockets', n.site(rocketBase.site), id),
    );
  }
  const barrageGroup = shooter(c, 'lethal-barrage', answering);
  const barrageBase = targetBase(c, held, true);
  if (barrageGroup && barrageBase) {
    const id = claimFor(c, best, answering);
    add(
      c,
      { type: 'lethal-barrage', group: barrageGroup.id, base: barrageBase.site, claim: id },
      w(c, 'lethal-barrage') +
        t.lethality +
        (answering ? idiv(t.escalation, 2) + 5 * Math.min(top.points, 8) : idiv(t.opportunism * weak.value, 100)) -
        30 * danger -
        (deterred ? 15 : 0) -
        (t.lethality < 30 ? 30 : 0),
      () =>
        `${answering ? `${tell(c, top)}: a` : 'A'} heavy barrage on ${n.site(barrageBase.site)} aims to kill; dead Americans wear down Washington’s will to stay, though it invites a strike (${claimText(c, id).replace(/^and /, '')}).`,
    );
  }
  const embassyGroup = shooter(c, 'embassy-attack', answering);
  if (embassyGroup) {
    const id = claimFor(c, best, answering);
    add(
      c,
      { type: 'embassy-attack', group: embassyGroup.id, claim: id },
      w(c, 'embassy-attack') + idiv(pressure, 2) - 20 * danger - (deterred ? 10 : 0),
      () =>
        `Rockets on the embassy shame Washington where the world is watching, ${claimText(c, id)}; they may hit Iraqi homes.`,
    );
  }
  const economicGroup = shooter(c, 'economic-attack', answering);
  const economicSite = s.iran.economicSites[0];
  if (economicGroup && economicSite) {
    const id = claimFor(c, best, answering);
    add(
      c,
      { type: 'economic-attack', group: economicGroup.id, site: economicSite, claim: id },
      w(c, 'economic-attack') + idiv(t.initiative, 3) - 20 * danger,
      () =>
        `Rockets near the foreign oil companies at ${n.site(economicSite)} scare investors away without killing Americans, ${claimText(c, id)}.`,
    );
  }
  const convoyGroup = shooter(c, 'convoy-attack', answering);
  if (convoyGroup) {
    const id = claimFor(c, best, answering);
    add(
      c,
      { type: 'convoy-attack', group: convoyGroup.id, claim: id },
      w(c, 'convoy-attack') + idiv(t.initiative, 3) + (answering ? idiv(t.retaliation, 3) : 0) - 15 * danger,
      () =>
        'Roadside bombs on supply convoys keep the Coalition off the roads, with little risk of an American strike.',
    );
  }
  // Keeping a front alive.
  const used = v.iran.fronts.length - s.iran.fronts.length;
  if (used < s.iran.frontNamePool.length && (!best || best.deniability < 40 + idiv(t.deniability, 4))) {
    const sponsor = rocketGroup ?? v.iran.groups[0];
    if (sponsor)
      add(
        c,
        { type: 'create-front', group: sponsor.id, retire: worn && worn.deniability < 40 ? worn.id : null },
        w(c, 'create-front') + t.deniability + (!best || best.deniability < s.attribution.exposedBelow + 10 ? 15 : 0),
        () =>
          best
            ? `${n.front(best.id)} is wearing thin (deniability ${best.deniability}): a new name gives our attacks cover again.`
            : 'Every front name we had is burned: a new one gives our attacks cover again.',
      );
  }
  // Missiles from Iran itself: the answer to a leader killed, or to the worst blows.
  const leader = unavengedLeader(v);
  if ((v.iran.missileCapability ?? 0) >= s.attacks.profiles['missile-strike'].arsenalCost && held.length > 0) {
    const base = firstBest(
      held,
      () => true,
      (a, b) => Number(a.airDefence === 'patriot') - Number(b.airDefence === 'patriot') || b.garrison - a.garrison,
    )!;
    const warned = danger > 0 || t.escalation < 70 || v.ladder.rung >= t.caution - 3;
    const cause = leader
      ? `The Americans killed ${n.leader(leader)}`
      : answering
        ? tell(c, top)
        : 'The Americans must learn that Iran itself can reach them';
    add(
      c,
      { type: 'missile-strike', base: base.site, warned },
      w(c, 'missile-strike') + t.escalation + (leader ? 40 : 0) - 25 * danger - (answering || leader ? 0 : 40),
      () =>
        `${cause}: missiles from Iran on ${n.site(base.site)} answer openly, ${warned ? 'with a warning so that no one need die' : 'without warning'}.`,
    );
  }
  add(
    c,
    { type: 'embassy-siege' },
    w(c, 'embassy-siege') + idiv(t.opportunism * weak.value, 200) - 20 * danger,
    () => 'Crowds at the embassy gates humiliate Washington without a shot fired, as at New Year.',
  );
  const forgiven = c.forgive && top ? top : null;
  add(c, { type: 'public-threat' }, w(c, 'public-threat') + (forgiven ? 15 : 0) + (deterred ? 5 : 0), () =>
    forgiven
      ? `We answer it with words this time (${lower(tell(c, forgiven))}): a threat keeps face without a spiral.`
      : 'Threat videos keep the Americans guessing, at little cost.',
  );
  add(
    c,
    { type: 'military-drill' },
    w(c, 'military-drill') + ((v.iran.pmuCohesion ?? 100) < 50 ? 10 : 0) + idiv(t.defence, 4),
    () => 'A drill shows the brigades are ready and binds them together.',
  );
  const outrage = c.provocations.find((p) => p.iraqisKilled > 0 || p.stateInstitution);
  const vp = v.baghdad.evictionPressure;
  add(
    c,
    { type: 'eviction-campaign' },
    w(c, 'eviction-campaign') +
      t.politics +
      Math.min(30, Math.max(0, vp - 35)) +
      (outrage ? 15 : 0) +
      idiv(t.opportunism * weak.value, 200),
    () =>
      outrage
        ? `American bombs at ${n.site(outrage.place)} angered Iraqis: our allies in parliament can turn that anger into a vote to expel them.`
        : vp >= 45
          ? `Parliament is near a vote on expelling the Americans (pressure ${vp}, a vote comes at ${s.baghdad.voteAt}): we push it over.`
          : 'Our allies in parliament keep up the call for foreign troops to leave.',
  );
  const leaked = v.us.plans.some((p) => p.leaked);
  add(
    c,
    { type: 'info-operation' },
    w(c, 'info-operation') + idiv(t.politics, 2) + (v.baghdad.stage === 'designate' ? 10 : 0) + (leaked ? 10 : 0),
    () =>
      leaked
        ? 'The leaked American war plan makes the “US coup” story easy to believe.'
        : v.baghdad.stage === 'designate'
          ? `The “US coup” story paints ${v.baghdad.designate} as America’s man before parliament votes.`
          : 'The “US coup” story turns Iraqis against the Americans.',
  );
  const cohesion = v.iran.pmuCohesion ?? 100;
  const split = v.iran.groups.some((g) => (g.cohesion ?? 100) < 40);
  if (cohesion < 45 || split)
    add(
      c,
      { type: 'envoy' },
      w(c, 'envoy') + 15 + idiv(t.defence, 4),
      () => `The factions are quarrelling (PMU cohesion ${cohesion}): an envoy from Tehran brings them back into line.`,
    );
  const short = firstBest(
    v.iran.groups,
    (g) => g.strength >= 30,
    (a, b) => a.arsenal - b.arsenal,
  );
  if (short && short.arsenal < 35)
    add(
      c,
      { type: 'smuggle-missiles', group: short.id },
      w(c, 'smuggle-missiles') + idiv(t.defence, 2) + (35 - short.arsenal),
      () =>
        `${n.group(short.id)} is short of rockets (arsenal ${short.arsenal}): a shipment across the border refills it, if the Americans do not spot it.`,
    );
  add(
    c,
    { type: 'horizontal-escalation' },
    w(c, 'horizontal-escalation') + (answering && t.escalation >= 70 ? 10 : 0) - 30 * danger,
    () => 'Striking shipping in the Gulf raises the cost for America’s partners without touching Iraq.',
  );
  add(
    c,
    { type: 'iran-swiss-message' },
    w(c, 'iran-swiss-message') + 15 * danger + (c.quiet && v.ladder.rung >= 4 ? t.reconcile : 0) + (forgiven ? 10 : 0),
    () =>
      danger > 0
        ? `The crisis stands at ${n.rung(v.ladder.rung)}: a private word through the Swiss keeps it from war.`
        : 'The Americans held their fire last week: a private word through the Swiss answers calm with calm.',
  );
  const hot = v.iran.groups.some((g) => (g.aggression ?? 0) >= 75);
  add(
    c,
    { type: 'restrain-proxies' },
    w(c, 'restrain-proxies') + 20 * danger + (hot && danger > 0 ? 10 : 0),
    () => `The crisis stands at ${n.rung(v.ladder.rung)}: we hold the groups back before one of them starts a war.`,
  );
  return c.out;
}

// ---- Choosing ---------------------------------------------------------------------------------------------------

/**
 * Every order the doctrine considers now, with its utility and reason. `forgive` is the roll of its forgiveness
 * (a generous tit-for-tat lets some provocations pass). Targets are chosen with `dice`.
 */
export function doctrineOptions(
  scenario: Scenario,
  doctrine: Doctrine,
  view: SeatView,
  dice: Dice,
  forgive: boolean,
): Option[] {
  const c = context(scenario, doctrine, view, dice, forgive);
  return view.seat === 'us' ? usOptions(c) : iranOptions(c);
}

/** What the side can spend this turn, as its view shows it. */
export const budgetIn = (view: SeatView): number =>
  view.seat === 'us' ? (view.us.politicalCapital ?? 0) : (view.iran.resources ?? 0);

/**
 * The options worth something, the best first, those of equal worth in the order given: a stable sort, by insertion
 * (a doctrine has a score of options, and the models decide in every turn of every playout).
 */
function byUtility(options: readonly Option[]): Option[] {
  const pool: Option[] = [];
  for (const o of options) {
    if (o.utility <= 0) continue;
    let i = pool.length;
    pool.push(o);
    for (; i > 0 && pool[i - 1]!.utility < o.utility; i--) pool[i] = pool[i - 1]!;
    pool[i] = o;
  }
  return pool;
}

/**
 * Picks up to the scenario's number of orders from the options: the best first, varied among those within `spread`
 * of it (weighted by how close they are), one of each type, within the budget and legal.
 */
export function choose(
  scenario: Scenario,
  options: Option[],
  budget: number,
  spread: number,
  dice: Dice,
  legal: LegalCheck,
  explain = true,
): Decision {
  const pool = byUtility(options);
  const costs = pool.map((o) => specOf(scenario, o.order.type).cost);
  // An option's legality cannot change while choosing (it is checked alone): asked once, on the first pick that
  // reaches it.
  const legality: (boolean | undefined)[] = [];
  const orders: Order[] = [];
  const reasons: string[] = [];
  const near: number[] = []; // indices into pool
  let left = budget;
  while (orders.length < scenario.ordersPerTurn) {
    // The options within `spread` of the best one still open; legality is checked only for those (it is the slow part).
    near.length = 0;
    let floor = 0;
    for (let i = 0; i < pool.length; i++) {
      const o = pool[i]!;
      if (near.length > 0 && o.utility < floor) break;
      if (costs[i]! > left || hasType(orders, o.order.type)) continue;
      let isLegal = legality[i];
      if (isLegal === undefined) {
        isLegal = legal(o.order);
        legality[i] = isLegal;
      }
      if (!isLegal) continue;
      if (near.length === 0) floor = o.utility - spread;
      near.push(i);
    }
    const first = near[0];
    if (first === undefined) break;
    const at = near[dice.weighted(near.map((i) => pool[i]!.utility - floor + 1))] ?? first;
    const pick = pool[at]!;
    orders.push(pick.order);
    if (explain) reasons.push(pick.why());
    left -= costs[at]!;
  }
  return { orders, reasons };
}

/** Whether the orders hold one of this type (a loop, not a closure made for every option of every pick). */
function hasType(orders: readonly Order[], type: OrderType): boolean {
  for (const o of orders) if (o.type === type) return true;
  return false;
}

/**
 * A doctrine's decision for a view. `legal` says whether one order is legal now (the caller knows how to check);
 * `explain: false` leaves the reasons out (the strategist's playouts need only the orders).
 */
export function decideDoctrine(
  scenario: Scenario,
  doctrine: Doctrine,
  view: SeatView,
  dice: Dice,
  legal: LegalCheck,
  explain = true,
): Decision {
  if (view.outcome || !isSide(view.seat)) return { orders: [], reasons: [] };
  const forgive = dice.chance(doctrine.traits.forgiveness);
  const options = doctrineOptions(scenario, doctrine, view, dice, forgive);
  const decision = choose(scenario, options, budgetIn(view), doctrine.spread, dice, legal, explain);
  if (decision.orders.length === 0 && view.seat === 'us' && legal({ type: 'hold' }))
    return {
      orders: [{ type: 'hold' }],
      reasons: ['Nothing we can afford would help this week: we hold and save capital.'],
    };
  if (decision.orders.length === 0) return { orders: [], reasons: [] };
  return decision;
}

/** The side of a seat that gives orders; the facilitator gives none. */
export function sideOf(view: SeatView): Side {
  if (!isSide(view.seat)) throw new Error('only a side gives orders');
  return view.seat;
}
