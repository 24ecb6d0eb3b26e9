/**
 * The lab reads no disk: a scenario file loaded in the browser may name only the model the game ships, which the
 * page already holds. Any other name, one that climbs out of a folder included, is refused with the path `model`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScenarioJson, SHIPPED_MODEL } from '../../src/ui/lab/scenario-file.ts';
import { shippedPath, shippedScenario } from '../shipped.ts';

describe('the model a loaded scenario names', () => {
  it.each(['../model.json', '../../../etc/passwd', 'other-model.json'])('"%s" is refused', (model) => {
    const read = readScenarioJson({ id: 'mine', model }, 'mine.json', shippedScenario('two-boxers'));
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.errors).toEqual([
        expect.objectContaining({ path: 'model', message: expect.stringContaining(`"${SHIPPED_MODEL}"`) }),
      ]);
  });

  it('"model.json" is the shipped model, composed with the scenario', () => {
    const json = JSON.parse(readFileSync(shippedPath('red-lines'), 'utf8')) as unknown;
    const read = readScenarioJson(json, 'red-lines.json', shippedScenario('two-boxers'));
    expect(read.ok, read.ok ? '' : JSON.stringify(read.errors)).toBe(true);
    if (read.ok) expect(read.value.id).toBe('red-lines');
  });
});
