import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// Argon2id with OWASP's first recommended setting: 19 MiB, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Verified against when an account does not exist, so a wrong e-mail costs the same time.
let decoy: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<false> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(await decoy, password);
	return false;
}

/** A readable one-time password: no 0/O, 1/l/I. */
export function generatePassword(length = 16): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
