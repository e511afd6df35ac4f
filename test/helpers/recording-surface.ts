// Stand-ins for a chat platform in jobs and outbox tests.
// - createRecordingSurface: an in-process Surface answering from a script (transient, 429,
//   permanent, ok), recording every call and every message the "platform" holds.
// - startRecorder + createHttpSurface: a fake platform as an HTTP server in the test process, and a
//   Surface for child processes that posts to it; a child killed mid-request leaves the platform
//   holding a message its outbox row does not know about, as a real crash would.
// Both behave like Slack (no idempotency key): before re-sending a delivery whose outcome is
// unknown they look for it in what the platform holds (on Slack, the outbox id in message metadata
// found in the conversation's recent history).
import { createServer, type Server } from 'node:http';
import type { Message } from '../../src/core/message.js';
import type { Platform } from '../../src/core/roles.js';
import type { Delivery, DeliveryResult, Surface } from '../../src/core/surface.js';

export interface Posted {
  outboxId: string;
  platform: Platform;
  target: Delivery['target'];
  message: Message;
  platformMessageId: string;
  /** Set when this call edited an earlier message. */
  edited?: string;
  at: number;
  /** The process that posted it (child processes only). */
  by?: number;
}

export type Answer = DeliveryResult | ((delivery: Delivery) => DeliveryResult | Promise<DeliveryResult>);

export interface RecordingSurface extends Surface {
  /** Every deliver() call, in order. */
  calls: Delivery[];
  /** What the platform holds: one entry per message posted or edit made. */
  posted: Posted[];
  /** Answers for the next calls, in order; after them every call succeeds. */
  answer(...answers: Answer[]): void;
  /** Times each outbox id was posted as a new message. */
  postsOf(outboxId: string): number;
}

export function createRecordingSurface(
  platform: Platform,
  options: { checksHistory?: boolean } = {},
): RecordingSurface {
  const calls: Delivery[] = [];
  const posted: Posted[] = [];
  const answers: Answer[] = [];
  let counter = 0;
  return {
    platform,
    calls,
    posted,
    answer: (...next) => void answers.push(...next),
    postsOf: (outboxId) => posted.filter((p) => p.outboxId === outboxId && !p.edited).length,
    start: async () => undefined,
    stop: async () => undefined,
    connected: () => true,
    async deliver(delivery) {
      calls.push(delivery);
      const scripted = answers.shift();
      if (scripted) {
        const result = typeof scripted === 'function' ? await scripted(delivery) : scripted;
        if (result.status !== 'ok') return result;
      }
      if (delivery.outcomeUnknown && options.checksHistory !== false) {
        const found = posted.find((p) => p.outboxId === delivery.outboxId);
        if (found)
          return { status: 'ok', platformMessageId: found.platformMessageId, platformChannelId: channelOf(delivery) };
      }
      const platformMessageId = delivery.update?.platformMessageId ?? `${platform}-m${++counter}`;
      posted.push({
        outboxId: delivery.outboxId,
        platform,
        target: delivery.target,
        message: delivery.message,
        platformMessageId,
        edited: delivery.update?.platformMessageId,
        at: Date.now(),
      });
      return { status: 'ok', platformMessageId, platformChannelId: channelOf(delivery) };
    },
  };
}

const channelOf = (delivery: Delivery) =>
  delivery.target.kind === 'channel' ? delivery.target.channelId : `D-${delivery.target.platformUserId}`;

export interface Recorder {
  url: string;
  posted: Posted[];
  /** Jobs handlers reported (child processes POST /job). */
  jobCalls: string[];
  /** Milliseconds the platform takes to answer an ordinary post (urgent ones answer at once). */
  latencyMs: number;
  postsOf(outboxId: string): number;
  close(): Promise<void>;
}

/** The fake platform: POST /post records a message, GET /find?outboxId= looks for one. */
export async function startRecorder(options: { latencyMs?: number } = {}): Promise<Recorder> {
  const posted: Posted[] = [];
  const jobCalls: string[] = [];
  let counter = 0;
  const recorder: Partial<Recorder> = { posted, jobCalls, latencyMs: options.latencyMs ?? 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/find') {
        const found = posted.find((p) => p.outboxId === url.searchParams.get('outboxId') && !p.edited);
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ?? {}));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/job') {
        jobCalls.push(body);
        res.writeHead(204).end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/post') {
        const delivery = JSON.parse(body) as Delivery & { platform: Platform; by?: number };
        // Recorded on arrival: a client that dies before reading the answer still posted it.
        const platformMessageId = delivery.update?.platformMessageId ?? `${delivery.platform}-m${++counter}`;
        posted.push({
          outboxId: delivery.outboxId,
          platform: delivery.platform,
          target: delivery.target,
          message: delivery.message,
          platformMessageId,
          edited: delivery.update?.platformMessageId,
          at: Date.now(),
          by: delivery.by,
        });
        if (recorder.latencyMs && delivery.message.tone !== 'urgent')
          await new Promise((r) => setTimeout(r, recorder.latencyMs));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ platformMessageId }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return Object.assign(recorder, {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    postsOf: (outboxId: string) => posted.filter((p) => p.outboxId === outboxId && !p.edited).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as Recorder;
}

/** A Surface posting to a recorder; `hooks` let a test stop it at a chosen point before a SIGKILL. */
export function createHttpSurface(
  platform: Platform,
  url: string,
  hooks: { beforeSend?: () => Promise<void>; afterSend?: () => Promise<void> } = {},
): Surface {
  return {
    platform,
    start: async () => undefined,
    stop: async () => undefined,
    connected: () => true,
    async deliver(delivery) {
      try {
        if (delivery.outcomeUnknown) {
          const found = await fetch(`${url}/find?outboxId=${delivery.outboxId}`);
          if (found.ok) return { status: 'ok', platformMessageId: ((await found.json()) as Posted).platformMessageId };
        }
        await hooks.beforeSend?.();
        const res = await fetch(`${url}/post`, {
          method: 'POST',
          body: JSON.stringify({ ...delivery, platform, by: process.pid }),
        });
        const { platformMessageId } = (await res.json()) as { platformMessageId: string };
        await hooks.afterSend?.();
        return { status: 'ok', platformMessageId };
      } catch (error) {
        return { status: 'transient', error: (error as Error).name };
      }
    },
  };
}
