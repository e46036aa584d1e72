/**
 * `/api/users/*`: an organization's members, for its owner. The guard checks the role on the
 * named member (another organization's member is NOT_FOUND); the use cases check again.
 */
import type { Request } from 'express';
import { parseOrThrow } from '@spapi/shared';
import { createSecureRouter, requirePrincipal, type SecureRouter } from '../access/index.js';
import { inviteBodySchema, roleChangeBodySchema, userIdParamsSchema } from './auth.schema.js';
import { contextOf } from './request-identity.js';
import type { TeamService } from './team.service.js';

/** Mount at `/api/users`. */
export function createTeamRoutes(team: TeamService): SecureRouter {
  const routes = createSecureRouter();

  /** The named member's attributes for the guard; a malformed id is VALIDATION_FAILED. */
  const member = (req: Request) =>
    team.accessScope(parseOrThrow(userIdParamsSchema, req.params).userId);

  routes.get('/', { action: 'read', subject: 'User' }, async (req, res) => {
    const principal = requirePrincipal(req);
    res.setHeader('cache-control', 'no-store');
    res.json({ users: await team.listMembers(principal.organizationId) });
  });

  routes.post('/', { action: 'create', subject: 'User' }, async (req, res) => {
    const { email, role } = parseOrThrow(inviteBodySchema, req.body);
    const principal = requirePrincipal(req);
    const id = await team.invite(
      { kind: 'principal', principal },
      { organizationId: principal.organizationId, email, role },
      contextOf(req, res),
    );
    res.status(201).json({ id });
  });

  routes.patch(
    '/:userId',
    { action: 'update', subject: 'User', resolve: member },
    async (req, res) => {
      const { userId } = parseOrThrow(userIdParamsSchema, req.params);
      const { role } = parseOrThrow(roleChangeBodySchema, req.body);
      const actor = { kind: 'principal', principal: requirePrincipal(req) } as const;
      await team.changeRole(actor, userId, role, contextOf(req, res));
      res.status(204).end();
    },
  );

  routes.delete(
    '/:userId',
    { action: 'delete', subject: 'User', resolve: member },
    async (req, res) => {
      const { userId } = parseOrThrow(userIdParamsSchema, req.params);
      const actor = { kind: 'principal', principal: requirePrincipal(req) } as const;
      await team.deactivate(actor, userId, contextOf(req, res));
      res.status(204).end();
    },
  );

  return routes;
}
