import type { Db } from './db/port.ts';
import type { MyRoles, RoleAuditEntry, RoleGrant, RoleName } from '../domain/roles.ts';

export const mine = (db: Db) => db.rpc<MyRoles>('my_roles');
export const list = (db: Db) => db.rpc<RoleGrant[]>('list_role_grants');
export const audit = (db: Db, limit = 50) => db.rpc<RoleAuditEntry[]>('list_role_audit', { p_limit: limit });
export const grantableMunicipalities = (db: Db) =>
	db.rpc<{ code: string; name: string }[]>('list_managed_municipalities');

export const grant = (db: Db, email: string, role: RoleName, municipalityCode?: string) =>
	db.rpc<{ id: string }>('grant_role', { p_email: email, p_role: role, p_municipality_code: municipalityCode ?? null });

export const revoke = (db: Db, grantId: string) => db.rpc<{ id: string }>('revoke_role', { p_grant_id: grantId });

/** Stores a one-time password's hash for the account holding the grant (auth makes the password). */
export const issueOneTimePassword = (db: Db, grantId: string, passwordHash: string) =>
	db.rpc<{ email: string; expires_at: string }>('issue_one_time_password', { p_grant_id: grantId, p_password_hash: passwordHash });

/** Everything the roles page shows, in one go. */
export async function rolesPage(db: Db) {
	const [grants, log, municipalities] = await Promise.all([list(db), audit(db), grantableMunicipalities(db)]);
	return { grants, log, municipalities };
}
