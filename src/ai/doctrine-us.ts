import { type Scenario, type SeatView, specOf } from '../engine/index.ts';
import { add, appraise, type Ctx, firstBest, idiv, lower, type Option, tell } from './doctrine-context.ts';
import { capitalise, count } from './words.ts';

/** The US's options for a doctrine: answering attacks, striking first, calming things down, Baghdad and the bases. */

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

export function usOptions(c: Ctx): Option[] {
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
        c.weights['strike-site'] +
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
        c.weights['strike-site'] + t.initiative - 25 * danger + strikeCost(c, site.stateInstitution),
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
      c.weights.campaign +
        t.escalation +
        10 * (repeated - 1) +
        5 * recentKilled -
        25 * danger +
        2 * strikeCost(c, false),
      () =>
        `${
          repeated >= 2
            ? `${n.group(target)} has hit us in ${count(repeated, 'recent week')}`
            : `Attacks lately have killed ${count(recentKilled, 'American')}, and ${n.group(target)} is the group we blame most`
        }: a campaign wears down its fighters and rockets, though the plan may leak and Baghdad will object.`,
    );
  const leaderOf = top?.group;
  if (top && leaderOf && top.usKilled >= 2 && t.escalation >= 50 && !c.forgive)
    add(
      c,
      { type: 'leadership-strike', group: leaderOf },
      c.weights['leadership-strike'] + t.escalation - 30 - 30 * danger,
      () =>
        `${tell(c, top)}: striking ${n.leader(leaderOf)} shows the price of killing Americans, though Iran may answer directly.`,
    );
  if (!redLineStanding)
    add(
      c,
      { type: 'red-line' },
      c.weights['red-line'] + (recentKilled > 0 ? 10 : 0),
      () =>
        'A public red line tells Tehran that killing Americans or breaking into the embassy will be answered: it works only if we keep our word.',
    );
  // Calming things down.
  const forgiven = c.forgive && top ? top : null;
  add(
    c,
    { type: 'us-swiss-message' },
    c.weights['us-swiss-message'] +
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
    c.weights.hold + 2 + ((v.us.politicalCapital ?? 0) < 8 ? 10 : 0),
    () => 'Nothing calls for action this week: we save political capital for when it does.',
  );
  add(
    c,
    { type: 'counter-isis' },
    c.weights['counter-isis'] + idiv(t.politics, 2) + 2 * Math.max(0, v.isis - 25),
    () => `ISIS stands at ${v.isis}: operations with Iraqi forces keep it down and remind Baghdad why we are here.`,
  );
  const expiring = v.baghdad.waiverTurns <= 1;
  add(
    c,
    { type: 'waiver-extend' },
    c.weights['waiver-extend'] + (expiring ? 20 + idiv(t.politics, 2) : 0) - (v.us.credibility < 53 ? 15 : 0),
    () =>
      expiring
        ? `The electricity waiver runs out ${v.baghdad.waiverTurns === 0 ? 'now' : 'next week'}: Iraq needs the power, and a lapse costs us Baghdad's goodwill.`
        : `Baghdad is turning against us (consent ${consent}, eviction pressure ${v.baghdad.evictionPressure}): more time on the electricity waiver buys goodwill, though hawks at home will call it soft.`,
  );
  add(
    c,
    { type: 'waiver-shorten' },
    c.weights['waiver-shorten'],
    () => 'A shorter electricity waiver cuts Tehran’s income, whatever it costs us in Baghdad.',
  );
  if (v.baghdad.stage === 'designate' && v.baghdad.designateSupport < 60)
    add(
      c,
      { type: 'back-designate' },
      c.weights['back-designate'] + idiv(t.politics, 3) + (v.baghdad.designateTurns <= 2 ? 5 : 0),
      () => `${v.baghdad.designate} needs votes to form a government that works with us: our public backing may help.`,
    );
  const unsure = c.provocations.find((p) => p.kind !== 'missile-strike' && p.confidence < 600);
  if ((v.us.isr ?? 5) < 4)
    add(c, { type: 'surge-isr' }, c.weights['surge-isr'] + idiv(t.defence, 2) + (unsure ? 15 : 0), () =>
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
      c.weights['publish-evidence'] + idiv(t.defence, 2) + (claimed ? 10 : 0),
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
      c.weights['deploy-air-defence'] + idiv(t.defence, 2) + (hit > 0 ? 10 + 3 * Math.min(hit, 5) : 0),
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
        return `${capitalise(site)}${hit > 0 ? ' has come under fire lately' : ''}, and ${guard}: ${next}.`;
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
      c.weights['hand-over-base'] + t.consolidate + (attackedBases.has(handable.site) ? 10 : 0),
      () =>
        `${capitalise(n.site(handable.site))} is exposed and hard to defend: handing it to Iraqi forces removes a target, though Tehran will call it retreat.`,
    );
  const doubtful = c.provocations.find((p) => !p.answered && p.group !== null && p.confidence < t.minConfidence);
  add(c, { type: 'sanctions' }, c.weights.sanctions + (doubtful || forgiven ? idiv(t.retaliation, 3) : 0), () =>
    doubtful
      ? `We cannot be sure who hit ${n.site(doubtful.place)} (“${doubtful.word}”): sanctions on the Quds Force’s money answer without bombing the wrong group.`
      : 'New designations squeeze the money that pays for the rockets.',
  );
  const embassy = v.us.bases.find((b) => !b.canHandOver && !b.key);
  if (!v.us.departureOrdered && embassy && attackedBases.has(embassy.site))
    add(
      c,
      { type: 'ordered-departure' },
      c.weights['ordered-departure'] + idiv(t.defence, 2) + 10,
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
      c.weights.reinforce + (recentKilled > 0 ? idiv(t.escalation, 4) : 0),
      () => `More troops at ${n.site(reinforce.site)} show Tehran we are staying, though Baghdad will not like it.`,
    );
  return c.out;
}
