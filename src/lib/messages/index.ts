import { en } from './en.ts';
import { ja, type Messages } from './ja.ts';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];
export type ErrorCode = keyof Messages['errors'];

export const messagesFor = (lang: Language): Messages => (lang === 'en' ? en : ja);

/**
 * The message for an error code, or the generic one for a code we do not know. A throttled
 * sign-in says how long to wait when the form was told (`retryMinutes`).
 */
export function errorMessage(m: Messages, code: string | undefined, retryMinutes?: number): string {
	if (code === 'rate_limited' && retryMinutes) return m.account.rateLimitedFor(retryMinutes);
	return code && code in m.errors ? m.errors[code as ErrorCode] : m.errors.unexpected;
}
