/**
 * The order types of each side: a leaf that imports nothing, so scenario.ts (whose schema names them) and orders.ts
 * (whose schema gives their fields) both read it without importing each other.
 */

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

const US_SET: ReadonlySet<string> = new Set(US_ORDER_TYPES);

/** Which side an order type belongs to. */
export const sideOfOrder = (type: OrderType): 'us' | 'iran' => (US_SET.has(type) ? 'us' : 'iran');
