import { CIDAAS_ROUTES } from '../cidaas-routes';
import { Router } from 'express';

import { isUuid } from '../http';
import type { ClientInfo, EmulatorStore } from '../store';

/** E3 `data` as sent to the page: the client's public fields only. */
export type PublicClientInfo = ClientInfo;

/** Copies only the public branding and policy fields of a client (never redirect URIs or secrets). */
export function publicClientInfo(client: ClientInfo): PublicClientInfo {
  const info: PublicClientInfo = { client_id: client.client_id };
  if (client.client_name !== undefined) info.client_name = client.client_name;
  if (client.client_display_name !== undefined)
    info.client_display_name = client.client_display_name;
  if (client.logo_uri !== undefined) info.logo_uri = client.logo_uri;
  if (client.primaryColor !== undefined) info.primaryColor = client.primaryColor;
  if (client.accentColor !== undefined) info.accentColor = client.accentColor;
  if (client.backgroundUri !== undefined) info.backgroundUri = client.backgroundUri;
  if (client.policy_uri !== undefined) info.policy_uri = client.policy_uri;
  if (client.tos_uri !== undefined) info.tos_uri = client.tos_uri;
  if (client.imprint_uri !== undefined) info.imprint_uri = client.imprint_uri;
  if (client.copy_right_info !== undefined) info.copy_right_info = client.copy_right_info;
  if (client.password_policy !== undefined) info.password_policy = client.password_policy;
  return info;
}

/** E3: `GET /public-srv/public/:requestId`, the client info of a login request. */
export function publicRoutes(store: EmulatorStore): Router {
  const router = Router();

  router.get(CIDAAS_ROUTES.clientInfo, (req, res) => {
    res.set('Cache-Control', 'no-store');
    const requestId = req.params.requestId;
    if (!isUuid(requestId)) {
      res
        .status(400)
        .json({ success: false, status: 400, code: 'PUB10001', error: 'invalid_request' });
      return;
    }
    const request = store.getLoginRequest(requestId);
    const client = request ? store.getClient(request.client_id) : undefined;
    if (!client) {
      res
        .status(400)
        .json({ success: false, status: 400, code: 'PUB10002', error: 'invalid_request' });
      return;
    }
    res.json({ success: true, status: 200, data: publicClientInfo(client) });
  });

  return router;
}
