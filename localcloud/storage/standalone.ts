// Cloud storage on a server of its own: the real POST /admin dispatch plus the storage routes, with a
// virtual clock. For this part's tests, so they exercise the wire protocol without the rest of the
// local cloud (the full LocalCloud composes the same pieces).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtualClock } from '../clock';
import { adminHandler } from '../admin';
import { RequestLog } from '../requestlog';
import { Faults } from '../faults';
import { HttpError, makeContext, matchPath, sendJson, type Route } from '../http';
import type { InvocationContext } from '../types';
import { FileStorage } from './storage';

export interface StandaloneStorage {
  storage: FileStorage;
  clock: VirtualClock;
  url: string;
  /** Admin requests carrying `?inv=<id>` are treated as made by this invocation. */
  invocations: Map<string, InvocationContext>;
  close(): Promise<void>;
}

export async function startStandaloneStorage(opts: { dir?: string | null; envId?: string } = {}): Promise<StandaloneStorage> {
  const clock = new VirtualClock();
  const invocations = new Map<string, InvocationContext>();
  let url = '';
  const host = { envId: opts.envId ?? 'local-env', get url() { return url; }, now: () => clock.now() };
  const storage = new FileStorage(host, { dir: opts.dir ?? null });
  const routes: Route[] = [
    { method: 'POST', path: '/admin', handler: adminHandler({
      actions: () => storage.actions(),
      invocation: (id) => invocations.get(id),
      requests: new RequestLog(),
      faults: new Faults(),
      kill: () => undefined,
      now: () => clock.now(),
    }) },
    ...storage.routes(),
  ];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const route of routes) {
      const params = route.method === req.method ? matchPath(route.path, u.pathname) : null;
      if (!params) continue;
      Promise.resolve()
        .then(() => route.handler(makeContext(req, res, u, params)))
        .catch((err: unknown) => {
          if (err instanceof HttpError) sendJson(res, err.status, { error: err.message });
          else sendJson(res, 500, { error: String((err as Error)?.message ?? err) });
        });
      return;
    }
    sendJson(res, 404, { error: `no route for ${req.method} ${u.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    storage, clock, url, invocations,
    async close() {
      clock.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
