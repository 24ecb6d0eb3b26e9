import { frontName, groupName, rungName, type Scenario, siteName } from '../engine/index.ts';

/** Small helpers for the reasons an AI gives, in words a student reads without a glossary. */

const NUMBERS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** "three", or "14" beyond twelve. */
export const numberWord = (n: number): string => NUMBERS[n] ?? String(n);

/** "three Americans", "one American". */
export const count = (n: number, one: string, many = `${one}s`): string => `${numberWord(n)} ${n === 1 ? one : many}`;

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export interface Names {
  site: (id: string) => string;
  group: (id: string) => string;
  front: (id: string) => string;
  leader: (id: string) => string;
  rung: (level: number) => string;
  weeks: (n: number) => string;
}

const cache = new WeakMap<Scenario, Names>();

/** Display names, as the news feed writes them (built once per scenario: the search asks for them in hot loops). */
export function names(scenario: Scenario): Names {
  let n = cache.get(scenario);
  if (!n) {
    n = build(scenario);
    cache.set(scenario, n);
  }
  return n;
}

function memo(f: (id: string) => string): (id: string) => string {
  const known = new Map<string, string>();
  return (id) => {
    let name = known.get(id);
    if (name === undefined) {
      name = f(id);
      known.set(id, name);
    }
    return name;
  };
}

const build = (scenario: Scenario): Names => ({
  site: memo((id) => siteName(scenario, id)),
  group: memo((id) => groupName(scenario, id)),
  front: memo((id) => frontName(scenario, id)),
  leader: (id: string) => scenario.iran.groups.find((g) => g.id === id)?.leader ?? groupName(scenario, id),
  rung: (level: number) => `rung ${level}, “${rungName(scenario, level)}”`,
  weeks: (n: number) => count(n, scenario.turnDays === 7 ? 'week' : 'turn'),
});
