// Demo-only accounts, listed in the README. Never use them outside a demo.
export const demoPassword = 'tsunagu-demo-2026';

export const demoAccounts = {
	admin: 'admin@demo.tsunagu.example',
	staffFukushima: 'fukushima@demo.tsunagu.example',
	staffAizu: 'aizu@demo.tsunagu.example',
	supporter: 'supporter@demo.tsunagu.example',
	supporter2: 'supporter2@demo.tsunagu.example',
	supporter3: 'supporter3@demo.tsunagu.example'
} as const;

export type DemoAccount = keyof typeof demoAccounts;
