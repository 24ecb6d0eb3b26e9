import { z } from 'zod';
import { hashValue } from './hash.ts';
import { type EngineError, failMany, jsonPath, ok, type Result } from './result.ts';

/**
 * The one schema of a scenario. It gives the TypeScript types (z.infer), the runtime validation (errors name the
 * JSON path) and, through scripts/gen-schema.ts, scenarios/scenario.schema.json for editors.
 * Every tunable number of the game lives here; the rules in code only read them.
 */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id like "ain-al-asad"');
const text = z.string().min(1);
const int = (lo: number, hi: number) => z.int().min(lo).max(hi);
const pct = int(0, 100).describe('a percentage, 0-100');
const perMille = int(0, 1000).describe('a chance in per-mille, 0-1000');
const delta = int(-100, 100);
const range = z
  .tuple([int(0, 100), int(0, 100)])
  .refine(([lo, hi]) => lo <= hi, 'a [min, max] pair with min <= max')
  .describe('[min, max], inclusive');

export const US_ORDER_TYPES = [
  'strike-site',
  'campaign',
  'leadership-strike',
  'hand-over-base',
  'deploy-air-defence',
  'surge-isr',
  'publish-evidence',
  'red-line',
  'us-swiss-message',
  'sanctions',
  'waiver-shorten',
  'waiver-extend',
  'back-designate',
  'counter-isis',
  'ordered-departure',
  'reinforce',
  'hold',
] as const;

export const IRAN_ORDER_TYPES = [
  'rocket-attack',
  'lethal-barrage',
  'embassy-attack',
  'economic-attack',
  'convoy-attack',
  'create-front',
  'missile-strike',
  'embassy-siege',
  'public-threat',
  'military-drill',
  'eviction-campaign',
  'info-operation',
  'envoy',
  'smuggle-missiles',
  'horizontal-escalation',
  'iran-swiss-message',
  'restrain-proxies',
] as const;

export const ORDER_TYPES = [...US_ORDER_TYPES, ...IRAN_ORDER_TYPES] as const;
export type UsOrderType = (typeof US_ORDER_TYPES)[number];
export type IranOrderType = (typeof IRAN_ORDER_TYPES)[number];
export type OrderType = (typeof ORDER_TYPES)[number];

export const SEVERITIES = ['de-escalation', 'status-quo', 'posturing', 'non-violent', 'violent'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ATTACK_KINDS = [
  'rocket-attack',
  'lethal-barrage',
  'embassy-attack',
  'economic-attack',
  'convoy-attack',
  'missile-strike',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export const AIR_DEFENCE = ['none', 'cram', 'patriot'] as const;
export type AirDefence = (typeof AIR_DEFENCE)[number];

/** Deltas an order (or an event card) applies when it takes effect. Every key is optional; unknown keys are errors. */
const effectsSchema = z
  .strictObject({
    consent: delta.optional().describe("Baghdad's consent to the US presence"),
    evictionPressure: delta.optional().describe('pressure in parliament to evict the US'),
    usResolve: delta.optional().describe('US domestic resolve'),
    credibility: delta.optional().describe('US credibility'),
    politicalCapital: delta.optional().describe('US political capital'),
    isr: int(-5, 5).optional().describe('US ISR level (0-5)'),
    counterIsis: delta.optional().describe('US counter-ISIS effort'),
    isis: delta.optional().describe('ISIS strength'),
    iranResources: delta.optional().describe("Iran's resources"),
    iranIncome: int(-20, 20).optional().describe("Iran's resources gained each turn"),
    pmuCohesion: delta.optional().describe('PMU cohesion'),
    missileCapability: delta.optional().describe('IRGC missile capability'),
    groupArsenal: delta.optional().describe("the target group's arsenal"),
    groupStrength: delta.optional().describe("the target group's strength"),
    groupCohesion: delta.optional().describe("the target group's cohesion"),
    groupAggression: delta.optional().describe("the target group's aggression"),
    allAggression: delta.optional().describe('every group’s aggression'),
    allCohesion: delta.optional().describe('every group’s cohesion'),
    frontDeniability: delta.optional().describe("the target front's deniability"),
    baseExposure: delta.optional().describe("the target base's exposure"),
    designateSupport: delta.optional().describe("support for the PM-designate's confirmation"),
    ladder: int(-60, 60).optional().describe('ladder pressure added directly'),
  })
  .describe('Deltas applied when the order or card takes effect');
export type Effects = z.infer<typeof effectsSchema>;

const orderSpecSchema = z.strictObject({
  type: z.enum(ORDER_TYPES).describe('which rule resolves the order'),
  name: text.describe('short label shown on the order button'),
  summary: text.describe('one sentence: what it does and its main risk'),
  cost: int(0, 100).describe('US political capital or Iranian resources spent'),
  severity: z.enum(SEVERITIES).describe("class on Rivera's escalation scale"),
  deniable: z.boolean().describe('whether the act can be disowned (front claims, no claim)'),
  ladder: int(-60, 60).describe('ladder pressure of the act when fully attributed'),
  chance: perMille.optional().describe('base chance that the act succeeds'),
  leakChance: perMille.optional().describe('chance per turn that the plan leaks'),
  duration: int(1, 12).optional().describe('turns the order runs (campaigns)'),
  minConsent: pct.optional().describe("Baghdad's consent needed to give the order"),
  effects: effectsSchema.default({}),
  failEffects: effectsSchema.optional().describe('deltas when the roll fails'),
});
export type OrderSpec = z.infer<typeof orderSpecSchema>;

const siteSchema = z.strictObject({
  id,
  name: text,
  note: z.string().default(''),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  kind: z.enum(['us-base', 'embassy', 'proxy-site', 'economic', 'city', 'foreign']),
});

const baseSchema = z.strictObject({
  site: id.describe('a site of kind us-base or embassy'),
  garrison: int(0, 5000).describe('US and coalition personnel'),
  exposure: pct.describe('how easy it is to hit: size, perimeter, nearby launch sites'),
  airDefence: z.enum(AIR_DEFENCE),
  handedOver: z.boolean(),
  handoverTurns: int(0, 12).default(0).describe('turns left of a handover already under way'),
  canHandOver: z.boolean().describe('false for the embassy and the consolidation hub'),
  key: z.boolean().describe('part of the US victory condition'),
});

const proxySiteSchema = z.strictObject({
  site: id,
  group: id,
  stateInstitution: z.boolean().describe('a PMU position: striking it angers Baghdad more'),
  civilianRisk: perMille.describe('chance a strike kills Iraqis who are not militia'),
});

const groupSchema = z.strictObject({
  id,
  name: text,
  leader: text,
  note: z.string().default(''),
  strength: pct,
  arsenal: pct,
  cohesion: pct,
  aggression: pct,
});

const frontSchema = z.strictObject({
  id,
  name: text,
  note: z.string().default(''),
  sponsor: id.describe('the group behind the front'),
  deniability: pct,
});

const attackProfileSchema = z.strictObject({
  rockets: range.describe('projectiles launched'),
  arsenalCost: int(0, 100).describe('arsenal (or missile capability) spent'),
  hitPerMille: perMille.describe('chance one projectile hits something that matters, at exposure 100'),
  killPerHit: perMille.describe('chance a hit kills a US service member'),
  woundPerHit: perMille.describe('chance a hit wounds US personnel'),
  iraqiPerHit: perMille.describe('chance a hit kills an Iraqi (forces or contractors)'),
  civilianPerHit: perMille.describe('chance a hit kills an Iraqi civilian'),
});

const blocSchema = z.strictObject({
  id,
  name: text,
  seats: int(0, 329),
  lean: int(-1000, 1000).describe('per-mille lean toward eviction at zero pressure (negative: against)'),
  pressureWeight: int(0, 100).describe('per-mille lean gained per point of eviction pressure'),
});

const rungSchema = z.strictObject({ level: int(0, 14), name: text, description: text });

const wordSchema = z.strictObject({
  upTo: perMille.describe('highest per-mille value this word covers'),
  word: text,
  range: text.describe('the percentages shown beside the word'),
});

const cardConditionSchema = z
  .strictObject({
    turn: int(1, 30).optional(),
    fromTurn: int(1, 30).optional(),
    minPandemic: int(0, 5).optional(),
    minRung: int(0, 14).optional(),
    maxRung: int(0, 14).optional(),
    minIsis: pct.optional(),
    maxConsent: pct.optional(),
    minUsKilled: int(0, 1000).optional(),
    minPartners: int(0, 40).optional(),
    curfew: z.boolean().optional(),
    chance: perMille.optional(),
  })
  .describe('all given conditions must hold; chance is rolled last');

const cardSchema = z.strictObject({
  id,
  title: text,
  text,
  when: cardConditionSchema,
  effects: effectsSchema.default({}),
  partnersLeave: int(0, 10).default(0),
  designate: z
    .enum(['withdraw', 'confirm'])
    .optional()
    .describe('moves government formation: the designate withdraws or is confirmed'),
});

const injectTemplateSchema = z
  .strictObject({
    id,
    title: text.describe('the headline the facilitator starts from, and may rewrite'),
    text: text.describe('the story the facilitator starts from, and may rewrite'),
    variants: z
      .array(
        z.strictObject({
          id,
          label: text.describe('how strong the news is, as the facilitator picks it ("a small protest")'),
          effects: effectsSchema.default({}),
          partnersLeave: int(0, 10).default(0),
        }),
      )
      .min(1)
      .describe('the strengths to pick from: the facilitator writes the words, the data keeps the numbers'),
  })
  .describe('an inject the facilitator writes during play: free words, effects from this list');

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    formatVersion: z.literal(1),
    id,
    name: text,
    summary: text,
    startDate: z.iso.date().describe('first day of turn 1 (YYYY-MM-DD)'),
    turnDays: int(1, 31),
    turns: int(1, 30),
    presets: z.array(z.strictObject({ id, name: text, turns: int(1, 30) })).default([]),
    ordersPerTurn: int(1, 5),
    sides: z.strictObject({
      us: z.strictObject({ name: text, short: text }),
      iran: z.strictObject({ name: text, short: text }),
    }),
    briefing: z.strictObject({ us: text, iran: text }),
    outcomes: z.strictObject({
      us: text,
      iran: text,
      draw: text,
      'shared-loss': text,
      eviction: text,
      token: text,
      resolve: text,
    }),
    notes: z.array(z.strictObject({ topic: text, text, source: z.string() })),
    sites: z.array(siteSchema).min(1),
    us: z.strictObject({
      troops: int(0, 100000),
      politicalCapital: pct,
      capitalPerTurn: int(0, 50),
      resolve: pct,
      credibility: pct,
      isr: int(0, 5),
      baseIsr: int(0, 5).describe('ISR level that surges decay back to'),
      counterIsis: pct,
      hub: id.describe('consolidation hub: troops from handed-over bases go here'),
      bases: z.array(baseSchema).min(1),
      redLineStanding: z.boolean().describe('a public red line already stands at the start'),
      plans: z
        .array(z.strictObject({ group: id, leaked: z.boolean() }))
        .default([])
        .describe('campaign plans drafted before the start'),
    }),
    iran: z.strictObject({
      resources: pct,
      income: int(0, 50),
      missileCapability: pct,
      pmuCohesion: pct,
      groups: z.array(groupSchema).min(1),
      fronts: z.array(frontSchema),
      frontNamePool: z.array(z.strictObject({ name: text, note: z.string().default('') })),
      proxySites: z.array(proxySiteSchema).min(1),
      economicSites: z.array(id),
    }),
    baghdad: z.strictObject({
      consent: pct,
      evictionPressure: pct,
      pressureDecay: int(0, 20).describe('eviction pressure lost each turn'),
      consentDrift: int(0, 10).describe('consent recovers toward its start by this much a turn'),
      voteAt: pct.describe('eviction pressure at which parliament votes'),
      voteCooldown: int(1, 12).describe('turns between votes'),
      seatsToPass: int(1, 329),
      expulsionConsent: pct.describe('a vote that passes with consent at or below this expels the US'),
      voteConsentDrop: delta.describe('consent lost when a vote passes without expelling'),
      blocs: z.array(blocSchema).min(1),
      government: z.strictObject({
        stage: z.enum(['caretaker', 'designate', 'confirmed']),
        designate: text,
        designateTurns: int(0, 12).describe('turns the designate has left to form a government'),
        designateSupport: pct,
        successors: z.array(text),
        confirmChance: perMille.describe('base chance per turn the designate is confirmed'),
        supportWeight: int(0, 100).describe('per-mille added per point of designate support above 50'),
        successorSupport: pct.describe('support a newly named designate starts with'),
        confirmedVoteBonus: int(0, 100).describe('added to the vote threshold once a government is confirmed'),
        confirmedConsent: delta,
      }),
      waiverTurns: int(0, 12).describe('turns left on the electricity waiver'),
      waiverShortenTo: int(0, 12),
      waiverExtendBy: int(0, 12),
      waiverLapseConsent: delta.describe('consent lost each turn the waiver has lapsed'),
      waiverIranIncome: int(0, 20).describe('Iranian income that depends on the waiver'),
    }),
    isis: z.strictObject({
      strength: pct,
      growth: int(0, 20),
      pandemicGrowth: int(0, 10).describe('extra growth per pandemic level'),
      counterIsisDivisor: int(1, 100).describe('counter-ISIS effort points per point of ISIS suppressed'),
      attackAt: pct.describe('strength from which ISIS attacks each turn'),
      attackIraqiKilled: range,
      consentPerAttack: delta.describe('Baghdad wants the Coalition more when ISIS strikes'),
      counterIsisPerBase: int(0, 20).describe('counter-ISIS effort lost per base handed over'),
    }),
    pandemic: z.strictObject({
      schedule: z.array(int(0, 5)).min(1).describe('pandemic level per turn; the last value holds after'),
      curfewFrom: int(0, 5),
      iranDrainPerLevel: int(0, 10),
      partnerLeaveChancePerLevel: perMille,
    }),
    partners: int(0, 40).describe('coalition partners still with troops in Iraq'),
    partnerLeaveCounterIsis: int(0, 20),
    ladder: z.strictObject({
      start: int(0, 14),
      war: int(1, 14).describe('reaching this rung ends the game: everyone loses'),
      rungs: z.array(rungSchema).length(15),
      gates: z.array(int(1, 14)).describe('thresholds that need a stronger push to cross'),
      pressurePerRung: int(1, 200),
      gatePressure: int(1, 400).describe('pressure needed in one turn to cross a gate'),
      maxStep: int(1, 5),
      calmBelow: int(-100, 100).describe('a turn with pressure at or below this is quiet'),
      decayAfterQuiet: int(1, 12).describe('quiet turns in a row before the ladder steps down'),
      firstUsDeath: int(0, 5),
      firstLeaderKilled: int(0, 5),
      firstStateStrike: int(0, 5),
      siegeFloor: int(0, 14).describe('a successful embassy siege lifts the ladder to at least this rung'),
      brokenBefore: z
        .strictObject({ usDeath: z.boolean(), leaderKilled: z.boolean(), stateStrike: z.boolean() })
        .describe('precedents already broken before the start: they jump the ladder no more'),
    }),
    rivera: z
      .strictObject({
        'de-escalation': z.int(),
        'status-quo': z.int(),
        posturing: z.int(),
        'non-violent': z.int(),
        violent: z.int(),
      })
      .describe('escalation score points per severity class (Rivera et al. 2024)'),
    attribution: z.strictObject({
      base: perMille.describe('confidence in the true group for an unclaimed attack, no ISR'),
      perIsr: int(0, 200),
      curfew: int(0, 300),
      frontPenalty: int(0, 20).describe(
        'per-mille of confidence taken off per point of the claiming front’s deniability',
      ),
      openClaim: perMille.describe('confidence when a group claims openly'),
      stateAct: perMille.describe('confidence for a state act (missile strike)'),
      floor: perMille,
      ceiling: perMille,
      words: z.array(wordSchema).min(1),
      claimWear: int(0, 50).describe('deniability a front loses with each claim'),
      exposedBelow: pct.describe('below this deniability the US sees the front’s sponsor'),
      intelRefresh: perMille.describe('chance a week that US intelligence updates its estimate of a group'),
      intelRefreshPerIsr: int(0, 300).describe('added to that chance per ISR level'),
    }),
    attacks: z.strictObject({
      profiles: z.strictObject({
        'rocket-attack': attackProfileSchema,
        'lethal-barrage': attackProfileSchema,
        'embassy-attack': attackProfileSchema,
        'economic-attack': attackProfileSchema,
        'convoy-attack': attackProfileSchema,
        'missile-strike': attackProfileSchema,
      }),
      intercept: z.strictObject({ none: perMille, cram: perMille, patriot: perMille }),
      missileIntercept: z.strictObject({ none: perMille, cram: perMille, patriot: perMille }),
      curfewCaught: perMille.describe('chance a launch team is caught before firing under curfew'),
      warnedFactor: perMille.describe('per-mille of missile casualties left when Iran warns beforehand'),
      woundedPerWound: range,
      ladderPerDeath: int(0, 60).describe('ladder pressure per US death'),
      resolvePerDeath: int(0, 20),
      resolvePerTenWounded: int(0, 20),
      consentPerIraqiDeath: int(0, 10).describe('consent Baghdad gives the US when militias kill Iraqis'),
      autonomyPerAggression: int(0, 20).describe('per-mille chance of an unordered attack per aggression point'),
      autonomyThreshold: pct.describe('aggression below which a group never acts alone'),
      restrainTurns: int(0, 6),
      redLineDeterrence: perMille.describe('per-mille cut to unordered attacks while a red line stands'),
    }),
    strikes: z.strictObject({
      arsenalLoss: range,
      strengthLoss: range,
      proxiesKilled: range,
      iraqiKilled: range,
      consent: delta,
      evictionPressure: delta,
      stateInstitutionConsent: delta,
      stateInstitutionPressure: delta,
      consentPerIraqiKilled: int(0, 20),
      civilianShare: perMille.describe('per-mille of a site’s civilian risk that is also the chance a civilian dies'),
      window: int(1, 6).describe('turns back a strike can answer an attack'),
      wrongTargetConsent: delta,
      lowConfidence: perMille.describe('striking a group the US suspects below this costs more'),
      lowConfidenceConsent: delta,
      campaignEfficiency: perMille.describe('per-mille of a strike each campaign turn delivers'),
      leakedEfficiency: perMille.describe('per-mille left when the target was warned by a leak'),
      leakConsent: delta,
      leakPressure: delta,
      leaderKillChance: perMille,
      leakedLeaderKillChance: perMille,
      leaderKillCohesion: delta,
      leaderKillAggression: delta,
    }),
    redLines: z.strictObject({
      declareCredibility: delta,
      responseWindow: int(1, 6),
      honouredCredibility: delta,
      brokenCredibility: delta,
      brokenResolve: delta,
    }),
    domestic: z.strictObject({
      ladderFatigueFrom: int(0, 14).describe('rung from which US resolve wears down each turn'),
      ladderFatigue: int(0, 10),
      reinforceTroops: int(0, 5000),
      reinforceResolve: delta,
      departureExposure: delta,
      siegeChance: perMille,
      smuggleDetect: perMille.describe('chance US ISR spots a missile shipment, plus per ISR level below'),
      smuggleDetectPerIsr: int(0, 200),
      smuggleArsenal: delta,
      newFrontDeniability: pct,
      evidencePerIsr: int(0, 20).describe('extra deniability an evidence release strips per ISR level'),
      infoOpLeakBonus: int(0, 20).describe('extra eviction pressure the coup story gets from a leaked plan'),
      economicIncome: int(-20, 20).describe('Iranian income lost for a turn after hitting an economic site'),
    }),
    victory: z.strictObject({
      us: z.strictObject({
        minConsent: pct,
        maxIsis: pct,
        minCredibility: pct,
        maxRung: int(0, 14),
      }),
      iran: z.strictObject({
        tokenBases: int(0, 20).describe('the US presence is a token at or below this many bases'),
        resolveBreak: pct.describe('US resolve at or below this breaks: the US leaves'),
        minProxyCapability: pct,
        minDeniability: pct,
      }),
    }),
    scoring: z.strictObject({
      perBase: int(0, 50),
      perConsent: int(0, 10),
      perCredibility: int(0, 10),
      perIsisBelowMax: int(0, 10),
      perUsKilled: int(0, 50),
      perRung: int(0, 50),
      perProxyCapability: int(0, 10),
      perDeniability: int(0, 10),
      perResource: int(0, 10),
      perMissingBase: int(0, 50),
      perConsentLost: int(0, 10),
      win: int(0, 1000),
    }),
    orders: z.array(orderSpecSchema).describe('the complete list of orders for both sides'),
    cards: z.array(cardSchema).default([]).describe('the event deck: dated or conditional injects'),
    injectTemplates: z
      .array(injectTemplateSchema)
      .optional()
      .describe('injects a facilitator can write during a classroom game, with the effects each strength has'),
  })
  .describe('A scenario of the Two Boxers escalation game');

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

const US_SET: ReadonlySet<string> = new Set(US_ORDER_TYPES);

/** Which side an order type belongs to. */
export const sideOfOrder = (type: OrderType): 'us' | 'iran' => (US_SET.has(type) ? 'us' : 'iran');

/** The pandemic level and whether a curfew is in force during a turn: the schedule's last value holds after it. */
export function pandemicOn(s: Scenario, turn: number): { level: number; curfew: boolean } {
  const schedule = s.pandemic.schedule;
  const level = schedule[Math.min(turn - 1, schedule.length - 1)]!;
  return { level, curfew: level >= s.pandemic.curfewFrom };
}

/** Checks the references between parts of a scenario that the shape alone cannot: ids must exist and agree. */
function crossCheck(s: Scenario): EngineError[] {
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
  return errors;
}

/** Validates untrusted scenario JSON: every problem comes back with its JSON path, nothing throws. */
export function parseScenario(input: unknown): Result<Scenario> {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    return failMany(
      parsed.error.issues.map((issue) => ({
        code: `scenario.${issue.code}`,
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    );
  }
  const errors = crossCheck(parsed.data);
  return errors.length > 0 ? failMany(errors) : ok(parsed.data);
}

const hashes = new WeakMap<Scenario, string>();

/**
 * Content hash of a scenario, stored in replays and saves so they are never replayed against other rules. Cached
 * per scenario object: a batch creates thousands of games from one scenario, which is treated as immutable.
 */
export function scenarioHash(s: Scenario): string {
  let h = hashes.get(s);
  if (h === undefined) {
    h = hashValue(s);
    hashes.set(s, h);
  }
  return h;
}

/** The JSON Schema editors use for completion and checking, generated from the same schema as the types. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
