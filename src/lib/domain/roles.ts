export type RoleName = 'prefecture_admin' | 'municipality_staff';

export interface Place {
	code: string;
	name: string;
}

export interface MyRoles {
	prefecture_admin: string[];
	municipality_staff: { code: string; name: string }[];
	supporter: { id: string; display_name: string } | null;
}

export interface RoleGrant {
	id: string;
	email: string | null;
	role: RoleName;
	prefecture: Place;
	municipality: Place | null;
	granted_at: string;
}

export interface RoleAuditEntry {
	actor_email: string | null;
	subject_email: string | null;
	action: 'grant' | 'revoke' | 'one_time_password';
	role: RoleName;
	prefecture: Place;
	municipality: Place | null;
	at: string;
}

/** Where a grant applies: its municipality, or the whole prefecture. */
export const scopeName = (grant: { prefecture: Place; municipality: Place | null }) =>
	grant.municipality?.name ?? grant.prefecture.name;

export const managesAnything = (roles: MyRoles | null) =>
	!!roles && (roles.prefecture_admin.length > 0 || roles.municipality_staff.length > 0);
