import { addDays } from './dates.ts';
import { ORDER_TYPES, sideOfOrder } from './order-types.ts';
import type { EngineError } from './result.ts';
import type { Scenario } from './scenario.ts';

/** Checks the references between parts of a scenario that the shape alone cannot: ids must exist and agree. */
export function checkReferences(s: Scenario): EngineError[] {
  const errors: EngineError[] = [];
  const bad = (path: string, message: string) => errors.push({ code: 'scenario.reference', path, message });
  const sites = new Map(s.sites.map((x) => [x.id, x]));
  const dup = (list: { id: string }[], path: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) bad(`${path}[${i}].id`, `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
  };
  dup(s.sites, 'sites');
  dup(s.iran.groups, 'iran.groups');
  dup(s.iran.fronts, 'iran.fronts');
  dup(s.baghdad.blocs, 'baghdad.blocs');
  dup(s.cards, 'cards');
  dup(s.injectTemplates ?? [], 'injectTemplates');
  for (const [i, t] of (s.injectTemplates ?? []).entries()) dup(t.variants, `injectTemplates[${i}].variants`);
  const groups = new Set(s.iran.groups.map((g) => g.id));
  const siteOf = (ref: string, path: string, kinds: string[]) => {
    const site = sites.get(ref);
    if (!site) bad(path, `unknown site "${ref}": expected one of the ids in sites`);
    else if (!kinds.includes(site.kind)) bad(path, `site "${ref}" is a ${site.kind}, expected ${kinds.join(' or ')}`);
  };
  const baseIds = new Set<string>();
  s.us.bases.forEach((b, i) => {
    siteOf(b.site, `us.bases[${i}].site`, ['us-base', 'embassy']);
    if (baseIds.has(b.site)) bad(`us.bases[${i}].site`, `base "${b.site}" is listed twice`);
    baseIds.add(b.site);
  });
  if (!baseIds.has(s.us.hub)) bad('us.hub', `unknown base "${s.us.hub}": expected one of us.bases`);
  if (!s.us.bases.some((b) => sites.get(b.site)?.kind === 'embassy')) bad('us.bases', 'expected an embassy base');
  s.us.plans.forEach((p, i) => {
    if (!groups.has(p.group)) bad(`us.plans[${i}].group`, `unknown group "${p.group}"`);
  });
  s.iran.fronts.forEach((f, i) => {
    if (!groups.has(f.sponsor)) bad(`iran.fronts[${i}].sponsor`, `unknown group "${f.sponsor}"`);
    // Fronts created in play are named front-1, front-2…; a scenario front must not take one of those ids.
    if (/^front-\d+$/.test(f.id)) bad(`iran.fronts[${i}].id`, `"${f.id}" is reserved for fronts created in play`);
  });
  s.iran.proxySites.forEach((p, i) => {
    siteOf(p.site, `iran.proxySites[${i}].site`, ['proxy-site']);
    if (!groups.has(p.group)) bad(`iran.proxySites[${i}].group`, `unknown group "${p.group}"`);
  });
  s.iran.economicSites.forEach((e, i) => {
    siteOf(e, `iran.economicSites[${i}]`, ['economic']);
  });
  const seenOrders = new Set<string>();
  s.orders.forEach((o, i) => {
    if (seenOrders.has(o.type)) bad(`orders[${i}].type`, `order "${o.type}" is listed twice`);
    seenOrders.add(o.type);
  });
  for (const type of ORDER_TYPES) {
    if (!seenOrders.has(type)) bad('orders', `missing order "${type}": every order type needs its entry`);
  }
  s.cards.forEach((c, i) => {
    for (const [k, site] of (c.when.basesHeld ?? []).entries())
      if (!baseIds.has(site))
        bad(`cards[${i}].when.basesHeld[${k}]`, `unknown base "${site}": expected one of us.bases`);
    // A card that moves the government tells of a designate: it must wait for one, or its news contradicts the state.
    if (c.designate !== undefined && c.when.stage !== 'designate')
      bad(`cards[${i}].when.stage`, `expected "designate": the card's designate "${c.designate}" needs a PM-designate`);
  });
  s.ladder.rungs.forEach((r, i) => {
    if (r.level !== i) bad(`ladder.rungs[${i}].level`, `expected level ${i}`);
  });
  if (s.ladder.start >= s.ladder.war) bad('ladder.start', `expected below the war rung ${s.ladder.war}`);
  const words = s.attribution.words;
  words.forEach((w, i) => {
    if (i > 0 && w.upTo <= words[i - 1]!.upTo) bad(`attribution.words[${i}].upTo`, 'expected increasing values');
  });
  if (words.length > 0 && words[words.length - 1]!.upTo !== 1000)
    bad(`attribution.words[${words.length - 1}].upTo`, 'expected the last word to cover up to 1000');
  s.presets.forEach((p, i) => {
    if (p.turns > s.turns) bad(`presets[${i}].turns`, `expected at most the scenario's ${s.turns} turns`);
  });
  if (s.attribution.floor > s.attribution.ceiling) bad('attribution.floor', 'expected floor <= ceiling');
  errors.push(...crossCheckLists(s));
  errors.push(...crossCheckHistory(s));
  return errors;
}

/** The first and last day of a turn, as ISO dates (they compare as strings). */
function turnWeek(s: Scenario, turn: number): [string, string] {
  const first = addDays(s.startDate, (turn - 1) * s.turnDays);
  return [first, addDays(first, s.turnDays - 1)];
}

// The words an attack's claim may hold besides a front's id: a front with one of these ids could never be named.
const CLAIM_KEYWORDS: readonly string[] = ['open', 'unclaimed'];

/**
 * Lists whose entries must each be distinct, and flags that contradict a base's role: a second entry for one proxy
 * site or economic site would double its weight in the draws, two presets of one id could never both be chosen,
 * and the hub and the embassy are where consolidation ends, so neither may be handed over.
 */
function crossCheckLists(s: Scenario): EngineError[] {
  const errors: EngineError[] = [];
  const bad = (path: string, message: string) => errors.push({ code: 'scenario.reference', path, message });
  const once = (values: readonly string[], path: (i: number) => string, what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) bad(path(i), `${what} "${v}" is listed twice`);
      seen.add(v);
    });
  };
  once(
    s.iran.proxySites.map((p) => p.site),
    (i) => `iran.proxySites[${i}].site`,
    'proxy site',
  );
  once(s.iran.economicSites, (i) => `iran.economicSites[${i}]`, 'economic site');
  once(
    s.presets.map((p) => p.id),
    (i) => `presets[${i}].id`,
    'preset',
  );
  s.iran.fronts.forEach((f, i) => {
    if (CLAIM_KEYWORDS.includes(f.id))
      bad(
        `iran.fronts[${i}].id`,
        `"${f.id}" is a claim keyword (${CLAIM_KEYWORDS.join(', ')}): give the front another id`,
      );
  });
  const kindOf = new Map(s.sites.map((x) => [x.id, x.kind]));
  s.us.bases.forEach((b, i) => {
    if (!b.canHandOver) return;
    if (b.site === s.us.hub)
      bad(`us.bases[${i}].canHandOver`, `"${b.site}" is the hub (us.hub): it cannot be handed over`);
    else if (kindOf.get(b.site) === 'embassy')
      bad(`us.bases[${i}].canHandOver`, `"${b.site}" is the embassy: it cannot be handed over`);
  });
  return errors;
}

/**
 * Checks a history scenario's record and markers: turns inside the game, dates inside their week, each order on
 * its own side and naming things the scenario has. Fronts created by the record's own create-front orders are
 * named front-1, front-2… as in play, and may be claimed from the next turn on.
 */
function crossCheckHistory(s: Scenario): EngineError[] {
  const errors: EngineError[] = [];
  const bad = (path: string, message: string) => errors.push({ code: 'scenario.reference', path, message });
  // The turn and the date may sit on different objects: a record's week holds the turn, each of its entries a date.
  const checkTurn = (turn: number, turnPath: string) => {
    if (turn > s.turns) bad(`${turnPath}.turn`, `turn ${turn} is after the scenario's last turn ${s.turns}`);
  };
  const checkDate = (turn: number, date: string, datePath: string) => {
    const [first, last] = turnWeek(s, turn);
    if (date < first || date > last) bad(`${datePath}.date`, `${date} is not in turn ${turn} (${first} to ${last})`);
  };
  const groups = new Set(s.iran.groups.map((g) => g.id));
  const bases = new Set(s.us.bases.map((b) => b.site));
  const proxySites = new Set(s.iran.proxySites.map((p) => p.site));
  const economicSites = new Set(s.iran.economicSites);
  const fronts = new Set(s.iran.fronts.map((f) => f.id));
  let created = 0;
  const seenTurns = new Set<number>();
  const record = [...(s.record ?? []).entries()].sort(([, a], [, b]) => a.turn - b.turn);
  for (const [i, week] of record) {
    const path = `record[${i}]`;
    if (seenTurns.has(week.turn)) bad(`${path}.turn`, `turn ${week.turn} is recorded twice`);
    seenTurns.add(week.turn);
    checkTurn(week.turn, path);
    let createdThisTurn = 0;
    for (const side of ['us', 'iran'] as const) {
      const entries = week[side];
      if (entries.length > s.ordersPerTurn)
        bad(`${path}.${side}`, `${entries.length} orders, but a side gives at most ordersPerTurn (${s.ordersPerTurn})`);
      entries.forEach((entry, j) => {
        const at = `${path}.${side}[${j}]`;
        const o = entry.order;
        checkDate(week.turn, entry.date, at);
        if (sideOfOrder(o.type) !== side)
          bad(`${at}.order.type`, `"${o.type}" is not a${side === 'us' ? ' US' : 'n Iran'} order`);
        const need = (ok: boolean, field: string, message: string) => {
          if (!ok) bad(`${at}.order.${field}`, message);
        };
        const front = (ref: string) =>
          fronts.has(ref) || (/^front-(\d+)$/.test(ref) && Number(ref.slice(6)) <= created);
        if ('group' in o) need(groups.has(o.group), 'group', `unknown group "${o.group}"`);
        if ('base' in o) need(bases.has(o.base), 'base', `unknown base "${o.base}": expected one of us.bases`);
        if (o.type === 'strike-site') need(proxySites.has(o.site), 'site', `"${o.site}" is not a proxy site`);
        if (o.type === 'economic-attack')
          need(economicSites.has(o.site), 'site', `"${o.site}" is not an economic site`);
        if ('claim' in o && o.claim !== 'open' && o.claim !== 'unclaimed')
          need(
            front(o.claim),
            'claim',
            `unknown front "${o.claim}": expected open, unclaimed or a front of an earlier turn`,
          );
        if (o.type === 'publish-evidence') need(front(o.front), 'front', `unknown front "${o.front}"`);
        if (o.type === 'create-front') {
          if (o.retire !== null) need(front(o.retire), 'retire', `unknown front "${o.retire}"`);
          createdThisTurn++;
        }
      });
    }
    created += createdThisTurn;
  }
  if (created > s.iran.frontNamePool.length)
    bad('record', `${created} fronts created but iran.frontNamePool has only ${s.iran.frontNamePool.length} names`);
  const seenMarkers = new Set<string>();
  (s.markers ?? []).forEach((m, i) => {
    if (seenMarkers.has(m.id)) bad(`markers[${i}].id`, `duplicate id "${m.id}"`);
    seenMarkers.add(m.id);
    checkTurn(m.turn, `markers[${i}]`);
    checkDate(m.turn, m.date, `markers[${i}]`);
  });
  return errors;
}
