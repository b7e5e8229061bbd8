import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on the port the app under test sends to (E2E_SMTP_PORT, chosen in
 * playwright.config.ts), keeping each mail it accepts, parsed.
 */
export async function openMailbox() {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			simpleParser(stream).then((mail) => {
				received.push(mail);
				done();
			}, done);
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(Number(process.env.E2E_SMTP_PORT), '127.0.0.1', resolve);
	});
	const to = (mail: ParsedMail, address: string) =>
		[mail.to].flat().some((field) => field?.value.some((entry) => entry.address === address));
	return {
		/** Every mail to this address so far. */
		mailsTo: (address: string) => received.filter((mail) => to(mail, address)),
		/** The first mail to this address, waiting for it to arrive. */
		async mailTo(address: string, timeout = 10_000): Promise<ParsedMail> {
			for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
				const mail = received.find((m) => to(m, address));
				if (mail) return mail;
			}
			throw new Error(`No mail to ${address} within ${timeout} ms (received ${received.length} in all).`);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
