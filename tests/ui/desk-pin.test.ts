import { describe, expect, it } from 'vitest';
import { shippedScenario } from '../shipped.ts';
import { makePin, pinMatches, pinProblem } from '../../src/ui/desk-pin.ts';
import { Session } from '../../src/ui/session.ts';

const scenario = shippedScenario('two-boxers');

describe('the one-device desk PIN', () => {
  it('takes 4 to 8 digits and nothing else', () => {
    for (const good of ['1234', '12345678', ' 2468 ']) expect(pinProblem(good), good).toBeNull();
    for (const bad of ['', '123', '123456789', '12a4', '12 34', '١٢٣٤'])
      expect(pinProblem(bad), bad).toContain('4 to 8 digits');
  });

  it('keeps a salted hash that matches the PIN and nothing else; two games never share a hash', async () => {
    const a = await makePin('2468');
    const b = await makePin('2468');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('2468');
    expect(await pinMatches(a, '2468')).toBe(true);
    expect(await pinMatches(a, ' 2468')).toBe(true);
    for (const wrong of ['2469', '246', '24680', '']) expect(await pinMatches(a, wrong), wrong).toBe(false);
    expect(await pinMatches(b, '2468')).toBe(true);
  });

  it('travels in the save, is refused when malformed, and stays out of share links', async () => {
    const deskPin = await makePin('1357');
    const created = Session.create(scenario, {
      scenarioId: scenario.id,
      seed: 'pin-1',
      preset: 'short',
      side: 'us',
      opponent: 'hotseat',
      classroom: true,
      deskPin,
    });
    if (!created.ok) throw new Error(created.errors[0]?.message);
    const save = JSON.parse(JSON.stringify(created.value.toSave('2026-01-01T00:00:00Z')));
    const loaded = Session.fromSave([scenario], save);
    expect(loaded.ok && loaded.value.settings.deskPin).toEqual(deskPin);
    const forged = { ...save, settings: { ...save.settings, deskPin: { salt: 'x', hash: 'y' } } };
    expect(Session.fromSave([scenario], forged).ok).toBe(false);
    const shared = Session.fromShareCode([scenario], created.value.toShareCode());
    expect(shared.ok && shared.value.settings).toMatchObject({ classroom: true, seed: 'pin-1' });
    expect(shared.ok && 'deskPin' in shared.value.settings).toBe(false);
  });
});
