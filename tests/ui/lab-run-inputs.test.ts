import { describe, expect, it } from 'vitest';
import { changedInputs, checkSeeds, describeInputs, nameSome, type RunInputs } from '../../src/ui/lab/run-inputs.ts';

const HIT = 'attacks.profiles.rocket-attack.hitPerMille';
const ran: RunInputs = {
  baseline: 'Two Boxers (bundled)',
  baselineVersion: 1,
  changes: new Map([[HIT, 500]]),
  invalid: new Set(),
  us: 'Measured',
  iran: 'Harasser',
  length: 'full game (12 turns)',
  first: '1',
  last: '5000',
};

describe('which inputs the lab’s results are for', () => {
  const cases: { name: string; now: Partial<RunInputs>; changed: string[] }[] = [
    { name: 'the same inputs: the results are the form’s', now: {}, changed: [] },
    { name: 'the same seeds typed with spaces', now: { first: ' 1 ' }, changed: [] },
    { name: 'a number changed again', now: { changes: new Map([[HIT, 100]]) }, changed: [HIT] },
    { name: 'every change reset', now: { changes: new Map() }, changed: [HIT] },
    { name: 'a field out of its limits', now: { invalid: new Set(['turns']) }, changed: ['turns'] },
    {
      name: 'a number and a player changed (the QA pass’s mid-run edit)',
      now: { changes: new Map([[HIT, 100]]), us: 'Hawk' },
      changed: [HIT, 'the US player'],
    },
    { name: 'the other side’s player', now: { iran: 'Proxy' }, changed: ['the Iranian player'] },
    { name: 'the length', now: { length: 'Classroom (8 turns)' }, changed: ['the length'] },
    { name: 'the seeds', now: { last: '200' }, changed: ['the seeds'] },
    { name: 'another baseline, even with the same name', now: { baselineVersion: 2 }, changed: ['the baseline'] },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(changedInputs(ran, { ...ran, ...c.now })).toEqual(c.changed);
    });

  it('names the inputs in one line: baseline, changes, players, length, seeds', () => {
    expect(describeInputs(ran)).toBe(
      `Two Boxers (bundled) with 1 change: ${HIT} = 500; US Measured against Iran Harasser; full game (12 turns); seeds 1 to 5000.`,
    );
    expect(describeInputs({ ...ran, changes: new Map() })).toContain('with no change (B is A);');
    expect(
      describeInputs({
        ...ran,
        changes: new Map([
          [HIT, 500],
          ['turns', 6],
        ]),
      }),
    ).toContain(`with 2 changes: ${HIT} = 500 and turns = 6;`);
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
    [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
  ])('names some of a list: %j', (names, text) => {
    expect(nameSome(names)).toBe(text);
  });
});

describe('the seeds the lab is asked to play', () => {
  const range = 'Seeds: give a range of whole numbers from 0 to 9,007,199,254,740,991';
  it.each([
    ['a range', '1', '200', { ok: true, first: 1, last: 200 }],
    ['seed 0 and spaces', ' 0 ', '0', { ok: true, first: 0, last: 0 }],
    ['the most at a time', '1', '100000', { ok: true, first: 1, last: 100_000 }],
    ['one past the most', '1', '100001', { ok: false, message: 'Seeds: at most 100,000 at a time.' }],
    ['an empty box', '', '10', { ok: false, message: expect.stringContaining(range) }],
    ['an exponent', '1e18', '1e18', { ok: false, message: expect.stringContaining(range) }],
    ['past 2^53', '9007199254740993', '9007199254740993', { ok: false, message: expect.stringContaining(range) }],
    ['backwards', '10', '1', { ok: false, message: expect.stringContaining(range) }],
  ])('%s', (_, first, last, result) => {
    expect(checkSeeds(first, last, 100_000)).toEqual(result);
  });
});
