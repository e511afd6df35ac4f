// P1 alerts outside chat: a minimal SMTP client over node:net (plain SMTP, as to a local relay or
// an internal smarthost) and a JSON webhook for an SMS gateway. One attempt each; the job retries.
import { connect, type Socket } from 'node:net';

export class DeliveryError extends Error {}

/** Sends one plain-text e-mail; throws DeliveryError on a refusal or a broken connection. */
export async function sendMail(url: string, mail: { from: string; to: string[]; subject: string; body: string }, timeoutMs = 10_000): Promise<void> {
  const target = new URL(url);
  const socket: Socket = connect({ host: target.hostname, port: Number(target.port || 25) });
  socket.setEncoding('utf8');
  socket.setTimeout(timeoutMs);
  let buffer = '';
  const waiting: ((line: string) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  const fail = (error: Error) => failures.splice(0).forEach((f) => f(error));
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line "NNN text" (a dash after the code means more lines follow).
    let match: RegExpExecArray | null;
    while ((match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer))) {
      const end = match.index + match[0].length;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      failures.shift();
      waiting.shift()?.(reply.trim().split('\r\n').pop()!);
    }
  });
  socket.on('timeout', () => {
    fail(new DeliveryError('smtp timeout'));
    socket.destroy();
  });
  socket.on('error', (error) => fail(new DeliveryError(`smtp ${(error as NodeJS.ErrnoException).code ?? 'error'}`)));
  socket.on('close', () => fail(new DeliveryError('smtp connection closed')));
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      failures.push(reject);
    });
  const expect = async (codes: string[], what: string) => {
    const line = await reply();
    if (!codes.includes(line.slice(0, 3))) throw new DeliveryError(`smtp ${what} refused (${line.slice(0, 3)})`);
  };
  const send = async (line: string, codes: string[], what: string) => {
    const answered = expect(codes, what);
    socket.write(`${line}\r\n`);
    await answered;
  };
  try {
    await expect(['220'], 'greeting');
    await send(`EHLO ${target.searchParams.get('helo') ?? 'mentor-support-bot'}`, ['250'], 'EHLO');
    await send(`MAIL FROM:<${mail.from}>`, ['250'], 'MAIL FROM');
    for (const to of mail.to) await send(`RCPT TO:<${to}>`, ['250', '251'], 'RCPT TO');
    await send('DATA', ['354'], 'DATA');
    const headers = [`From: <${mail.from}>`, `To: ${mail.to.map((t) => `<${t}>`).join(', ')}`, `Subject: ${mail.subject.replace(/[\r\n]/g, ' ')}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'];
    const body = mail.body.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await send(`${headers.join('\r\n')}\r\n\r\n${body}\r\n.`, ['250'], 'message');
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}

/** Posts the alert as JSON; throws DeliveryError unless the gateway answers 2xx. */
export async function postWebhook(url: string, payload: Record<string, string | number>, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DeliveryError(`webhook ${(error as Error).name}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError(`webhook answered ${res.status}`);
}
