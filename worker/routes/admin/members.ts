/** The people of a store: members with their roles, and pending invitations (owners manage them). */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { listMembers } from '../../../db/queries/admin-users';
import { deleteInvite, getInvite, listOpenInvites } from '../../../db/queries/invites';
import { recordAudit } from '../../../db/queries/audit';
import { getStore } from '../../../db/queries/stores';
import type { AppEnv } from '../../context';
import { changeMemberRole, inviteMember, removeStoreMember } from '../../domain/admin-accounts';
import { notFound } from '../../errors';
import { validationHook } from '../../http/validation';
import { InviteBodySchema, InviteParams, InviteSchema, MemberParams, MembersSchema, RoleBodySchema } from '../../schemas/admin-access';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';

export const adminMembers = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];
const iso = (ms: number) => new Date(ms).toISOString();

adminMembers.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/members',
    operationId: 'listMembers',
    tags: ['Dashboard'],
    security,
    summary: 'Who may use the dashboard of this store, and who is invited (owners)',
    request: { params: StoreParams },
    responses: { 200: json(MembersSchema, 'Members and open invitations'), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const storeId = c.get('merchantStore').id;
    const [members, invites] = await Promise.all([listMembers(c.get('db'), storeId), listOpenInvites(c.get('db'), storeId, c.get('now'))]);
    return c.json(
      {
        members: members.map((m) => ({ ...m, createdAt: iso(m.createdAt) })),
        invites: invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: iso(i.expiresAt) })),
      },
      200,
    );
  },
);

adminMembers.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/invites',
    operationId: 'inviteMember',
    tags: ['Dashboard'],
    security,
    summary: 'Invite someone by email (owners); the signed link is valid 7 days',
    request: { params: StoreParams, body: jsonBody(InviteBodySchema) },
    responses: { 201: json(InviteSchema, 'The invitation; its email is queued in the outbox'), ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),
  async (c) => {
    const { email, role } = c.req.valid('json');
    const store = await getStore(c.get('db'), c.get('merchantStore').id);
    if (!store) throw notFound('store');
    const invite = await inviteMember(c.get('db'), { store, email, role, actor: c.get('actor'), now: c.get('now'), baseUrl: c.get('baseUrl') });
    return c.json({ id: invite.id, email: invite.email, role: invite.role, expiresAt: iso(invite.expiresAt) }, 201);
  },
);

adminMembers.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/invites/{id}',
    operationId: 'deleteInvite',
    tags: ['Dashboard'],
    security,
    summary: 'Withdraw an invitation (owners); its link stops working',
    request: { params: InviteParams },
    responses: { 204: { description: 'Withdrawn' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const invite = await getInvite(c.get('db'), c.get('merchantStore').id, id);
    if (!invite || !(await deleteInvite(c.get('db'), c.get('merchantStore').id, id))) throw notFound(`invite "${id}"`);
    const details = { email: invite.email, role: invite.role, withdrawn: true };
    await recordAudit(c.get('db'), { storeId: c.get('merchantStore').id, actor: c.get('actor'), action: 'member.remove', target: { kind: 'invite', id }, details, at: c.get('now') });
    return c.body(null, 204);
  },
);

adminMembers.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}/members/{userId}',
    operationId: 'changeMemberRole',
    tags: ['Dashboard'],
    security,
    summary: "Change a member's role (owners); the last owner cannot be demoted",
    request: { params: MemberParams, body: jsonBody(RoleBodySchema) },
    responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
  }),
  async (c) => {
    const { userId } = c.req.valid('param');
    await changeMemberRole(c.get('db'), { storeId: c.get('merchantStore').id, userId, role: c.req.valid('json').role, actor: c.get('actor'), now: c.get('now') });
    return c.body(null, 204);
  },
);

adminMembers.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/members/{userId}',
    operationId: 'removeMember',
    tags: ['Dashboard'],
    security,
    summary: 'Remove a member from this store (owners); the last owner cannot be removed',
    request: { params: MemberParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const { userId } = c.req.valid('param');
    await removeStoreMember(c.get('db'), { storeId: c.get('merchantStore').id, userId, actor: c.get('actor'), now: c.get('now') });
    return c.body(null, 204);
  },
);
