import { frontName, groupName, type Order, type Scenario, type Side, siteName } from '../engine/index.ts';
import { KEY_BASE_MARK } from './words.ts';

/** Words for the fields of an order, as the order builder labels its menus. */
export const FIELD_LABELS: Record<string, string> = {
  group: 'Group',
  base: 'Target',
  site: 'Target site',
  claim: 'Claimed by',
  front: 'Front group',
  retire: 'Retire an old front',
  warned: 'Warn Baghdad first',
};

/** How a value of an order field reads in a menu. */
export function valueLabel(scenario: Scenario, field: string, value: unknown): string {
  if (field === 'warned') return value ? 'Yes: warn (far fewer deaths, less anger)' : 'No warning';
  if (field === 'retire')
    return value === null ? 'None: add a new name' : `Retire ${frontName(scenario, String(value))}`;
  if (field === 'claim') {
    if (value === 'open') return 'The group itself, openly';
    if (value === 'unclaimed') return 'Nobody: leave it unclaimed';
    return frontName(scenario, String(value));
  }
  if (field === 'group') return groupName(scenario, String(value));
  if (field === 'front') return frontName(scenario, String(value));
  if (field === 'base') {
    const key = scenario.us.bases.some((b) => b.site === value && b.key);
    return `${siteName(scenario, String(value))}${key ? KEY_BASE_MARK : ''}`;
  }
  if (field === 'site') return siteName(scenario, String(value));
  return String(value);
}

/** The fields of an order besides its type, in a stable order for the builder. */
export function orderFields(order: Order): string[] {
  return Object.keys(order).filter((k) => k !== 'type');
}

export const sideName = (scenario: Scenario, side: Side): string => scenario.sides[side].name;

/** "1.5k" for 1500: compact troop numbers for the map and the intel tables. */
export const compact = (n: number): string =>
  n >= 1000 ? `${(n / 1000).toFixed(n % 1000 === 0 ? 0 : 1)}k` : String(n);
