import type { PreloginMetadata } from '../../../src/contract/cidaas-types';
import { CIDAAS_ROUTES } from '../cidaas-routes';
import { Router } from 'express';

import { bodyField, isUuid } from '../http';
import { continuePasswordChange } from '../password-change';
import type { EmulatorStore } from '../store';
import { formParser } from './login';

/** E7 (`GET /token-srv/prelogin/metadata/:lsid`) and E8 (`POST /login-srv/precheck/continue/:lsid`). */
export function precheckRoutes(store: EmulatorStore): Router {
  const router = Router();

  router.get(CIDAAS_ROUTES.preloginMetadata, (req, res) => {
    res.set('Cache-Control', 'no-store');
    const lsid = req.params.lsid;
    if (!isUuid(lsid)) {
      res.status(400).json({
        success: false,
        status: 400,
        error: 'invalid_request',
        error_description: 'lsid must be a UUID',
      });
      return;
    }
    const track = store.getTrack(lsid);
    const user = track ? store.getUser(track.userId) : undefined;
    if (!track || !user || !store.isUsable(track)) {
      res.status(204).end();
      return;
    }
    res.json({
      success: true,
      status: 200,
      data: {
        precheck: 'password_change',
        sub: user.sub,
        username: user.username,
        requestId: track.requestId,
        reason: user.reason ?? 'first_login',
        expires_at: new Date(track.expiresAt).toISOString(),
      } satisfies PreloginMetadata,
    });
  });

  router.post(CIDAAS_ROUTES.changePassword, formParser, async (req, res) => {
    // The SDK v4 also posts loginSettingsId (the same lsid); it is accepted and ignored.
    const location = await continuePasswordChange(store, req.params.lsid, {
      old_password: bodyField(req, 'old_password'),
      new_password: bodyField(req, 'new_password'),
      confirm_password: bodyField(req, 'confirm_password'),
    });
    res.set('Cache-Control', 'no-store').redirect(302, location);
  });

  return router;
}
