/**
 * Cookies are Secure when the site is reached over HTTPS. SvelteKit's own default marks
 * them Secure everywhere but on localhost, which silently breaks sign-in on a town PC
 * served over the office LAN by plain http. Behind a TLS proxy, set ORIGIN=https://….
 */
export const isSecure = (url: URL) => url.protocol === 'https:';
