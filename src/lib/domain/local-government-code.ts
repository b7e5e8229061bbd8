/**
 * 全国地方公共団体コード: five digits and a check digit. Weights 6,5,4,3,2 on the first
 * five digits; r = sum mod 11; check = (11 - r) mod 10.
 */
export function isValidLocalGovernmentCode(code: string): boolean {
	if (!/^[0-9]{6}$/.test(code)) return false;
	return checkDigit(code.slice(0, 5)) === code.slice(5);
}

/** The check digit of a 5-digit code (the form Japan Post's data uses). */
export function checkDigit(five: string): string {
	const digits = [...five].map(Number);
	const sum = [6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * digits[i]!, 0);
	return String((11 - (sum % 11)) % 10);
}
