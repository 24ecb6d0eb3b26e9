import { nextVote, type SeatView } from '../engine/index.ts';
import { add, type Ctx, firstBest, idiv, lower, type Option, tell } from './doctrine-context.ts';
import { unavengedLeader, usWeakness } from './situation.ts';
import { capitalise } from './words.ts';

/** Iran's options for a doctrine: the proxies' attacks and how they are claimed, missiles, politics and restraint. */

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

export function iranOptions(c: Ctx): Option[] {
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
      c.weights['rocket-attack'] + pressure - 20 * danger - (deterred ? 10 : 0),
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
      c.weights['lethal-barrage'] +
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
      c.weights['embassy-attack'] + idiv(pressure, 2) - 20 * danger - (deterred ? 10 : 0),
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
      c.weights['economic-attack'] + idiv(t.initiative, 3) - 20 * danger,
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
      c.weights['convoy-attack'] + idiv(t.initiative, 3) + (answering ? idiv(t.retaliation, 3) : 0) - 15 * danger,
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
        c.weights['create-front'] +
          t.deniability +
          (!best || best.deniability < s.attribution.exposedBelow + 10 ? 15 : 0),
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
      c.weights['missile-strike'] + t.escalation + (leader ? 40 : 0) - 25 * danger - (answering || leader ? 0 : 40),
      () =>
        `${cause}: missiles from Iran on ${n.site(base.site)} answer openly, ${warned ? 'with a warning so that no one need die' : 'without warning'}.`,
    );
  }
  add(
    c,
    { type: 'embassy-siege' },
    c.weights['embassy-siege'] + idiv(t.opportunism * weak.value, 200) - 20 * danger,
    () => 'Crowds at the embassy gates humiliate Washington without a shot fired, as at New Year.',
  );
  const forgiven = c.forgive && top ? top : null;
  add(c, { type: 'public-threat' }, c.weights['public-threat'] + (forgiven ? 15 : 0) + (deterred ? 5 : 0), () =>
    forgiven
      ? `We answer it with words this time (${lower(tell(c, forgiven))}): a threat keeps face without a spiral.`
      : 'Threat videos keep the Americans guessing, at little cost.',
  );
  add(
    c,
    { type: 'military-drill' },
    c.weights['military-drill'] + ((v.iran.pmuCohesion ?? 100) < 50 ? 10 : 0) + idiv(t.defence, 4),
    () => 'A drill shows the brigades are ready and binds them together.',
  );
  const outrage = c.provocations.find((p) => p.iraqisKilled > 0 || p.stateInstitution);
  const vp = v.baghdad.evictionPressure;
  add(
    c,
    { type: 'eviction-campaign' },
    c.weights['eviction-campaign'] +
      t.politics +
      Math.min(30, Math.max(0, vp - 35)) +
      (outrage ? 15 : 0) +
      idiv(t.opportunism * weak.value, 200),
    () => {
      // Read only when the advice is shown, never in a playout's decisions.
      const next = nextVote(s, v.baghdad, v.turn);
      // With no vote left before the end the campaign still pays: the consent it wears down is one of the US's aims.
      if (next.fromTurn > v.lastTurn)
        return `Parliament cannot vote again before the end (not before week ${next.fromTurn}), but the campaign still wears down Baghdad's consent, which the Americans need at ${s.victory.us.minConsent} or more when it ends.`;
      if (outrage)
        return `American bombs at ${n.site(outrage.place)} angered Iraqis: our allies in parliament can turn that anger into a vote to expel them.`;
      return vp >= 45
        ? voteWords(next, v.turn, vp)
        : 'Our allies in parliament keep up the call for foreign troops to leave.';
    },
  );
  const leaked = v.us.plans.some((p) => p.leaked);
  add(
    c,
    { type: 'info-operation' },
    c.weights['info-operation'] + idiv(t.politics, 2) + (v.baghdad.stage === 'designate' ? 10 : 0) + (leaked ? 10 : 0),
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
      c.weights.envoy + 15 + idiv(t.defence, 4),
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
      c.weights['smuggle-missiles'] + idiv(t.defence, 2) + (35 - short.arsenal),
      () =>
        `${n.group(short.id)} is short of rockets (arsenal ${short.arsenal}): a shipment across the border refills it, if the Americans do not spot it.`,
    );
  add(
    c,
    { type: 'horizontal-escalation' },
    c.weights['horizontal-escalation'] + (answering && t.escalation >= 70 ? 10 : 0) - 30 * danger,
    () => 'Striking shipping in the Gulf raises the cost for America’s partners without touching Iraq.',
  );
  add(
    c,
    { type: 'iran-swiss-message' },
    c.weights['iran-swiss-message'] +
      15 * danger +
      (c.quiet && v.ladder.rung >= 4 ? t.reconcile : 0) +
      (forgiven ? 10 : 0),
    () =>
      danger > 0
        ? `The crisis stands at ${n.rung(v.ladder.rung)}: a private word through the Swiss keeps it from war.`
        : 'The Americans held their fire last week: a private word through the Swiss answers calm with calm.',
  );
  const hot = v.iran.groups.some((g) => (g.aggression ?? 0) >= 75);
  add(
    c,
    { type: 'restrain-proxies' },
    c.weights['restrain-proxies'] + 20 * danger + (hot && danger > 0 ? 10 : 0),
    () => `The crisis stands at ${n.rung(v.ladder.rung)}: we hold the groups back before one of them starts a war.`,
  );
  return c.out;
}

/** Parliament near a vote, as the rule has it (nextVote): the bar it must reach, and whether it may vote yet. */
function voteWords(next: { pressure: number; fromTurn: number }, turn: number, pressure: number): string {
  const wait = next.fromTurn > turn ? `, and not before week ${next.fromTurn}` : '';
  return `Parliament is near a vote on expelling the Americans (pressure ${pressure}, a vote comes at ${next.pressure}${wait}): we push it over.`;
}
