import type { Forecast } from './forecast.ts';
import { atBrink, pushToReach } from './ladder.ts';
import { clamp } from './math.ts';
import { capabilityOf } from './outcome.ts';
import { exchangeRunsIntoWar, plural, signedNumber, siteName } from './narrate.ts';
import { specOf } from './orders.ts';
import type { Scenario } from './scenario.ts';
import type { Side } from './state.ts';
import type { SeatView } from './view.ts';

/**
 * What an order would put at stake for the side giving it, from its forecast and the seat's view: one of the side's
 * own loss lines in the scenario's victory rules crossed (war is both sides'), or a base the US must hold handed
 * over. Each line says what the rules do and no more; where the week's other acts decide it, it says "could". Empty
 * when the order risks none: the order forms ask before adding an order that risks one.
 */
export function orderRisks(scenario: Scenario, view: SeatView, side: Side, forecast: Forecast): string[] {
  const out: string[] = [];
  const v = scenario.victory;
  const order = forecast.order;
  const effect = (key: Forecast['effects'][number]['key']) =>
    forecast.effects.filter((e) => e.key === key).reduce((t, e) => t + e.delta, 0);
  const below = (label: string, now: number, delta: number, line: number, what: string) => {
    if (delta < 0 && now >= line && now + delta < line)
      out.push(`${label} would fall from ${now} to ${now + delta} (${signedNumber(delta)}), below ${line}: ${what}.`);
  };
  const rung = view.ladder.rung;
  const push = forecast.ladder + effect('ladder');
  const adds = forecast.ladderWhen === 'always' ? 'adds' : 'adds up to'; // as far as pinned, or if it comes at all
  /** The ladder climbing to `target` this week, with this order's push a part of it. */
  const climb = (target: number, what: string) => {
    const needed = pushToReach(scenario, rung, target);
    if (push > 0 && rung < target && needed !== null)
      out.push(
        `The ladder stands at rung ${rung}. This order ${adds} ${signedNumber(push)} to the week's push, and a push of ${needed} or more from ordered acts carries it to rung ${target}: ${what}.`,
      );
  };
  climb(scenario.ladder.war, 'war, which both sides lose');
  // At the brink an exchange of fire can run into war whatever the week's push (turn/brink.ts).
  const brink = scenario.ladder.brink;
  if (brink.exchangeWar > 0 && atBrink(scenario, rung) && specOf(scenario, order.type).severity === 'violent')
    out.push(
      `The crisis stands at the brink (rung ${rung}). If the other side fires this week too, ${exchangeRunsIntoWar(brink.exchangeWar)}, which both sides lose.`,
    );
  if (side === 'us') {
    if (order.type === 'hand-over-base') {
      const base = view.us.bases.find((b) => b.site === order.base);
      const name = siteName(scenario, order.base);
      if (base?.key) out.push(`${capital(name)} is a key base: the US must hold it to win.`);
      const left = view.us.bases.filter((b) => !b.handedOver && b.site !== order.base).length;
      if (base && !base.handedOver && left <= v.iran.tokenBases)
        out.push(
          `Without ${name} the US would hold ${plural(left, 'base')}: at ${v.iran.tokenBases} or fewer the presence is a token, and Iran wins.`,
        );
    }
    below("Baghdad's consent", view.baghdad.consent, effect('consent'), v.us.minConsent, 'the US needs it to win');
    below('US credibility', view.us.credibility, effect('credibility'), v.us.minCredibility, 'the US needs it to win');
    below('US resolve', view.us.resolve, effect('usResolve'), v.iran.resolveBreak + 1, 'at the break the US leaves');
    const isis = effect('isis');
    if (isis > 0 && view.isis <= v.us.maxIsis && view.isis + isis > v.us.maxIsis)
      out.push(
        `ISIS would rise from ${view.isis} to ${view.isis + isis}, above ${v.us.maxIsis}: the US needs it at ${v.us.maxIsis} or less to win.`,
      );
    if (v.us.maxRung < scenario.ladder.war - 1)
      climb(v.us.maxRung + 1, `the US wins only with the ladder at rung ${v.us.maxRung} or lower at the end`);
  } else {
    // An order that wears down its own group (effects.ts clamps each to 0-100) can leave the proxies below the line.
    const group = 'group' in order ? order.group : null;
    const arsenal = effect('groupArsenal');
    const strength = effect('groupStrength');
    if (group && (arsenal < 0 || strength < 0)) {
      const min = v.iran.minProxyCapability;
      const now = capabilityOf(view.iran.groups);
      const after = capabilityOf(
        view.iran.groups.map((g) =>
          g.id === group
            ? { arsenal: clamp(g.arsenal + arsenal, 0, 100), strength: clamp(g.strength + strength, 0, 100) }
            : g,
        ),
      );
      if (now >= min && after < min)
        out.push(
          `Proxy capability would fall from ${now} to ${after}, below ${min}: if the game runs to its last week, Iran needs ${min} or more to win.`,
        );
    }
    // A claim through a front wears it down (proxy-attacks.ts): Iran's last live front above the line can fall below it.
    const claim = 'claim' in order ? order.claim : null;
    const front = view.iran.fronts.find((f) => f.id === claim && !f.retired);
    if (front) {
      const worn = Math.max(0, front.deniability - scenario.attribution.claimWear);
      const best = Math.max(0, ...view.iran.fronts.filter((f) => !f.retired).map((f) => f.deniability));
      const others = Math.max(
        0,
        ...view.iran.fronts.filter((f) => !f.retired && f !== front).map((f) => f.deniability),
      );
      const min = v.iran.minDeniability;
      if (best >= min && Math.max(worn, others) < min)
        out.push(
          `A claim through ${front.name} wears its deniability from ${front.deniability} to ${worn}, leaving no front at ${min} or more: if the game runs to its last week, Iran needs one to win.`,
        );
    }
  }
  return out;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
