/** `/api/devices/*`: desktop device tokens. */
import type { Request } from 'express';
import { AppError, ErrorCode, parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import {
  deviceIdParamsSchema,
  deviceRefreshBodySchema,
  deviceTokenBodySchema,
} from './auth.schema.js';
import type { DeviceService } from './device.service.js';
import { contextOf, requestIdentityOf } from './request-identity.js';

/** Mount at `/api/devices`. */
export function createDeviceRoutes(devices: DeviceService): SecureRouter {
  const routes = createSecureRouter();

  // Issued from a browser-style session only (not from another device token), right after MFA.
  routes.post('/token', 'authenticated', async (req, res) => {
    const { label } = parseOrThrow(deviceTokenBodySchema, req.body);
    const identity = requestIdentityOf(req);
    if (identity.kind !== 'session') throw new AppError(ErrorCode.MFA_REQUIRED);
    const issued = await devices.issue(identity.session, label, contextOf(req, res));
    res.setHeader('cache-control', 'no-store');
    res.status(201).json(issued);
  });

  routes.post('/refresh', 'public', async (req, res) => {
    const { refreshToken } = parseOrThrow(deviceRefreshBodySchema, req.body);
    const issued = await devices.refresh(refreshToken, contextOf(req, res));
    res.setHeader('cache-control', 'no-store');
    res.json(issued);
  });

  // Your own device, or (owner) a colleague's; another organization's is NOT_FOUND.
  // A malformed id is VALIDATION_FAILED before any access decision.
  const device = (req: Request) =>
    devices.accessScope(parseOrThrow(deviceIdParamsSchema, req.params).id);

  routes.delete(
    '/:id',
    { action: 'revoke', subject: 'Device', resolve: device },
    async (req, res) => {
      const { id } = parseOrThrow(deviceIdParamsSchema, req.params);
      await devices.revoke(requirePrincipal(req), id, contextOf(req, res));
      res.status(204).end();
    },
  );

  return routes;
}
