import { z } from 'zod';

// Codes, not sentences: the page turns them into messages in the reader's language.
// NFKC turns a full-width address (ａｄｍｉｎ＠ｄｅｍｏ．ｊｐ, typed with the IME on) into the
// half-width one it means, and a full-width space into one that trim() removes.
export const emailField = z
	.string({ error: 'email_required' })
	.transform((email) => email.normalize('NFKC'))
	.pipe(z.string().trim().min(1, 'email_required').max(254, 'email_invalid'))
	.pipe(z.email('email_invalid'))
	.transform((email) => email.toLowerCase());

export const passwordLimits = { min: 10, max: 128 } as const;

// Checked as it will be hashed and compared: in its NFKC form (auth/password.ts).
const newPassword = z
	.string({ error: 'password_required' })
	.transform((password) => password.normalize('NFKC'))
	.pipe(
		z
			.string()
			.min(passwordLimits.min, 'password_too_short')
			.max(passwordLimits.max, 'password_too_long')
			.refine((password) => password.trim().length > 0, 'password_blank')
	);

export const signUpForm = z.object({ email: emailField, password: newPassword });

export const changePasswordForm = z.object({
	current_password: z.string().min(1, 'password_required').max(passwordLimits.max, 'password_too_long'),
	new_password: newPassword
});

// A new password alone: right after a one-time password, or from a reset link.
export const newPasswordForm = z.object({ new_password: newPassword });

export const resetRequestForm = z.object({ email: emailField });

export const signInForm = z.object({
	email: emailField,
	password: z.string({ error: 'password_required' }).min(1, 'password_required').max(passwordLimits.max, 'password_too_long')
});

export const grantRoleForm = z.discriminatedUnion(
	'role',
	[
		z.object({ role: z.literal('prefecture_admin'), email: emailField }),
		z.object({
			role: z.literal('municipality_staff'),
			email: emailField,
			municipality_code: z.string().regex(/^[0-9]{6}$/, 'municipality_required')
		})
	],
	{ error: 'invalid_role' }
);

// Revoking a grant, or giving its account a one-time password: the row's grant id.
export const grantIdForm = z.object({ grant_id: z.uuid('grant_invalid') });

/** Field name → first message code, for re-rendering a form next to its fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return errors;
}
