import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';

// Argon2id with OWASP's first recommended setting: 19 MiB, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * NFKC, as NIST SP 800-63B asks: ｱｲｳ and アイウ, or a full-width ｐａｓｓ and pass, are one
 * password, whichever keyboard or phone typed it.
 */
export const normalizePassword = (password: string) => password.normalize('NFKC');

export const hashPassword = (password: string) => hash(normalizePassword(password), options);

async function matches(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * `match`; `legacy` when the hash was made before normalization, from the password exactly
 * as typed then (hash it again, normalized); or `no`.
 */
export async function checkPassword(passwordHash: string, password: string): Promise<'match' | 'legacy' | 'no'> {
	const normalized = normalizePassword(password);
	if (await matches(passwordHash, normalized)) return 'match';
	if (normalized !== password && (await matches(passwordHash, password))) return 'legacy';
	return 'no';
}

// Checked against when an account does not exist, as often as checkPassword would check,
// so a wrong e-mail costs the same time.
let decoy: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<'no'> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	await checkPassword(await decoy, password);
	return 'no';
}

const oneTimeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/** A readable generated password: no 0/O, 1/l/I. */
export const generatePassword = (length = 16) => pick('abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789', length);

/**
 * A one-time password someone reads off a screen or hears on the phone and types on a
 * phone: lower case and digits only, none that look alike, in three groups of four
 * (about 59 bits; it works for 24 hours behind the sign-in throttle).
 */
export function generateOneTimePassword(): string {
	return [pick(oneTimeAlphabet, 4), pick(oneTimeAlphabet, 4), pick(oneTimeAlphabet, 4)].join('-');
}

/**
 * The one-time password a password amounts to when typed in other case, with spaces or
 * without its hyphens; null when it cannot be one.
 */
export function asOneTimePassword(password: string): string | null {
	const bare = password.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');
	return /^[a-z2-9]{12}$/.test(bare) ? `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}` : null;
}
