/** `GET /healthz` for load balancers: 200 once the HTTP receiver listens. */
import type { CustomRoute } from '@slack/bolt';

export const HEALTHZ_ROUTE: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  },
};
