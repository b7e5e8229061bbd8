import { en } from './en.ts';
import { ja, type Messages } from './ja.ts';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];
export type ErrorCode = keyof Messages['errors'];

export const messagesFor = (lang: Language): Messages => (lang === 'en' ? en : ja);

/** The message for an error code, or the generic one for a code we do not know. */
export function errorMessage(m: Messages, code: string | undefined): string {
	return code && code in m.errors ? m.errors[code as ErrorCode] : m.errors.unexpected;
}
