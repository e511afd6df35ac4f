// A local Discord for tests: the REST API (node:http) and the gateway (ws) that the real discord.js
// client talks to. It records every request, keeps what the bot posted, answers the gateway
// handshake (HELLO, IDENTIFY -> READY, heartbeats, RESUME -> replay + RESUMED), dispatches
// interactions, and fails requests on demand (429, 5xx, Discord error codes, dropped sockets).
// A multipart request (a message with files) is read as Discord does: payload_json is the body and
// each file part is recorded with its bytes.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { snowflake } from './discord-payloads.js';

export interface UploadedFile {
  /** The form field, `files[n]` for the attachment with id n. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  /** The file parts of a multipart/form-data request. */
  files?: UploadedFile[];
  authorization?: string;
}

export interface PostedMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: any[];
  components: any[];
  flags?: number;
  nonce?: string;
  attachments: { id: string; filename: string; description?: string; size: number; content_type: string }[];
  edits: number;
}

export interface ScriptedFailure {
  method?: string;
  path: RegExp;
  /** Respond with this status and body (JSON) and headers; or `drop` the connection unanswered. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
}

/** What the bot showed for one interaction: a modal, or a message (perhaps after a deferral). */
export type Shown = { kind: 'modal'; modal: any } | { kind: 'message'; message: any; deferred: boolean };

interface Session {
  id: string;
  seq: number;
  events: { s: number; t: string; d: unknown }[];
}

const API = '/api/v10';

/** A server as the REST API describes it: its owner, roles (the @everyone role's id is the server's) and members' roles. */
export interface FakeGuild {
  ownerId: string;
  roles: { id: string; permissions: string }[];
  members: Map<string, string[]>;
}

/** A server channel with its permission overwrites (type 0: a role, 1: a member). */
export interface FakeChannel {
  guildId: string;
  overwrites: { id: string; type: number; allow: string; deny: string }[];
}

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly botUserId = snowflake();
  readonly token = 'test-token';
  readonly requests: RecordedRequest[] = [];
  readonly messages: PostedMessage[] = [];
  /** Interaction callbacks by interaction id, in order (a second one is refused, as on Discord). */
  readonly callbacks = new Map<string, { type: number; data?: any }[]>();
  /** Registered commands by scope: 'global' or a guild id. */
  readonly commands = new Map<string, any[]>();
  /** Servers and channels for GET /guilds/:id, /guilds/:id/members/:id and /channels/:id. */
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  identifies = 0;
  resumes = 0;
  url = '';

  private http!: Server;
  private wss!: WebSocketServer;
  private socket: WebSocket | undefined;
  private session: Session | undefined;
  private failures: ScriptedFailure[] = [];
  private readonly originals = new Map<string, any>();
  private readonly followUpsByToken = new Map<string, any[]>();
  private readonly interactionByToken = new Map<string, string>();

  async start(): Promise<this> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => this.connect(ws));
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    const { port } = this.http.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api`;
    return this;
  }

  get gatewayUrl(): string {
    return this.url.replace(/^http/, 'ws').replace(/\/api$/, '');
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** The next request matching `failure` gets the scripted answer instead of the normal one. */
  failNext(failure: ScriptedFailure): void {
    this.failures.push(failure);
  }

  /** The DM channel the fake hands out for a user (stable, like Discord's). */
  dmChannelId(userId: string): string {
    return (BigInt(userId) + 7n).toString();
  }

  // ── gateway ──

  private send(ws: WebSocket | undefined, payload: unknown): void {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private connect(ws: WebSocket): void {
    this.send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on('message', (raw) => {
      const packet = JSON.parse(raw.toString()) as { op: number; d: any };
      if (packet.op === 1) this.send(ws, { op: 11, d: null, s: null, t: null });
      if (packet.op === 2) this.identify(ws, packet.d);
      if (packet.op === 6) this.resume(ws, packet.d);
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
    });
  }

  private identify(ws: WebSocket, d: { token: string }): void {
    if (d.token !== this.token) return void ws.close(4004, 'Authentication failed');
    this.identifies++;
    this.session = { id: randomBytes(16).toString('hex'), seq: 0, events: [] };
    this.socket = ws;
    const ready = {
      v: 10,
      user: {
        id: this.botUserId,
        username: 'Network Bot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
        flags: 0,
      },
      guilds: [],
      session_id: this.session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    };
    this.send(ws, { op: 0, t: 'READY', s: ++this.session.seq, d: ready });
  }

  private resume(ws: WebSocket, d: { session_id: string; seq: number; token: string }): void {
    if (!this.session || d.session_id !== this.session.id || d.token !== this.token) {
      this.send(ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    this.resumes++;
    this.socket = ws;
    for (const event of this.session.events.filter((e) => e.s > d.seq)) this.send(ws, { op: 0, ...event });
    this.send(ws, { op: 0, t: 'RESUMED', s: ++this.session.seq, d: {} });
  }

  /** Sends a dispatch event; while the connection is down it waits in the session for a RESUME. */
  dispatch(t: string, d: unknown): void {
    if (!this.session) throw new Error('no gateway session: the bot has not identified');
    const event = { s: ++this.session.seq, t, d };
    this.session.events.push(event);
    this.send(this.socket, { op: 0, ...event });
  }

  /** Closes the gateway connection as Discord does on a server-side problem; the client should resume. */
  async dropConnection(code = 4000): Promise<void> {
    const ws = this.socket;
    this.socket = undefined;
    ws?.close(code, 'dropped by the fake');
  }

  // ── interactions ──

  /** Makes an interaction's id and token known, so its callback and webhooks are accepted. */
  accept(payload: { id: string; token: string }): void {
    this.interactionByToken.set(payload.token, payload.id);
  }

  /** Dispatches INTERACTION_CREATE and resolves with what the bot shows for it. */
  async interact(payload: { id: string; token: string }): Promise<Shown> {
    this.accept(payload);
    this.dispatch('INTERACTION_CREATE', payload);
    return this.shown(payload.id, payload.token);
  }

  async shown(interactionId: string, token: string): Promise<Shown> {
    const first = await this.waitFor(
      () => this.callbacks.get(interactionId)?.[0],
      `a callback for interaction ${interactionId}`,
    );
    if (first.type === 9) return { kind: 'modal', modal: first.data };
    if (first.type === 4) return { kind: 'message', message: first.data, deferred: false };
    const original = await this.waitFor(
      () => this.originals.get(token),
      `the deferred answer of interaction ${interactionId}`,
    );
    return { kind: 'message', message: original, deferred: true };
  }

  followUps(token: string): any[] {
    return this.followUpsByToken.get(token) ?? [];
  }

  async waitFor<T>(probe: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  // ── REST ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const contentType = req.headers['content-type'] ?? '';
    const { body, files } = contentType.startsWith('multipart/form-data')
      ? await multipart(raw, contentType)
      : { body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined, files: undefined };
    this.requests.push({ method, path, body, ...(files ? { files } : {}), authorization: req.headers.authorization });
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    const failure = this.failures.findIndex((f) => (!f.method || f.method === method) && f.path.test(path));
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      if (f!.drop) return void req.socket.destroy();
      return reply(f!.status ?? 500, f!.body ?? { message: 'scripted failure', code: 0 }, f!.headers);
    }
    if (!path.startsWith(API)) return reply(404, { message: '404: Not Found', code: 0 });
    const route = path.slice(API.length);
    const botAuth = req.headers.authorization === `Bot ${this.token}`;
    const needsAuth = !route.startsWith('/interactions/') && !route.startsWith('/webhooks/');
    if (needsAuth && !botAuth) return reply(401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && route === '/gateway/bot') {
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
    if (method === 'POST' && callback) {
      const [, id, token] = callback;
      if (this.interactionByToken.get(token!) !== id)
        return reply(404, { message: 'Unknown interaction', code: 10062 });
      const list = this.callbacks.get(id!) ?? [];
      list.push(body);
      this.callbacks.set(id!, list);
      if (list.length > 1) return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      return reply(204);
    }
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(route);
    if (webhook) {
      const [, app, token, original] = webhook;
      if (app !== this.applicationId || !this.interactionByToken.has(token!))
        return reply(404, { message: 'Unknown Webhook', code: 10015 });
      const message = this.message(`interaction-${this.interactionByToken.get(token!)}`, body);
      if (method === 'PATCH' && original) {
        this.originals.set(token!, body);
        return reply(200, message);
      }
      if (method === 'POST' && !original) {
        this.followUpsByToken.set(token!, [...this.followUps(token!), body]);
        return reply(200, message);
      }
    }
    if (method === 'GET' && route === '/users/@me')
      return reply(200, {
        id: this.botUserId,
        username: 'Network Bot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      });
    if (method === 'GET' && route === '/applications/@me')
      return reply(200, { id: this.applicationId, name: 'Network Bot', bot_public: false });
    const channelRoute = /^\/channels\/(\d+)$/.exec(route);
    if (method === 'GET' && channelRoute) {
      const channel = this.channels.get(channelRoute[1]!);
      if (!channel) return reply(404, { message: 'Unknown Channel', code: 10003 });
      return reply(200, {
        id: channelRoute[1],
        type: 0,
        guild_id: channel.guildId,
        name: `channel-${channelRoute[1]}`,
        permission_overwrites: channel.overwrites,
      });
    }
    const guildRoute = /^\/guilds\/(\d+)$/.exec(route);
    if (method === 'GET' && guildRoute) {
      const guild = this.guilds.get(guildRoute[1]!);
      if (!guild) return reply(404, { message: 'Unknown Guild', code: 10004 });
      return reply(200, { id: guildRoute[1], name: 'Mentor Network', owner_id: guild.ownerId, roles: guild.roles });
    }
    const memberRoute = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(route);
    if (method === 'GET' && memberRoute) {
      const roles = this.guilds.get(memberRoute[1]!)?.members.get(memberRoute[2]!);
      if (!roles) return reply(404, { message: 'Unknown Member', code: 10007 });
      return reply(200, {
        user: { id: memberRoute[2], username: 'member', discriminator: '0', avatar: null, global_name: null },
        roles,
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      });
    }
    if (method === 'POST' && route === '/users/@me/channels') {
      const recipient = String(body?.recipient_id ?? '');
      if (!/^\d+$/.test(recipient)) return reply(400, { message: 'Invalid Form Body', code: 50035 });
      return reply(200, {
        id: this.dmChannelId(recipient),
        type: 1,
        recipients: [{ id: recipient, username: 'someone', discriminator: '0', avatar: null, global_name: null }],
      });
    }
    const postRoute = /^\/channels\/(\d+)\/messages$/.exec(route);
    if (method === 'POST' && postRoute) {
      const channel = postRoute[1]!;
      const earlier =
        body?.enforce_nonce && body.nonce
          ? this.messages.find((p) => p.channel_id === channel && p.nonce === String(body.nonce))
          : undefined;
      if (earlier) return reply(200, this.asApi(earlier));
      const posted = this.message(channel, body);
      const attached = (body?.attachments ?? []) as { id: number | string; filename?: string; description?: string }[];
      for (const a of attached) {
        const file = files?.find((f) => f.field === `files[${a.id}]`);
        if (!file) return reply(400, { message: 'Invalid Form Body', code: 50035 });
        posted.attachments.push({
          id: snowflake(),
          filename: a.filename ?? file.filename,
          description: a.description,
          size: file.data.length,
          content_type: file.contentType,
        });
      }
      this.messages.push(posted);
      return reply(200, this.asApi(posted));
    }
    const editRoute = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(route);
    if (method === 'PATCH' && editRoute) {
      const posted = this.messages.find((p) => p.channel_id === editRoute[1] && p.id === editRoute[2]);
      if (!posted) return reply(404, { message: 'Unknown Message', code: 10008 });
      Object.assign(posted, {
        content: body.content ?? posted.content,
        embeds: body.embeds ?? posted.embeds,
        components: body.components ?? posted.components,
        edits: posted.edits + 1,
      });
      return reply(200, this.asApi(posted));
    }
    const commandsRoute = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
    if (commandsRoute && commandsRoute[1] === this.applicationId) {
      const scope = commandsRoute[2] ?? 'global';
      if (method === 'GET') return reply(200, this.commands.get(scope) ?? []);
      if (method === 'PUT') {
        const old = new Map((this.commands.get(scope) ?? []).map((c) => [c.name, c]));
        const stored = (body as any[]).map((c) => ({
          ...c,
          id: old.get(c.name)?.id ?? snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(commandsRoute[2] ? { guild_id: commandsRoute[2] } : {}),
        }));
        this.commands.set(scope, stored);
        return reply(200, stored);
      }
    }
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  private message(channelId: string, body: any): PostedMessage {
    return {
      id: snowflake(),
      channel_id: channelId,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags,
      nonce: body?.nonce === undefined ? undefined : String(body.nonce),
      attachments: [],
      edits: 0,
    };
  }

  private asApi(p: PostedMessage) {
    return {
      id: p.id,
      channel_id: p.channel_id,
      type: 0,
      content: p.content,
      embeds: p.embeds,
      components: p.components,
      author: {
        id: this.botUserId,
        username: 'Network Bot',
        discriminator: '0',
        avatar: null,
        global_name: null,
        bot: true,
      },
      attachments: p.attachments,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: p.edits ? new Date().toISOString() : null,
      flags: p.flags ?? 0,
      ...(p.nonce ? { nonce: p.nonce } : {}),
    };
  }
}

/** A multipart/form-data body as Discord reads it: payload_json for the JSON body, the rest as files. */
async function multipart(raw: Buffer, contentType: string): Promise<{ body: any; files: UploadedFile[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value !== 'string')
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
  }
  const json = form.get('payload_json');
  return { body: typeof json === 'string' ? JSON.parse(json) : undefined, files };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  return new FakeDiscord().start();
}
