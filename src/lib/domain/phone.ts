import { parsePhoneNumber } from 'awesome-phonenumber';

// Phone numbers are kept as digits (for matching one senior across classes); staff read them
// aloud, so they are shown grouped as in Japan: 024-535-1111, 090-1234-5678. The grouping
// depends on the area code's length, which libphonenumber knows.

/** A Japanese number as it is written, or the text as it was if it is not one. */
export function formatPhone(phone: string | null | undefined): string {
	if (!phone) return '';
	const parsed = parsePhoneNumber(phone, { regionCode: 'JP' });
	return parsed.valid ? (parsed.number?.national ?? phone) : phone;
}

/** The number for a tel: link. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;
