/**
 * Outgoing e-mail (issue #14 item 5): off unless SMTP_URL is set. One transport per process,
 * created from configuration at boot and handed to whoever sends (the job worker's context).
 */
import nodemailer from 'nodemailer';

export type MailConfig = { url: string; from: string };

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** A mailer for the configured SMTP server, or null when e-mail is off. */
export function createMailer(config: MailConfig | undefined): Mailer | null {
  if (!config) return null;
  const transport = nodemailer.createTransport(config.url);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from: config.from, to, subject, text });
    },
    close() {
      transport.close();
    },
  };
}
