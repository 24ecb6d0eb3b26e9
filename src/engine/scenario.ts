import { z } from 'zod';
import { hashValue } from './hash.ts';
import { ORDER_TYPES } from './order-types.ts';
import { orderSchema } from './orders.ts';
import { failMany, jsonPath, ok, type Result } from './result.ts';
import { ladderSchema } from './scenario-ladder.ts';
import { checkReferences } from './scenario-references.ts';

export {
  IRAN_ORDER_TYPES,
  type IranOrderType,
  ORDER_TYPES,
  type OrderType,
  sideOfOrder,
  US_ORDER_TYPES,
  type UsOrderType,
} from './order-types.ts';

/**
 * The one schema of a scenario. It gives the TypeScript types (z.infer), the runtime validation (errors name the
 * JSON path) and, through scripts/gen-schema.ts, scenarios/scenario.schema.json for editors.
 * Every tunable number of the game lives here; the rules in code only read them.
 */

/**
 * The most a scenario file may hold, in one place: far above the shipped scenarios (34 orders, 22 sites, 34 notes,
 * a 1,510-character briefing, a 28-character id), so that only a broken or hostile file (100,000 sites, a 10 MB
 * text) meets them, and is refused with the path and the limit before the engine, the AI or the lab spend time and
 * memory on it.
 */
export const SCENARIO_LIMITS = {
  /** Entries in any list: sites, orders, cards, notes, a pandemic schedule. */
  listEntries: 1000,
  /** Characters in any text: a briefing, a note, a card's story. */
  textLength: 20_000,
  /** Characters in an id, and in a name an order refers to. */
  idLength: 200,
} as const;

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

/** What a backtest reads off a seeded game at the end of a marker's turn, each with the sentence the docs show. */
export const MARKER_MEASURES = {
  rung: "the ladder's rung at the end of the turn",
  'peak-rung': "the highest rung of the whole game (the marker's turn only places it in the table)",
  'peak-turn': 'the first turn in which the whole game reached its highest rung',
  consent: "Baghdad's consent at the end of the turn",
  'consent-change': "how far Baghdad's consent moved during the turn (negative: it fell)",
  'eviction-pressure': 'eviction pressure at the end of the turn',
  'vote-passed': 'whether parliament passed an eviction vote during the turn (1) or not (0)',
  expelled: 'whether the US has been expelled by the end of the turn (1) or not (0)',
  'us-killed': 'Americans killed during the turn',
  'us-killed-total': 'Americans killed by the end of the turn',
  'bases-held': 'US bases not handed over at the end of the turn, the embassy included',
  'leaders-killed': 'group leaders killed by the end of the turn',
  'red-lines-honoured': 'crossed red lines the US has answered by the end of the turn',
  credibility: 'US credibility at the end of the turn',
  'us-resolve': 'US resolve at the end of the turn',
  'best-deniability': "the best live front's deniability at the end of the turn",
  partners: 'coalition partners still in Iraq at the end of the turn',
  isis: 'ISIS strength at the end of the turn',
  'ended-early':
    'whether the game has ended early by the end of the turn (1: war, expulsion, token or resolve) or not (0)',
} as const;
export type MarkerMeasure = keyof typeof MARKER_MEASURES;
const MEASURE_IDS = Object.keys(MARKER_MEASURES) as [MarkerMeasure, ...MarkerMeasure[]];

/**
 * Builds the schemas. Called once, on first use: a page that only plays the bundled scenario (checked when the game
 * is built) never pays for building them.
 */
function buildSchemas() {
  const { listEntries, textLength, idLength } = SCENARIO_LIMITS;
  // Grouped by hand: the engine does not depend on the host's locale data.
  const many = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  const length = (input: unknown) => (typeof input === 'string' ? `${many(input.length)} characters` : 'too long');
  const anyText = z
    .string()
    .max(textLength, { error: (issue) => `${length(issue.input)}: a text holds at most ${many(textLength)}` });
  const id = z
    .string()
    .max(idLength, { error: (issue) => `${length(issue.input)}: an id holds at most ${many(idLength)}` })
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id like "ain-al-asad"');
  const text = anyText.min(1);
  const list = <T extends z.core.SomeType>(item: T): z.ZodArray<T> =>
    z.array(item).max(listEntries, {
      error: (issue) =>
        `${Array.isArray(issue.input) ? `${many(issue.input.length)} entries` : 'too many entries'}: a list holds at most ${many(listEntries)}`,
    });
  // The order schema is the players' (src/engine/orders.ts); in a scenario's record its names are ids like any other.
  const recordedOrder = orderSchema.superRefine((order, ctx) => {
    for (const [key, value] of Object.entries(order))
      if (typeof value === 'string' && value.length > idLength)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${length(value)}: a name in an order holds at most ${many(idLength)}`,
        });
  });
  const int = (lo: number, hi: number) => z.int().min(lo).max(hi);
  const pct = int(0, 100).describe('a percentage, 0-100');
  const perMille = int(0, 1000).describe('a chance in per-mille, 0-1000');
  const delta = int(-100, 100);
  const range = z
    .tuple([int(0, 100), int(0, 100)])
    .refine(([lo, hi]) => lo <= hi, 'a [min, max] pair with min <= max')
    .describe('[min, max], inclusive');

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

  const siteSchema = z.strictObject({
    id: id.describe('the id the rest of the scenario uses for this place'),
    name: text.describe('the name shown on the map'),
    note: anyText.default('').describe('a sentence on what happened here, shown with the place'),
    lat: z.number().min(-90).max(90).describe('latitude in decimal degrees, north positive'),
    lon: z.number().min(-180).max(180).describe('longitude in decimal degrees, east positive'),
    kind: z
      .enum(['us-base', 'embassy', 'proxy-site', 'economic', 'city', 'foreign'])
      .describe('what the place is: it decides which orders may name it'),
  });

  const baseSchema = z.strictObject({
    site: id.describe('a site of kind us-base or embassy'),
    garrison: int(0, 5000).describe('US and coalition personnel'),
    exposure: pct.describe('how easy it is to hit: size, perimeter, nearby launch sites'),
    airDefence: z.enum(AIR_DEFENCE).describe('none, C-RAM (stops some rockets) or Patriot (also stops missiles)'),
    handedOver: z.boolean().describe('already handed to Iraqi forces at the start'),
    handoverTurns: int(0, 12).default(0).describe('turns left of a handover already under way'),
    canHandOver: z.boolean().describe('false for the embassy and the consolidation hub'),
    key: z.boolean().describe('part of the US victory condition'),
  });

  const proxySiteSchema = z.strictObject({
    site: id.describe('a site of kind proxy-site'),
    group: id.describe('the group that uses it: a strike there hurts this group'),
    stateInstitution: z.boolean().describe('a PMU position: striking it angers Baghdad more'),
    civilianRisk: perMille.describe('chance a strike kills Iraqis who are not militia'),
  });

  const groupSchema = z.strictObject({
    id: id.describe('the id orders use for the group'),
    name: text.describe('the name shown to players'),
    leader: text.describe('the leader a leadership strike targets (a title will do when the name is unknown)'),
    note: anyText.default('').describe('a sentence on who the group is'),
    strength: pct.describe('fighters and organisation, 0-100'),
    arsenal: pct.describe('rockets and launchers, 0-100: every attack spends some'),
    cohesion: pct.describe('discipline and unity, 0-100'),
    aggression: pct.describe(
      'appetite for attacks, 0-100: above attacks.autonomyThreshold the group may fire unordered',
    ),
  });

  const frontSchema = z.strictObject({
    id: id.describe('the id attack claims use; front-1, front-2… are kept for fronts created in play'),
    name: text.describe('the name the front claims attacks under'),
    note: anyText.default('').describe('a sentence on the front'),
    sponsor: id.describe('the group behind the front'),
    deniability: pct.describe('how believable it is that the front stands alone, 0-100'),
  });

  const attackProfileSchema = z
    .strictObject({
      rockets: range.describe('projectiles launched'),
      arsenalCost: int(0, 100).describe('arsenal (or missile capability) spent'),
      hitPerMille: perMille.describe('chance one projectile hits something that matters, at exposure 100'),
      killPerHit: perMille.describe('chance a hit kills a US service member'),
      woundPerHit: perMille.describe('chance a hit wounds US personnel'),
      iraqiPerHit: perMille.describe('chance a hit kills an Iraqi (forces or contractors)'),
      civilianPerHit: perMille.describe('chance a hit kills an Iraqi civilian'),
    })
    .describe('one kind of attack: projectiles, what it spends, and what each hit does');

  const blocSchema = z.strictObject({
    id: id.describe('the bloc id'),
    name: text.describe('the name shown to players'),
    seats: int(0, 329).describe('seats in the 329-seat parliament'),
    lean: int(-1000, 1000).describe('per-mille lean toward eviction at zero pressure (negative: against)'),
    pressureWeight: int(0, 100).describe('per-mille lean gained per point of eviction pressure'),
  });

  const wordSchema = z.strictObject({
    upTo: perMille.describe('highest per-mille value this word covers'),
    word: text.describe('the expression of likelihood ("likely")'),
    range: text.describe('the percentages shown beside the word'),
  });

  const cardConditionSchema = z
    .strictObject({
      turn: int(1, 30).optional().describe('only in this turn'),
      fromTurn: int(1, 30).optional().describe('not before this turn'),
      minPandemic: int(0, 5).optional().describe('the pandemic level is at least this'),
      minRung: int(0, 14).optional().describe('the ladder is at or above this rung'),
      maxRung: int(0, 14).optional().describe('the ladder is at or below this rung'),
      minIsis: pct.optional().describe('ISIS strength is at least this'),
      maxConsent: pct.optional().describe("Baghdad's consent is at most this"),
      minUsKilled: int(0, 1000).optional().describe('at least this many Americans killed so far'),
      minPartners: int(0, 40).optional().describe('at least this many coalition partners remain'),
      curfew: z.boolean().optional().describe('a curfew is (true) or is not (false) in force'),
      waiverEndsWithin: int(1, 12)
        .optional()
        .describe('the electricity waiver is still running and runs out within this many turns, unless extended'),
      stage: z
        .enum(['caretaker', 'designate', 'confirmed'])
        .optional()
        .describe('government formation is at this stage: caretaker, a PM-designate, or confirmed'),
      maxDesignateSupport: pct.optional().describe("the PM-designate's support is at most this"),
      basesHeld: list(id).optional().describe('the US still holds every one of these bases'),
      chance: perMille.optional().describe('per-mille chance, rolled once the other conditions hold'),
    })
    .describe('all given conditions must hold; chance is rolled last');

  const cardSchema = z.strictObject({
    id: id.describe('the card id; each card fires at most once a game'),
    title: text.describe('the headline'),
    text: text.describe('the story, two or three sentences'),
    when: cardConditionSchema,
    effects: effectsSchema.default({}),
    partnersLeave: int(0, 10).default(0).describe('coalition partners that pull out when the card fires'),
    casualties: z
      .strictObject({
        usKilled: int(0, 100).default(0).describe('Americans killed'),
        usWounded: int(0, 100).default(0).describe('Americans wounded'),
        iraqiForcesKilled: int(0, 100).default(0).describe('Iraqi soldiers, police and contractors killed'),
        civiliansKilled: int(0, 100).default(0).describe('Iraqi civilians killed'),
        proxiesKilled: int(0, 100).default(0).describe('militia fighters killed'),
      })
      .optional()
      .describe('the dead and wounded the story tells of: they count in the totals like any other'),
    designate: z
      .enum(['withdraw', 'confirm'])
      .optional()
      .describe('moves government formation: the designate withdraws or is confirmed'),
  });

  const injectTemplateSchema = z
    .strictObject({
      id: id.describe('the template id'),
      title: text.describe('the headline the facilitator starts from, and may rewrite'),
      text: text.describe('the story the facilitator starts from, and may rewrite'),
      variants: list(
        z.strictObject({
          id: id.describe('the strength id'),
          label: text.describe('how strong the news is, as the facilitator picks it ("a small protest")'),
          effects: effectsSchema.default({}),
          partnersLeave: int(0, 10).default(0).describe('coalition partners that pull out when it is released'),
        }),
      )
        .min(1)
        .describe('the strengths to pick from: the facilitator writes the words, the data keeps the numbers'),
    })
    .describe('an inject the facilitator writes during play: free words, effects from this list');

  const recordedOrderSchema = z
    .strictObject({
      order: recordedOrder.describe(
        'the order as the engine takes it, as in a replay: {"type": "strike-site", "site": "…"}',
      ),
      date: z.iso.date().describe("the day it happened (YYYY-MM-DD), inside the turn's week"),
      note: text.describe('what happened, in a sentence of your own'),
      source: text.describe('where the fact comes from: URLs separated by " ; "'),
    })
    .describe('one thing a side did that week, written as the order that does it in the game');

  const recordTurnSchema = z.strictObject({
    turn: int(1, 30).describe('the turn (week) the orders belong to'),
    us: list(recordedOrderSchema).describe('what the US did that week, as orders: at most ordersPerTurn'),
    iran: list(recordedOrderSchema).describe(
      'what Iran and its allies did that week, as orders: at most ordersPerTurn',
    ),
    omitted: anyText.optional().describe('what else happened that week that the orders leave out, and why'),
  });

  const markerSchema = z.strictObject({
    id: id.describe('the marker id'),
    date: z.iso.date().describe('the real date of the observation (YYYY-MM-DD)'),
    turn: int(1, 30).describe('the turn the date falls in: the model is read at the end of it'),
    label: text.describe('what history shows, in a short phrase'),
    measure: z
      .enum(MEASURE_IDS)
      .describe(`what is read off the model: ${MEASURE_IDS.map((m) => `${m}, ${MARKER_MEASURES[m]}`).join('; ')}`),
    expected: z
      .tuple([z.int(), z.int()])
      .refine(([lo, hi]) => lo <= hi, 'a [min, max] pair with min <= max')
      .describe('[min, max]: the model values that agree with history, inclusive'),
    history: text.describe("history's value in words, printed beside the model's"),
    source: text.describe('where the fact comes from: URLs separated by " ; "'),
  });

  const scenarioSchema = z
    .strictObject({
      $schema: anyText.optional().describe('"./scenario.schema.json": lets editors complete and check the file'),
      formatVersion: z.literal(1).describe('the scenario format: 1'),
      id: id.describe('the scenario id, stored in replays and saves'),
      name: text.describe('the title shown to players'),
      summary: text.describe('a paragraph on the situation, shown on the title screen'),
      startDate: z.iso.date().describe('first day of turn 1 (YYYY-MM-DD)'),
      turnDays: int(1, 31).describe('days per turn (7: a week)'),
      turns: int(1, 30).describe('turns in a full game'),
      presets: list(
        z.strictObject({
          id: id.describe('the preset id, given as --preset or chosen in the menu'),
          name: text.describe('the name shown in the menu'),
          turns: int(1, 30).describe('turns in this shorter game'),
          orderSeconds: int(0, 3600)
            .optional()
            .describe("the classroom timer's default for each team's orders in this game, in seconds (0: none)"),
        }),
      )
        .default([])
        .describe('shorter games, such as a classroom preset'),
      orderSeconds: int(0, 3600)
        .optional()
        .describe("the classroom timer's default for each team's orders in the full game, in seconds (0: none)"),
      ordersPerTurn: int(1, 5).describe('orders each side may give a turn'),
      sides: z
        .strictObject({
          us: z
            .strictObject({ name: text.describe('full name'), short: text.describe('short name for tight places') })
            .describe('the US-led side'),
          iran: z
            .strictObject({ name: text.describe('full name'), short: text.describe('short name for tight places') })
            .describe('the Iranian side'),
        })
        .describe('the names of the two sides'),
      briefing: z
        .strictObject({
          us: text.describe("the US player's briefing"),
          iran: text.describe("Iran's player's briefing"),
        })
        .describe('what each side reads before turn 1'),
      outcomes: z
        .strictObject({
          us: text.describe('the US met its aims'),
          iran: text.describe('Iran met its aims at the last turn'),
          draw: text.describe('neither side met its aims'),
          'shared-loss': text.describe('the ladder reached war'),
          eviction: text.describe('parliament expelled the US'),
          token: text.describe('the US presence shrank to a token'),
          resolve: text.describe('US resolve broke'),
        })
        .describe('the texts shown at the end, by result and by reason'),
      notes: list(
        z.strictObject({
          topic: text.describe('what the note is about'),
          text: text.describe('the fact or the choice made where sources disagree, in your own words'),
          source: anyText.describe('where it comes from: URLs separated by " ; "'),
        }),
      ).describe('sources, and the choices made where they disagree'),
      sites: list(siteSchema).min(1).describe('every place on the map: bases, militia sites, cities'),
      us: z
        .strictObject({
          troops: int(0, 100000).describe('US troops in Iraq at the start'),
          politicalCapital: pct.describe('what US orders spend, at the start'),
          capitalPerTurn: int(0, 50).describe('political capital gained each turn'),
          resolve: pct.describe('the will at home to stay, at the start'),
          credibility: pct.describe('how far US warnings are believed, at the start'),
          isr: int(0, 5).describe('surveillance level at the start, 0-5'),
          baseIsr: int(0, 5).describe('ISR level that surges decay back to'),
          counterIsis: pct.describe('counter-ISIS effort at the start'),
          hub: id.describe('consolidation hub: troops from handed-over bases go here'),
          bases: list(baseSchema).min(1).describe('US bases and the embassy, held or already handed over'),
          redLineStanding: z.boolean().describe('a public red line already stands at the start'),
          plans: list(
            z.strictObject({
              group: id.describe('the group the plan targets'),
              leaked: z.boolean().describe('Iran already knows of it'),
            }),
          )
            .default([])
            .describe('campaign plans drafted before the start'),
        })
        .describe('the US-led Coalition at the start, and what its orders spend'),
      iran: z
        .strictObject({
          resources: pct.describe("what Iran's orders spend, at the start"),
          income: int(0, 50).describe('resources gained each turn, before the pandemic and waiver drains'),
          missileCapability: pct.describe('IRGC ballistic missiles: each missile strike spends some'),
          pmuCohesion: pct.describe('unity of the Popular Mobilization Units, at the start'),
          groups: list(groupSchema).min(1).describe('the armed groups Iran backs'),
          fronts: list(frontSchema).describe('front names already in use at the start'),
          frontNamePool: list(
            z.strictObject({
              name: text.describe('the name'),
              note: anyText.default('').describe('a sentence on the name (say so if it is invented)'),
            }),
          ).describe('names for fronts created in play, used in this order'),
          proxySites: list(proxySiteSchema).min(1).describe('militia sites the US may strike'),
          economicSites: list(id).describe('ids of sites of kind economic that attacks may hit'),
        })
        .describe('Iran and the groups it backs at the start'),
      baghdad: z
        .strictObject({
          consent: pct.describe("Baghdad's consent to the US presence at the start; it drifts back toward this value"),
          evictionPressure: pct.describe('pressure in parliament to evict the US, at the start'),
          pressureDecay: int(0, 20).describe('eviction pressure lost each turn'),
          consentDrift: int(0, 10).describe('consent recovers toward its start by this much a turn'),
          voteAt: pct.describe('eviction pressure at which parliament votes'),
          voteCooldown: int(1, 12).describe('turns between votes'),
          seatsToPass: int(1, 329).describe('votes an eviction vote needs to pass'),
          expulsionConsent: pct.describe('a binding vote that passes with consent at or below this expels the US'),
          bindingFromVote: int(1, 10).describe(
            'the passed vote from which parliament binds the government: earlier ones are demands (January 2020 was the first)',
          ),
          votesPassed: int(0, 10).default(0).describe('eviction votes already passed before the start'),
          voteConsentDrop: delta.describe('consent lost when a vote passes without expelling'),
          blocDissent: perMille.describe(
            "per-mille of a bloc's members whose lean is against its majority that may break ranks in a vote (0: blocs vote as one)",
          ),
          blocs: list(blocSchema).min(1).describe("parliament's blocs"),
          government: z
            .strictObject({
              stage: z
                .enum(['caretaker', 'designate', 'confirmed'])
                .describe('government formation at the start: caretaker, a PM-designate, or confirmed'),
              designate: text.describe('the PM-designate (or the prime minister) at the start'),
              designateTurns: int(0, 12).describe('turns the designate has left to form a government'),
              designateSupport: pct.describe("support for the designate's confirmation, at the start"),
              successors: list(text).describe('who is named, in order, when a designate withdraws'),
              confirmChance: perMille.describe('base chance per turn the designate is confirmed'),
              supportWeight: int(0, 100).describe('per-mille added per point of designate support above 50'),
              successorSupport: pct.describe('support a newly named designate starts with'),
              confirmedVoteBonus: int(0, 100).describe('added to the vote threshold once a government is confirmed'),
              confirmedConsent: delta.describe('consent gained when a government is confirmed'),
            })
            .describe('government formation: a caretaker, a PM-designate, or a confirmed government'),
          waiverTurns: int(0, 12).describe('turns left on the electricity waiver'),
          waiverShortenTo: int(0, 12).describe('turns left on the waiver after the US shortens it'),
          waiverExtendBy: int(0, 12).describe('turns the US adds when it extends the waiver'),
          waiverLapseConsent: delta.describe('consent lost each turn the waiver has lapsed'),
          waiverIranIncome: int(0, 20).describe('Iranian income that depends on the waiver'),
        })
        .describe("Iraq's government and parliament, run by the engine"),
      isis: z
        .strictObject({
          strength: pct.describe('ISIS strength at the start'),
          growth: int(0, 20).describe('strength ISIS gains each turn'),
          pandemicGrowth: int(0, 10).describe('extra growth per pandemic level'),
          counterIsisDivisor: int(1, 100).describe('counter-ISIS effort points per point of ISIS suppressed'),
          attackAt: pct.describe('strength from which ISIS attacks each turn'),
          attackIraqiKilled: range.describe('Iraqi forces killed by an ISIS attack'),
          consentPerAttack: delta.describe('Baghdad wants the Coalition more when ISIS strikes'),
          counterIsisPerBase: int(0, 20).describe('counter-ISIS effort lost per base handed over'),
        })
        .describe('ISIS, run by the engine: it grows unless counter-ISIS work holds it down'),
      pandemic: z
        .strictObject({
          schedule: list(int(0, 5)).min(1).describe('pandemic level per turn; the last value holds after'),
          curfewFrom: int(0, 5).describe('pandemic level from which curfews are in force'),
          iranDrainPerLevel: int(0, 10).describe('Iranian income lost per pandemic level'),
          partnerLeaveChancePerLevel: perMille.describe('per-mille chance per level each turn that a partner leaves'),
        })
        .describe('the pandemic: its level per turn, curfews, and the drain on Iran and the Coalition'),
      partners: int(0, 40).describe('coalition partners still with troops in Iraq'),
      partnerLeaveCounterIsis: int(0, 20).describe('counter-ISIS effort lost per partner that leaves'),
      ladder: ladderSchema({ int, perMille, text, list }),
      rivera: z
        .strictObject({
          'de-escalation': z.int().describe('points per de-escalating order (Rivera: -2)'),
          'status-quo': z.int().describe('points per status-quo order (Rivera: 0)'),
          posturing: z.int().describe('points per posturing order (Rivera: 4)'),
          'non-violent': z.int().describe('points per non-violent escalation (Rivera: 12)'),
          violent: z.int().describe('points per violent escalation (Rivera: 28)'),
        })
        .describe('escalation score points per severity class (Rivera et al. 2024)'),
      attribution: z
        .strictObject({
          base: perMille.describe('confidence in the true group for an unclaimed attack, no ISR'),
          perIsr: int(0, 200).describe('per-mille of confidence added per ISR level'),
          curfew: int(0, 300).describe('per-mille added while a curfew is in force'),
          frontPenalty: int(0, 20).describe(
            'per-mille of confidence taken off per point of the claiming front’s deniability',
          ),
          openClaim: perMille.describe('confidence when a group claims openly'),
          stateAct: perMille.describe('confidence for a state act (missile strike)'),
          floor: perMille.describe('lowest confidence for a deniable act'),
          ceiling: perMille.describe('highest confidence for a deniable act'),
          words: list(wordSchema).min(1).describe('ICD-203 words by band, in increasing order; the last covers 1000'),
          claimWear: int(0, 50).describe('deniability a front loses with each claim'),
          exposedBelow: pct.describe('below this deniability the US sees the front’s sponsor'),
          intelRefresh: perMille.describe('chance a week that US intelligence updates its estimate of a group'),
          intelRefreshPerIsr: int(0, 300).describe('added to that chance per ISR level'),
        })
        .describe('how sure US intelligence is of who fired, and the words it uses'),
      attacks: z
        .strictObject({
          profiles: z
            .strictObject({
              'rocket-attack': attackProfileSchema,
              'lethal-barrage': attackProfileSchema,
              'embassy-attack': attackProfileSchema,
              'economic-attack': attackProfileSchema,
              'convoy-attack': attackProfileSchema,
              'missile-strike': attackProfileSchema,
            })
            .describe('by kind of attack: how many projectiles and what each hit does'),
          intercept: z
            .strictObject({
              none: perMille.describe('with no air defence'),
              cram: perMille.describe('with C-RAM'),
              patriot: perMille.describe('with Patriots'),
            })
            .describe('per-mille chance each rocket is shot down, by air defence'),
          missileIntercept: z
            .strictObject({
              none: perMille.describe('with no air defence'),
              cram: perMille.describe('with C-RAM (no use against missiles)'),
              patriot: perMille.describe('with Patriots'),
            })
            .describe('per-mille chance each ballistic missile is shot down, by air defence'),
          curfewCaught: perMille.describe('chance a launch team is caught before firing under curfew'),
          warnedFactor: perMille.describe('per-mille of missile casualties left when Iran warns beforehand'),
          woundedPerWound: range.describe('US personnel wounded by a wounding hit'),
          ladderPerDeath: int(0, 60).describe('ladder pressure per US death'),
          resolvePerDeath: int(0, 20).describe('US resolve lost per American killed'),
          resolvePerTenWounded: int(0, 20).describe('US resolve lost per ten Americans wounded'),
          consentPerIraqiDeath: int(0, 10).describe('consent Baghdad gives the US when militias kill Iraqis'),
          autonomyPerAggression: int(0, 20).describe(
            "per-mille chance of an unordered attack per point of a group's aggression above its cohesion and the threshold",
          ),
          autonomyThreshold: int(-100, 100).describe(
            "how far a group's aggression must exceed its cohesion before it may fire on its own",
          ),
          pmuCohesionDivisor: int(1, 100).describe(
            "the PMU's cohesion, divided by this, adds to each group's own in holding it back from firing alone",
          ),
          isrDeterrence: perMille.describe('per-mille cut to unordered attacks per point of US surveillance (ISR)'),
          curfewDeterrence: perMille.describe('per-mille cut to unordered attacks while a curfew holds'),
          restrainTurns: int(0, 6).describe('turns an order to restrain the proxies holds them'),
          redLineDeterrence: perMille.describe('per-mille cut to unordered attacks while a red line stands'),
        })
        .describe('how attacks land: projectiles, interceptions, casualties, and groups acting alone'),
      strikes: z
        .strictObject({
          arsenalLoss: range.describe("the struck group's arsenal destroyed"),
          strengthLoss: range.describe("the struck group's strength lost"),
          proxiesKilled: range.describe('militia fighters killed'),
          iraqiKilled: range.describe('Iraqi forces killed when the site turns out to hold people who are not militia'),
          consent: delta.describe('consent change from any US strike'),
          evictionPressure: delta.describe('eviction pressure from any US strike'),
          stateInstitutionConsent: delta.describe('further consent change when the site is a PMU position'),
          stateInstitutionPressure: delta.describe('further eviction pressure when the site is a PMU position'),
          consentPerIraqiKilled: int(0, 20).describe('consent lost per Iraqi the strike kills'),
          civilianShare: perMille.describe(
            'per-mille of a site’s civilian risk that is also the chance a civilian dies',
          ),
          window: int(1, 6).describe('turns back a strike can answer an attack'),
          wrongTargetConsent: delta.describe(
            'further consent change when the struck group had not attacked in the window',
          ),
          lowConfidence: perMille.describe('striking a group the US suspects below this costs more'),
          lowConfidenceConsent: delta.describe('further consent change for a strike on weak intelligence'),
          campaignEfficiency: perMille.describe('per-mille of a strike each campaign turn delivers'),
          leakedEfficiency: perMille.describe('per-mille left when the target was warned by a leak'),
          leakConsent: delta.describe('consent change when a US plan leaks'),
          leakPressure: delta.describe('eviction pressure when a US plan leaks'),
          leaderKillChance: perMille.describe('chance a leadership strike kills its target'),
          leakedLeaderKillChance: perMille.describe('the same chance when the plan leaked first'),
          leaderKillCohesion: delta.describe("the group's cohesion change when its leader is killed"),
          leaderKillAggression: delta.describe("the group's aggression change when its leader is killed"),
        })
        .describe('what US strikes destroy and what they cost in Baghdad'),
      redLines: z
        .strictObject({
          declareCredibility: delta.describe('credibility gained by declaring a red line'),
          responseWindow: int(1, 6).describe('turns the US has to answer a crossed red line'),
          honouredCredibility: delta.describe('credibility gained by answering it'),
          brokenCredibility: delta.describe('credibility change when it goes unanswered'),
          brokenResolve: delta.describe('resolve change when it goes unanswered'),
          unansweredAttack: delta.describe(
            'credibility change for each attack on US forces left unanswered by a strike for the window, red line or not, scaled by the US confidence in its suspect',
          ),
          unansweredDeath: delta.describe('further credibility change for each American it killed'),
          answeredCredibility: delta.describe('credibility change when a US strike answers attacks not yet answered'),
        })
        .describe('public red lines: what declaring, answering and ignoring them do to credibility'),
      domestic: z
        .strictObject({
          ladderFatigueFrom: int(0, 14).describe('rung from which US resolve wears down each turn'),
          ladderFatigue: int(0, 10).describe('resolve lost each turn at or above that rung'),
          reinforceTroops: int(0, 5000).describe('troops a reinforcement adds'),
          reinforceResolve: delta.describe('resolve change from a reinforcement'),
          departureExposure: delta.describe("the embassy's exposure change when staff are ordered out"),
          siegeChance: perMille.describe('chance an embassy siege succeeds'),
          smuggleDetect: perMille.describe('chance US ISR spots a missile shipment, plus per ISR level below'),
          smuggleDetectPerIsr: int(0, 200).describe('added to that chance per ISR level'),
          smuggleArsenal: delta.describe('arsenal a shipment adds to its group'),
          newFrontDeniability: pct.describe('deniability of a front created in play'),
          evidencePerIsr: int(0, 20).describe('extra deniability an evidence release strips per ISR level'),
          infoOpLeakBonus: int(0, 20).describe('extra eviction pressure the coup story gets from a leaked plan'),
          economicIncome: int(-20, 20).describe('Iranian income lost for a turn after hitting an economic site'),
        })
        .describe('smaller rules: fatigue at home, reinforcements, sieges, smuggling, fronts'),
      victory: z
        .strictObject({
          us: z
            .strictObject({
              minConsent: pct.describe("Baghdad's consent at least"),
              maxIsis: pct.describe('ISIS strength at most'),
              minCredibility: pct.describe('credibility at least'),
              maxRung: int(0, 14).describe('the rung at most'),
            })
            .describe('the US wins at the last turn with its key bases held and all of these'),
          iran: z
            .strictObject({
              tokenBases: int(0, 20).describe('the US presence is a token at or below this many bases'),
              resolveBreak: pct.describe('US resolve at or below this breaks: the US leaves'),
              minProxyCapability: pct.describe('proxy capability (mean arsenal and strength) at least'),
              minDeniability: pct.describe("the best live front's deniability at least"),
            })
            .describe(
              'Iran wins by an expulsion, a token US presence or broken US resolve, or at the last turn with these',
            ),
        })
        .describe('what each side needs to win'),
      scoring: z
        .strictObject({
          perBase: int(0, 50).describe('US: per base held'),
          perConsent: int(0, 10).describe("US: per point of Baghdad's consent"),
          perCredibility: int(0, 10).describe('US: per point of credibility'),
          perIsisBelowMax: int(0, 10).describe("US: per point of ISIS strength below the victory's maximum"),
          perUsKilled: int(0, 50).describe('US: lost per American killed'),
          perRung: int(0, 50).describe('both: lost per rung of the final ladder'),
          perProxyCapability: int(0, 10).describe('Iran: per point of proxy capability'),
          perDeniability: int(0, 10).describe("Iran: per point of its best front's deniability"),
          perResource: int(0, 10).describe('Iran: per point of resources left'),
          perMissingBase: int(0, 50).describe('Iran: per US base handed over'),
          perConsentLost: int(0, 10).describe("Iran: per point of Baghdad's consent lost since the start"),
          win: int(0, 1000).describe('the winner: added for the victory'),
        })
        .describe("the score's weights: the debrief shows the breakdown and the AI maximises it"),
      orders: list(orderSpecSchema).describe('the complete list of orders for both sides'),
      cards: list(cardSchema).default([]).describe('the event deck: dated or conditional injects'),
      injectTemplates: list(injectTemplateSchema)
        .optional()
        .describe('injects a facilitator can write during a classroom game, with the effects each strength has'),
      record: list(recordTurnSchema)
        .optional()
        .describe('history scenarios: what each side actually did each week, as orders; npm run backtest replays them'),
      markers: list(markerSchema)
        .optional()
        .describe('history scenarios: dated observations the backtest compares the model with'),
    })
    .describe('A scenario of the Two Boxers escalation game');
  return { effectsSchema, orderSpecSchema, scenarioSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
const schemas = (): Schemas => {
  built ??= buildSchemas();
  return built;
};

/** The zod schema of a whole scenario, for src/engine/scenario-model.ts to split into the model and the rest. */
export const scenarioZodSchema = () => schemas().scenarioSchema;

export type Effects = z.infer<Schemas['effectsSchema']>;
export type OrderSpec = z.infer<Schemas['orderSpecSchema']>;

export type Scenario = z.infer<Schemas['scenarioSchema']>;
export type ScenarioInput = z.input<Schemas['scenarioSchema']>;

/** The pandemic level and whether a curfew is in force during a turn: the schedule's last value holds after it. */
export function pandemicOn(s: Scenario, turn: number): { level: number; curfew: boolean } {
  const schedule = s.pandemic.schedule;
  const level = schedule[Math.min(turn - 1, schedule.length - 1)]!;
  return { level, curfew: level >= s.pandemic.curfewFrom };
}

/** Validates untrusted scenario JSON: every problem comes back with its JSON path, nothing throws. */
export function parseScenario(input: unknown): Result<Scenario> {
  const parsed = schemas().scenarioSchema.safeParse(input);
  if (!parsed.success) {
    return failMany(
      parsed.error.issues.map((issue) => ({
        code: `scenario.${issue.code}`,
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    );
  }
  const errors = checkReferences(parsed.data);
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
  return z.toJSONSchema(schemas().scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
