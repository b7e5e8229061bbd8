import { createTransport } from 'nodemailer';
import type { MailConfig } from './config.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
}

/** Plain-text mail through the configured SMTP server (nodemailer reads the URL's auth and TLS). */
export function smtpMailer(config: MailConfig): Mailer {
	// Short timeouts: a mail server that does not answer should not hold sends open for minutes.
	const transport = createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
	return {
		async send(mail) {
			await transport.sendMail({ from: config.from, ...mail });
		}
	};
}

/** What went wrong with a send, without the addresses a mail server's reply may quote. */
export function describeMailFailure(failure: unknown): string {
	const { code, responseCode } = (failure ?? {}) as { code?: unknown; responseCode?: unknown };
	return [typeof code === 'string' && code, typeof responseCode === 'number' && `SMTP ${responseCode}`].filter(Boolean).join(', ') || 'unknown error';
}
