// Where to send someone back to after signing in or changing the display. The value comes
// from a link or a form, so anyone can write it: only a path that the URL parser resolves
// to this site is accepted, and what is returned is the parser's own, percent-encoded
// form of it, which a Location header can always carry.

const here = 'http://tsunagu.invalid';
const longest = 2048;
// Browsers drop tabs and newlines inside a URL, so `/\t/evil.example` becomes
// `//evil.example`; other control characters cannot go in a header at all.
const controlCharacter = /[\u0000-\u001f\u007f]/;

export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
	if (!value || value.length > longest || !value.startsWith('/') || controlCharacter.test(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, here);
	} catch {
		return fallback;
	}
	if (url.origin !== here) return fallback;
	return url.pathname + url.search + url.hash;
}
