export type RoleName = 'prefecture_admin' | 'municipality_staff';

export interface MyRoles {
	prefecture_admin: string[];
	municipality_staff: { code: string; name: string }[];
	supporter: { id: string; display_name: string } | null;
}

export interface RoleGrant {
	id: string;
	email: string | null;
	role: RoleName;
	prefecture_code: string;
	municipality: { code: string; name: string } | null;
	granted_at: string;
}

export interface RoleAuditEntry {
	actor_email: string | null;
	subject_email: string | null;
	action: 'grant' | 'revoke';
	role: RoleName;
	municipality: { code: string; name: string } | null;
	at: string;
}

export const managesAnything = (roles: MyRoles | null) =>
	!!roles && (roles.prefecture_admin.length > 0 || roles.municipality_staff.length > 0);
