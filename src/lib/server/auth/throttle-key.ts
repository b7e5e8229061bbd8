import { isIPv6 } from 'node:net';

/**
 * The address a sign-in or sign-up limit counts by. IPv4 as it is (also when the socket
 * reports it IPv4-mapped, `::ffff:192.0.2.1`); IPv6 by its /64, which is one household or
 * one phone, and the least that one attacker holds: counting single IPv6 addresses would
 * give them 2^64 fresh ones.
 */
export function throttleKey(address: string): string {
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
	if (mapped) return mapped[1]!;
	const bare = address.replace(/%.*$/, '');
	if (!isIPv6(bare)) return address;
	return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** Eight groups of four hex digits; an embedded IPv4 tail counts as the last two. */
function expandIPv6(address: string): string[] {
	const [head = '', tail] = address.toLowerCase().split('::');
	const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
	const left = groups(head);
	const right = tail === undefined ? [] : groups(tail);
	const middle = Array<string>(8 - left.length - right.length).fill('0');
	return [...left, ...middle, ...right].map((g) => g.padStart(4, '0'));
}
