import {
  frontName,
  groupName,
  incidentChance,
  type Order,
  type Scenario,
  type Side,
  siteName,
} from '../engine/index.ts';
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

/** The chance of an incident at a rung, as players read it ("10%"), or null below the rungs where they happen. */
export function incidentOdds(s: Scenario, rung: number): string | null {
  const chance = rung >= s.ladder.war ? 0 : incidentChance(s, rung);
  return chance === 0 ? null : `${chance / 10}%`;
}

/** The odds of an incident at a rung and what moves them this week, in words: the base chance, then both sides' part. */
export function incidentWords(s: Scenario, odds: string): string {
  const i = s.ladder.incidents;
  const more =
    i.perHotOrder > 0
      ? `; each violent or posturing order either side gives that week adds ${i.perHotOrder / 10} points`
      : '';
  const less = i.perCalmOrder > 0 ? `; each de-escalating order of either side takes ${i.perCalmOrder / 10} off` : '';
  return `a ${odds} chance a week of climbing a rung (never across a gate)${more}${less}.`;
}
