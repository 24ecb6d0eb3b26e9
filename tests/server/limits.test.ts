import { describe, expect, it } from 'vitest';
import { AttemptLimiter, addressKey, KnownCodes } from '../../src/server/limits.ts';

describe('the join limits’ parts', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address, by its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['another address of the same /64', '2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['a /64 written short', '2001:db8::5', '2001:db8:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['a link-local address with its zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['no address', '?', '?'],
  ])('%s counts as %s', (_, address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('tells two /64 networks apart', () => {
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });

  it('a known code is known at its address only, until its session ends', () => {
    const known = new KnownCodes();
    known.add('school', 'code-a', 1_000, 0);
    expect(known.has('school', 'code-a', 999)).toBe(true);
    expect(known.has('school', 'code-b', 999)).toBe(false);
    expect(known.has('elsewhere', 'code-a', 999)).toBe(false);
    expect(known.has('school', 'code-a', 1_000)).toBe(false);
  });

  it('an attempt limiter blocks at its limit for what is left of the window', () => {
    const limiter = new AttemptLimiter(2, 60_000);
    limiter.record('a', 0);
    expect(limiter.blockedFor('a', 1_000)).toBe(0);
    limiter.record('a', 10_000);
    expect(limiter.blockedFor('a', 10_000)).toBe(50);
    expect(limiter.blockedFor('b', 10_000)).toBe(0);
    expect(limiter.blockedFor('a', 60_001)).toBe(0);
  });
});
