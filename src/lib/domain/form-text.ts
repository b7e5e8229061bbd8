import { z } from 'zod';

// Text typed into an office form, as the tables keep it: NFKC, trimmed, line breaks as \n.
// Control characters (a tab, an escape) have no place in it, though line breaks in the longer
// notes do; zero-width and bidirectional-override characters hide what was typed; and
// nothing staff write needs a tag: one typed is pasted from elsewhere, or an attack.
const hidden = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const control = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;
const markup = /<[a-zA-Z!/?]/;

export const plainText = (max: number, tooLong: string, { required, lines }: { required?: string; lines?: boolean } = {}) =>
	z
		.string()
		.transform((value) => value.normalize('NFKC').replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().min(required ? 1 : 0, required).max(max, tooLong))
		.refine((v) => !hidden.test(v) && !(lines ? control : /[\p{Cc}]/u).test(v), 'invalid_text')
		.refine((v) => !markup.test(v), 'markup_not_allowed');

/** An id a form sends back (a hidden field): a UUID, in either case, or the refusal `code`. */
export const idField = (code: string) =>
	z
		.string()
		.trim()
		.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, code)
		.transform((v) => v.toLowerCase());
