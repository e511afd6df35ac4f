// A local stand-in for Slack's Web API on 127.0.0.1: records every call and answers as Slack does,
// with failures scripted per method (ok:false with an error code, 429 with Retry-After, 5xx, a
// dropped connection). It also takes response_url posts, file uploads (files.getUploadURLExternal
// hands out an upload_url on this server; 'upload' scripts its failures) and hands out a Socket Mode WebSocket.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT_SCOPES } from '../../src/surfaces/slack/manifest.js';

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Order among everything the fake saw (Web API calls and response_url posts). */
  seq: number;
  /** When it arrived (performance.now(), for the benchmarks). */
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  seq: number;
  at: number;
}

export interface FileUpload {
  fileId: string;
  filename: string;
  altText?: string;
  /** The bytes posted to the upload_url; absent until then. */
  bytes?: Buffer;
  /** Where files.completeUploadExternal shared it. */
  channel?: string;
  threadTs?: string;
}

export type Failure =
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: 404 | 500 | 502 | 503 }
  | { drop: true };

export interface FakeUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  /** A bot or app user. */
  is_bot?: boolean;
  /** A Slack Connect stranger (another organisation, no shared channel). */
  is_stranger?: boolean;
  /** The account's home workspace (absent for the fake's ordinary members). */
  team_id?: string;
  profile?: { display_name?: string; real_name?: string };
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
}

export interface FakeSlack {
  /** Web API base URL, for SLACK_API_URL. */
  url: string;
  calls: SlackCall[];
  responses: ResponseUrlPost[];
  messages: PostedMessage[];
  uploads: FileUpload[];
  callsTo(method: string): SlackCall[];
  /** A response_url that posts back to this fake. */
  responseUrl(id?: string): string;
  /** The next `times` calls of `method` ('response_url' for response_url posts) fail this way. */
  fail(method: string, failure: Failure, times?: number): void;
  setUser(user: FakeUser): void;
  /** The scopes granted to the bot token, sent as x-oauth-scopes on every Web API answer (default: the manifest's). */
  setScopes(scopes: readonly string[]): void;
  /** How conversations.info answers for a channel (default: it exists and the bot is a member). */
  setChannel(id: string, channel: { exists?: boolean; isMember?: boolean }): void;
  /** The next call of `method` waits for the returned release before it is answered. */
  hold(method: string): () => void;
  /** Puts a message in a conversation as if sent earlier (for the duplicate check). */
  seedMessage(message: Omit<PostedMessage, 'ts'>): PostedMessage;
  waitFor(method: string, count?: number, ms?: number): Promise<SlackCall[]>;
  waitForResponses(count?: number, ms?: number): Promise<ResponseUrlPost[]>;
  /** The post to the response_url made with `responseUrl(id)`. */
  waitForResponse(id: string, ms?: number): Promise<ResponseUrlPost>;
  socket: {
    connections(): number;
    waitForConnection(ms?: number): Promise<void>;
    /** Sends a Socket Mode envelope; resolves with the payload of the app's acknowledgement. */
    send(
      type: 'slash_commands' | 'interactive' | 'events_api',
      payload: Record<string, unknown>,
    ): Promise<Record<string, unknown>>;
  };
  close(): Promise<void>;
}

const JSONISH = /^[[{]/;

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      body[key] = JSONISH.test(value) ? JSON.parse(value) : value;
    } catch {
      body[key] = value;
    }
  }
  return body;
}

const truthy = (value: unknown) => value === true || value === 'true' || value === '1';

export async function startFakeSlack(): Promise<FakeSlack> {
  const events = new EventEmitter();
  const calls: SlackCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const messages: PostedMessage[] = [];
  const uploads: FileUpload[] = [];
  const failures = new Map<string, Failure[]>();
  const users = new Map<string, FakeUser>();
  const channels = new Map<string, { exists?: boolean; isMember?: boolean }>();
  const holds = new Map<string, Promise<void>>();
  let scopes: readonly string[] = BOT_SCOPES;
  const pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let origin = '';

  const nextTs = () => `${1_790_000_000 + seq}.${String(seq).padStart(6, '0')}`;
  const userInfo = (id: string): FakeUser =>
    users.get(id) ?? {
      id,
      name: id.toLowerCase(),
      real_name: `Member ${id}`,
      tz: 'Europe/London',
      is_restricted: false,
      is_ultra_restricted: false,
    };

  function answer(
    method: string,
    body: Record<string, unknown>,
    headers: IncomingHttpHeaders,
  ): Record<string, unknown> {
    const bearer = (headers.authorization ?? '').replace(/^Bearer\s+/i, '') || String(body.token ?? '');
    if (!bearer) return { ok: false, error: 'not_authed' };
    if (method === 'apps.connections.open') {
      if (!bearer.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      return { ok: true, url: `${origin.replace(/^http/, 'ws')}/socket?ticket=${randomUUID()}` };
    }
    if (!bearer.startsWith('xoxb-')) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://mentor-network.slack.com/',
          team: 'Mentor Network',
          user: 'msb',
          team_id: 'T0NETWORK',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'users.info': {
        if (typeof body.user !== 'string' || body.user === '') return { ok: false, error: 'user_not_found' };
        const user = userInfo(body.user);
        return {
          ok: true,
          user: { ...user, profile: user.profile ?? { display_name: '', real_name: user.real_name } },
        };
      }
      case 'conversations.open': {
        const first = String(body.users ?? '').split(',')[0];
        if (!first) return { ok: false, error: 'users_list_not_supplied' };
        return { ok: true, channel: { id: `D${first}` } };
      }
      case 'chat.postMessage': {
        if (typeof body.channel !== 'string' || body.channel === '') return { ok: false, error: 'channel_not_found' };
        const message: PostedMessage = {
          channel: body.channel,
          ts: nextTs(),
          text: body.text as string | undefined,
          blocks: body.blocks,
          metadata: body.metadata,
        };
        messages.push(message);
        return {
          ok: true,
          channel: message.channel,
          ts: message.ts,
          message: { text: message.text, ts: message.ts, bot_id: 'B0BOT' },
        };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, { text: body.text, blocks: body.blocks, metadata: body.metadata ?? message.metadata });
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      }
      case 'files.getUploadURLExternal': {
        if (typeof body.filename !== 'string' || !(Number(body.length) > 0))
          return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${String(seq).padStart(8, '0')}`;
        uploads.push({ fileId, filename: body.filename, altText: body.alt_text as string | undefined });
        return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(body.files) ? (body.files as { id?: string }[]) : [];
        const found = files.map((f) => uploads.find((u) => u.fileId === f.id && u.bytes));
        if (found.length === 0 || found.some((u) => !u)) return { ok: false, error: 'file_not_found' };
        for (const upload of found) Object.assign(upload!, { channel: body.channel_id, threadTs: body.thread_ts });
        return { ok: true, files: found.map((u) => ({ id: u!.fileId, name: u!.filename })) };
      }
      case 'conversations.info': {
        const id = String(body.channel ?? '');
        const known = channels.get(id) ?? {};
        if (!id || known.exists === false) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: { id, name: id.toLowerCase(), is_channel: true, is_member: known.isMember !== false },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.history': {
        const limit = Number(body.limit ?? 100);
        const withMetadata = truthy(body.include_all_metadata);
        const found = messages
          .filter((m) => m.channel === body.channel)
          .reverse()
          .slice(0, limit)
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            bot_id: 'B0BOT',
            ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false };
      }
      case 'views.open':
      case 'views.push':
        if (typeof body.trigger_id !== 'string' || body.trigger_id === '')
          return { ok: false, error: 'invalid_arguments' };
        return { ok: true, view: { id: `V${String(seq).padStart(8, '0')}`, ...(body.view as object) } };
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${String(seq).padStart(8, '0')}`, ...(body.view as object) } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function fail(res: ServerResponse, failure: Failure): void {
    if ('drop' in failure) {
      res.socket?.destroy();
      return;
    }
    if ('error' in failure) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    if (failure.status === 429) {
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    res.writeHead(failure.status, { 'content-type': 'text/plain' }).end('upstream trouble');
  }

  function takeFailure(key: string): Failure | undefined {
    const queue = failures.get(key);
    const failure = queue?.shift();
    if (queue && queue.length === 0) failures.delete(key);
    return failure;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/upload/')) {
      const upload = uploads.find((u) => u.fileId === path.slice('/upload/'.length));
      const failure = takeFailure('upload');
      if (failure) return fail(res, failure);
      if (!upload || req.method !== 'POST') return void res.writeHead(404).end();
      upload.bytes = bytes;
      events.emit('change');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    const body = parseBody(raw, req.headers['content-type']);
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body, seq: ++seq, at: performance.now() });
      events.emit('change');
      const failure = takeFailure('response_url');
      if (failure) return fail(res, failure);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice('/api/'.length);
    calls.push({ method, body, headers: req.headers, seq: ++seq, at: performance.now() });
    events.emit('change');
    const held = holds.get(method);
    holds.delete(method);
    await held;
    const failure = takeFailure(method);
    if (failure) return fail(res, failure);
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': scopes.join(',') })
      .end(JSON.stringify(answer(method, body, req.headers)));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/socket')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) pendingAcks.get(message.envelope_id)?.(message.payload ?? {});
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0MSB' },
        }),
      );
      events.emit('change');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function until<T>(check: () => T | undefined, ms: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        events.off('change', onChange);
        resolve(value);
      };
      const timer = setTimeout(() => {
        events.off('change', onChange);
        reject(
          new Error(
            `fake Slack: timed out waiting for ${what()}; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`,
          ),
        );
      }, ms);
      events.on('change', onChange);
      onChange();
    });
  }

  const callsTo = (method: string) => calls.filter((c) => c.method === method);

  return {
    url: `${origin}/api/`,
    calls,
    responses,
    messages,
    uploads,
    callsTo,
    responseUrl: (id = randomUUID()) => `${origin}/response/${id}`,
    fail(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    setUser: (user) => void users.set(user.id, user),
    setScopes: (granted) => {
      scopes = [...granted];
    },
    setChannel: (id, channel) => void channels.set(id, channel),
    hold(method) {
      let release!: () => void;
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    seedMessage(message) {
      const posted = { ...message, ts: nextTs() };
      seq++;
      messages.push(posted);
      return posted;
    },
    waitFor: (method, count = 1, ms = 5000) =>
      until(
        () => (callsTo(method).length >= count ? callsTo(method) : undefined),
        ms,
        () => `${count} × ${method}`,
      ),
    waitForResponses: (count = 1, ms = 5000) =>
      until(
        () => (responses.length >= count ? responses : undefined),
        ms,
        () => `${count} response_url posts`,
      ),
    waitForResponse: (id, ms = 5000) =>
      until(
        () => responses.find((r) => r.id === id),
        ms,
        () => `a response_url post to ${id}`,
      ),
    socket: {
      connections: () => sockets.size,
      waitForConnection: (ms = 5000) =>
        until(
          () => (sockets.size > 0 ? true : undefined),
          ms,
          () => 'a Socket Mode connection',
        ).then(() => undefined),
      send(type, payload) {
        const ws = [...sockets][0];
        if (!ws) return Promise.reject(new Error('fake Slack: no Socket Mode connection'));
        const envelopeId = randomUUID();
        const acked = new Promise<Record<string, unknown>>((resolve) => pendingAcks.set(envelopeId, resolve));
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: 0,
            retry_reason: '',
          }),
        );
        return acked.finally(() => pendingAcks.delete(envelopeId));
      },
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
