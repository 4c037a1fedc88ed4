// The local cloud: a production-shaped stand-in for WeChat Cloud Development on one machine.
// The real wx-server-sdk inside real cloud functions talks to it over HTTP exactly as it talks to
// Tencent (docs/wechat-contracts.md §10). It knows nothing of the shop.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { VirtualClock } from './clock';
import { HttpError, makeContext, matchPath, sendJson, type Route } from './http';
import { adminHandler } from './admin';
import { RequestLog } from './requestlog';
import { Faults } from './faults';
import type { ActionMap, CloudModule } from './types';
import { loadConfig, type LocalCloudConfig } from './config';
import { DocumentStore } from './db/store';
import { FunctionRuntime } from './runtime/runtime';
import { FileStorage } from './storage/storage';
import { PaySandbox } from './pay/sandbox';
import { OpenApi } from './openapi/openapi';
import { controlRoutes } from './control/routes';
import { OriginPolicy, defaultOrigins } from './origins';

export interface LocalCloudOptions {
  /** 0 picks a free port (tests). Default: LOCALCLOUD_PORT or 9797. */
  port?: number;
  /** Where the database file and storage live; `null` keeps everything in memory (tests). */
  dataDir?: string | null;
  /** Folder holding `<fn>/index.js` + `config.json`. Default: ./cloudfunctions */
  functionsDir?: string;
  /** The checked-in list of collections and their indexes. Default: ./database/collections.json */
  collectionsFile?: string;
  /** Storage security rules for client requests. Default: ./database/storage-rules.json if present. */
  storageRulesFile?: string;
  /** Merchants, subscribe-message templates, env and app ids. Default: ./localcloud.config.json if present. */
  configFile?: string;
  config?: Partial<LocalCloudConfig>;
  /** Browser origins allowed to call the local cloud (the H5 preview). Default: config.allowedOrigins, else origins.ts. */
  allowedOrigins?: string[];
  quiet?: boolean;
  /**
   * Test mode: record every query from a function that no index of the collections file serves
   * (GET /control/unindexed) — in production such a query reads the whole collection.
   */
  checkIndexes?: boolean;
  /**
   * Skip a timer tick when its function's last tick only read and found nothing, and replaying those
   * reads now returns the same replies (runtime/idle-ticks.ts). For functions that decide from what
   * they read and Date.now() only, as Kaidian's sweeper does; tests turn it on.
   */
  skipIdleTicks?: boolean;
  /**
   * Test mode: when this cloud closes, its idle function instances serve the next local cloud this
   * process starts, instead of each cloud loading every function (and wx-server-sdk) again. For suites
   * that start many clouds; the functions must keep no state between invocations that a new cloud would
   * notice (Kaidian's keep only caches keyed by what they cache: the SDK's init, the v3 configuration).
   */
  keepInstances?: boolean;
  /** Most concurrent instances per function (further invocations queue). Default 10. */
  maxInstances?: number;
}

export class LocalCloud {
  readonly clock = new VirtualClock();
  readonly requests = new RequestLog();
  readonly faults = new Faults();
  readonly config: LocalCloudConfig;
  readonly db: DocumentStore;
  readonly functions: FunctionRuntime;
  readonly storage: FileStorage;
  readonly pay: PaySandbox;
  readonly openapi: OpenApi;
  readonly dataDir: string | null;
  readonly origins: OriginPolicy;
  private server: Server | null = null;
  private port = 0;

  constructor(readonly options: LocalCloudOptions = {}) {
    const root = process.cwd();
    this.dataDir = options.dataDir === undefined ? path.resolve(root, '.localcloud') : options.dataDir;
    this.config = loadConfig(options.configFile ?? path.resolve(root, 'localcloud.config.json'), options.config);
    this.db = new DocumentStore(this, {
      file: this.dataDir ? path.join(this.dataDir, 'database.sqlite') : ':memory:',
      collectionsFile: options.collectionsFile ?? path.resolve(root, 'database/collections.json'),
      checkIndexes: options.checkIndexes,
    });
    this.functions = new FunctionRuntime(this, { functionsDir: options.functionsDir ?? path.resolve(root, 'cloudfunctions'), keepInstances: options.keepInstances, maxInstances: options.maxInstances });
    this.storage = new FileStorage(this, {
      dir: this.dataDir ? path.join(this.dataDir, 'storage') : null,
      rulesFile: options.storageRulesFile ?? path.resolve(root, 'database/storage-rules.json'),
    });
    this.pay = new PaySandbox(this);
    this.openapi = new OpenApi(this);
    this.origins = new OriginPolicy(options.allowedOrigins ?? this.config.allowedOrigins ?? defaultOrigins());
  }

  /** Let a page on `origin` call the gateway and control API (e.g. an H5 build served on a free port). */
  allowOrigin(origin: string): void {
    this.origins.allow(origin);
  }

  get modules(): CloudModule[] {
    return [this.db, this.functions, this.storage, this.pay, this.openapi];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get envId(): string {
    return this.config.envId;
  }

  /** Virtual "now" in ms: serverDate, timers, expiries and the functions' Date all follow it. */
  now(): number {
    return this.clock.now();
  }

  private actionMap: ActionMap | null = null;
  /** Every /admin action of every module. */
  actions(): ActionMap {
    return (this.actionMap ??= Object.assign({}, ...this.modules.map((m) => m.actions?.() ?? {})));
  }

  private routes(): Route[] {
    return [
      { method: 'POST', path: '/admin', handler: adminHandler({
        actions: () => this.actions(),
        invocation: (id) => this.functions.invocation(id),
        requests: this.requests,
        faults: this.faults,
        kill: (id) => this.functions.kill(id),
        now: () => this.now(),
        observe: (call, reply, ok) => this.functions.observe(call, reply, ok),
      }) },
      ...controlRoutes(this),
      ...this.modules.flatMap((m) => m.routes?.() ?? []),
    ];
  }

  async start(port = this.options.port ?? Number(process.env.LOCALCLOUD_PORT ?? 9797)): Promise<this> {
    const routes = this.routes();
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!this.origins.admit(req, res)) return;
      for (const route of routes) {
        if (route.method !== req.method) continue;
        const params = matchPath(route.path, url.pathname);
        if (!params) continue;
        Promise.resolve()
          .then(() => route.handler(makeContext(req, res, url, params)))
          .catch((err: unknown) => {
            if (res.headersSent) return void res.end();
            if (err instanceof HttpError) sendJson(res, err.status, err.body ?? { error: err.message });
            else {
              console.error('[localcloud]', req.method, url.pathname, err);
              sendJson(res, 500, { error: String((err as Error)?.message ?? err) });
            }
          });
        return;
      }
      // HTTP 访问服务: paths of the table that no local-cloud route claims go to their function.
      const fn = this.functions.httpAccess.match(url.pathname);
      if (fn) {
        this.functions.httpAccess.serve(fn, req, res, url).catch((err: unknown) => {
          if (res.headersSent) return void res.end();
          sendJson(res, 500, { error: String((err as Error)?.message ?? err) });
        });
        return;
      }
      sendJson(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.origins.allowSelf(this.port);
    await this.functions.start();
    return this;
  }

  /** Empty database, storage, outbox, pay sandbox and logs; virtual clock back to real time. */
  async reset(): Promise<void> {
    this.clock.reset();
    this.requests.reset();
    this.faults.reset();
    for (const m of this.modules) await m.reset?.();
  }

  async close(): Promise<void> {
    this.clock.stop();
    for (const m of [...this.modules].reverse()) await m.close?.();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
      this.server = null;
    }
  }
}

/** Start a local cloud (tests: `startLocalCloud({ port: 0, dataDir: null, functionsDir })`). */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return new LocalCloud(options).start();
}
