// Obviously fictional seniors: 見本 (sample), 試験 (test), 仮名 (pseudonym) …, with
// 090-0000-xxxx numbers that no one answers.
const surnames = [
	['見本', 'みほん'],
	['試験', 'しけん'],
	['仮名', 'かめい'],
	['架空', 'かくう'],
	['模擬', 'もぎ'],
	['例', 'れい']
] as const;
const givenNames = [
	['太郎', 'たろう'],
	['花子', 'はなこ'],
	['一郎', 'いちろう'],
	['幸子', 'さちこ'],
	['次郎', 'じろう'],
	['和子', 'かずこ'],
	['三郎', 'さぶろう'],
	['節子', 'せつこ']
] as const;
const ageBands = ['65_74', '75_84', '75_84', '85_plus', '65_74', 'under_65'] as const;

export interface DemoPerson {
	full_name: string;
	name_kana: string;
	phone: string;
	age_band: (typeof ageBands)[number];
}

export function demoPerson(n: number): DemoPerson {
	const [surname, surnameKana] = surnames[n % surnames.length]!;
	const [given, givenKana] = givenNames[Math.floor(n / surnames.length) % givenNames.length]!;
	return {
		full_name: `${surname} ${given}`,
		name_kana: `${surnameKana} ${givenKana}`,
		phone: `090-0000-${String(n + 1).padStart(4, '0')}`,
		age_band: ageBands[n % ageBands.length]!
	};
}
