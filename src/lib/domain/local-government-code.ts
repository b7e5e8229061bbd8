/**
 * 全国地方公共団体コード: five digits and a check digit. Weights 6,5,4,3,2 on the first
 * five digits; r = sum mod 11; check = (11 - r) mod 10.
 */
export function isValidLocalGovernmentCode(code: string): boolean {
	if (!/^[0-9]{6}$/.test(code)) return false;
	const digits = [...code].map(Number);
	const sum = [6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * digits[i]!, 0);
	return (11 - (sum % 11)) % 10 === digits[5];
}
