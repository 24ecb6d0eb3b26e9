/**
 * The engine's public API. A pure, deterministic function of (scenario, seed, orders): no DOM, no clock, no
 * unseeded randomness; every draw comes from the seeded RNG whose state lives in the game state.
 */
export { attributionConfidence, likelihoodWord } from './attribution.ts';
export { addDays } from './dates.ts';
export { type Audience, type EventOf, type EventType, type GameEvent, viewEvents, visibleTo } from './events.ts';
export { EFFECT_LABELS, type Forecast, forecastOrder, type Odds } from './forecast.ts';
export {
  type CardFacts,
  cardContradiction,
  checkInject,
  checkRulings,
  type FacilitatorRecord,
  type Inject,
  injectSchema,
  injectWords,
  releaseInject,
  type Ruling,
  rulingKey,
  rulingSchema,
} from './facilitator.ts';
export {
  createGame,
  type GameOptions,
  playTurn,
  resolveOrders,
  submitOrders,
  turnsFor,
  withdrawOrders,
} from './game.ts';
export { canonicalJson, hashValue } from './hash.ts';
export { atBrink, incidentChance, pushToReach, rungName } from './ladder.ts';
export {
  BASE_FIELDS,
  type BaseField,
  CASUALTY_KINDS,
  type CasualtyKind,
  type Cause,
  type CauseKind,
  joinLedgers,
  type Ledger,
  type LedgerLine,
  type LedgerPart,
  SCALARS,
  type Scalar,
  sameVariable,
  type Variable,
  viewLedger,
} from './ledger.ts';
export {
  causePhrase,
  figureName,
  figureSummary,
  figureValue,
  ladderSummary,
  ledgerText,
} from './ledger-words.ts';
export {
  aNumber,
  exchangeRunsIntoWar,
  casualtyPhrase,
  describeOrder,
  frontName,
  groupName,
  longDate,
  narrate,
  plural,
  signedNumber,
  siteName,
} from './narrate.ts';
export {
  type Order,
  type OrderFacts,
  type OrderOf,
  isOrderLegal,
  legalOrders,
  orderSchema,
  readOrder,
  specOf,
  validateOrders,
} from './orders.ts';
export {
  aims,
  basesHeld,
  bestDeniability,
  checkOutcome,
  proxyCapability,
  riseHelps,
  STAKES,
  type Stake,
  scoreGame,
} from './outcome.ts';
export {
  ENGINE_VERSION,
  hashState,
  hashWeekStart,
  makeReplay,
  parseReplay,
  REPLAY_FORMAT,
  type Replay,
  recordReplay,
  releaseAll,
  type VerifiedReplay,
  verifyReplay,
} from './replay.ts';
export { type FreezeOptions, type ResolveOptions, resolveTurn, type TurnResult } from './resolve.ts';
export {
  counterIsisEffects,
  economicAttackEffects,
  economicAttackIncome,
  evidenceStrip,
  infoOperationEffects,
  redLineEffects,
  strikePrice,
} from './order-effects.ts';
export { type IranIncome, iranIncomeParts, iranIncomeThisWeek } from './income.ts';
export { orderRisks } from './risks.ts';
export { nextVote } from './vote.ts';
export { type EngineError, fail, failMany, formatErrors, jsonPath, ok, type Result } from './result.ts';
export { Dice, type RngState, reseed, seedRng } from './rng.ts';
export {
  ATTACK_KINDS,
  type AirDefence,
  type AttackKind,
  type Effects,
  IRAN_ORDER_TYPES,
  type MarkerMeasure,
  ORDER_TYPES,
  type OrderSpec,
  type OrderType,
  pandemicOn,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  scenarioHash,
  scenarioJsonSchema,
  US_ORDER_TYPES,
} from './scenario.ts';
export {
  type ComposeNames,
  checkModel,
  composeScenario,
  isModelPath,
  MODEL_FIELD,
  MODEL_FIELDS,
  type ModelFields,
  modelJsonSchema,
  modelNameOf,
  modelOf,
  scenarioFileJsonSchema,
} from './scenario-model.ts';
export * from './state.ts';
export { type AttackView, type SeatView, viewFor } from './view.ts';
