import type { Messages } from '../messages/ja.ts';
import type { PasswordReset, PasswordResetState, User } from './auth/port.ts';
import { DomainError } from './db/port.ts';
import { describeMailFailure, type Mailer } from './mail.ts';

/** Password reset by a link sent by e-mail: on when auth supports it and SMTP is configured. */
export interface MailedPasswordReset {
	/** Sends a link if the address has an account; answers alike either way. */
	send(email: string, m: Messages, requesterAddress: string): Promise<void>;
	state(token: string): Promise<PasswordResetState>;
	reset(token: string, newPassword: string): Promise<User>;
}

// What createLink makes: 32 random bytes, base64url. Anything else is no link of ours.
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function mailedPasswordReset(links: PasswordReset, mailer: Mailer, origin: string): MailedPasswordReset {
	return {
		async send(email, m, requesterAddress) {
			const link = await links.createLink(email, requesterAddress);
			if (!link) return;
			const url = new URL(`/password-reset/${link.token}`, origin).href;
			// Not awaited: waiting for the mail server only for addresses with an account would tell which have one.
			mailer
				.send({ to: link.email, subject: m.mail.resetSubject, text: m.mail.resetBody(url) })
				.catch((failure) => console.error(`A password-reset mail could not be sent (${describeMailFailure(failure)}).`));
		},
		state: (token) => (tokenPattern.test(token) ? links.state(token) : Promise.resolve({ state: 'unknown' })),
		async reset(token, newPassword) {
			if (!tokenPattern.test(token)) throw new DomainError('reset_link_unknown');
			return links.reset(token, newPassword);
		}
	};
}
