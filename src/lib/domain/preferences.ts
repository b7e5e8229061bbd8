import { languages, type Language } from '../messages/index.ts';

export const textSizes = ['standard', 'large', 'xlarge'] as const;
export const contrasts = ['normal', 'high'] as const;

export interface Preferences {
	textSize: (typeof textSizes)[number];
	contrast: (typeof contrasts)[number];
	lang: Language;
}

export const defaultPreferences: Preferences = { textSize: 'standard', contrast: 'normal', lang: 'ja' };

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T =>
	allowed.includes(value as T) ? (value as T) : fallback;

/** Reads preferences from cookie values, ignoring anything unexpected. */
export function parsePreferences(read: (name: string) => string | undefined): Preferences {
	return {
		textSize: oneOf(textSizes, read('text_size'), defaultPreferences.textSize),
		contrast: oneOf(contrasts, read('contrast'), defaultPreferences.contrast),
		lang: oneOf(languages, read('lang'), defaultPreferences.lang)
	};
}
