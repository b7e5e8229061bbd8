import { describe, expect, it } from 'vitest';
import { throttleKey } from './throttle-key.ts';

describe('the address a limit counts by', () => {
	it('keeps IPv4, also when the socket reports it IPv4-mapped', () => {
		expect(throttleKey('192.0.2.1')).toBe('192.0.2.1');
		expect(throttleKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
		expect(throttleKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
	});

	it('counts IPv6 by its /64, however it is written', () => {
		const key = '2001:0db8:0001:0002::/64';
		expect(throttleKey('2001:db8:1:2::1')).toBe(key);
		expect(throttleKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(key);
		expect(throttleKey('2001:DB8:1:2:0:0:0:9')).toBe(key);
		expect(throttleKey('2001:db8:1:2::1%eth0')).toBe(key);
		expect(throttleKey('2001:db8:1:3::1')).not.toBe(key);
		expect(throttleKey('::1')).toBe('0000:0000:0000:0000::/64');
		expect(throttleKey('2001:db8::')).toBe('2001:0db8:0000:0000::/64');
		expect(throttleKey('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
	});

	it('leaves anything else as it is', () => {
		expect(throttleKey('unknown')).toBe('unknown');
	});
});
