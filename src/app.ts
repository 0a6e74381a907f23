import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { InboundMessage } from './inbox/types.js';
import { createWecomRouter } from './wecom/callback.js';

export interface AppDeps {
  config: Config;
  log: Logger;
  accept(m: InboundMessage): 'new' | 'duplicate' | Promise<'new' | 'duplicate'>;
  /** Told after a new message is committed and WeCom has been answered. */
  afterAccept(): void;
  ready(): boolean;
  now?: () => Date;
}

/** The koa app: routes only, no listen, so tests can run it on any port. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.silent = true;
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = err as { status?: number; expose?: boolean; message?: string };
      ctx.status = e.status && e.status >= 400 && e.status < 600 ? e.status : 500;
      // Never echo internals (or anything secret) to a caller; the log has the detail.
      ctx.body = ctx.status >= 500 ? 'internal error' : e.expose && e.message ? e.message : 'bad request';
      if (ctx.status >= 500) deps.log.error({ err, path: ctx.path }, 'request failed');
    }
  });
  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.status = deps.ready() ? 200 : 503;
    ctx.body = deps.ready() ? 'ok' : 'starting';
  });
  const wecom = createWecomRouter({
    config: deps.config,
    log: deps.log,
    now: deps.now,
    accept: async (m) => {
      const r = await deps.accept(m);
      // Handling starts on a later turn of the event loop (the pipeline yields before each message), so WeCom's 200
      // never waits for our replies.
      if (r === 'new') deps.afterAccept();
      return r;
    },
  });
  app.use(health.routes()).use(health.allowedMethods());
  app.use(wecom.routes()).use(wecom.allowedMethods());
  return app;
}
